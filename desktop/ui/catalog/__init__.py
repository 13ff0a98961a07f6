"""The "Bộ tiêu chí" tab (Ctrl+1): ``tab`` (banner, tree and pane), ``tree`` (the
catalog tree with scores and colours), ``node_pane`` (the selected node) with
``officer_field`` (người phụ trách), ``import_dialog`` (Nhập bộ tiêu chí từ tệp…, Dán
bảng), ``share_actions`` (Tải tệp mẫu…, Xuất bộ tiêu chí ra Excel…).
"""

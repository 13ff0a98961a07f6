"""The "Gói nộp USB" tab (Ctrl+9): ``tab`` with ``scope`` (year, areas, only what
changed) and ``targets`` (sticks and folders), ``verify_dialog`` (Kiểm tra gói…),
``import_dialog`` (Nhập gói của đồng nghiệp…).
"""

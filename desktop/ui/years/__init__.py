"""Years and the commune: ``profile_form`` (first-run wizard page, Hồ sơ xã) with
``former_list`` (the former communes), ``setup_dialog`` (Thiết lập năm đánh giá),
``rollover_dialog`` (Năm mới từ năm trước), ``labels`` (the year's name and appraising
body where the main window shows them).
"""

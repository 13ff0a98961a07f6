"""Former communes' history on screen: ``units`` (the "Đơn vị:" selector), ``compare_tab``
(So sánh các xã cũ) with ``report_files``, ``import_dialog`` (Nhập lịch sử xã cũ…),
``remove_dialog`` (Xóa / Khôi phục lịch sử xã cũ…).
"""

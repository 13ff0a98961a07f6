"""Backups from the Tệp menu: ``menu`` (the menu's bundle and backup commands) and
``dialogs`` (Sao lưu ngay, Sao lưu ra USB…, Khôi phục từ bản sao lưu…).
"""

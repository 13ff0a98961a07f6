"""Evidence on screen: ``register_tab`` (the register, Ctrl+2), ``dialog`` (add / edit a
document, filled in from the document read), ``review`` (many files dropped: one row per
file, "Lưu tất cả"), ``actions`` (what the tree pane and the register both do with a document),
``node_picker`` (the sub-criteria a document serves), ``checks_panel`` (F7: kiểm tra
trước khi nộp).
"""

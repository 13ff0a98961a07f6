"""Evidence on screen: ``register_tab`` (the register, Ctrl+2), ``dialog`` (add / edit a
document), ``actions`` (what the tree pane and the register both do with a document),
``node_picker`` (the sub-criteria a document serves), ``checks_panel`` (F7: kiểm tra
trước khi nộp).
"""

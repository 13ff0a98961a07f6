"""Self-scoring on screen: ``score_box`` (a sub-criterion's score in its pane),
``rule_dialog`` (Cách tính điểm), ``declared_figure`` (Kê khai số liệu, giải trình),
``area_summary_tab`` (Tổng hợp theo lĩnh vực, Ctrl+8).
"""

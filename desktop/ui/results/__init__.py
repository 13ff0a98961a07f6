"""Results and what follows: ``tab`` (Kết quả thẩm định, Ctrl+4) with ``import_dialog``,
``losses_tab`` (Điểm bị mất, Ctrl+5) with ``area_chart``, ``plan_tab`` (Kế hoạch khắc
phục, Ctrl+6) with ``plan_model`` (the editable table).
"""

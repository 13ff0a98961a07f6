"""The "Thống kê hồ sơ TTHC" tab (Ctrl+3): ``tab``, ``import_dialog`` and ``mapping``
(reading a portal export), ``period`` (the reporting period), ``form06`` and
``indicators`` (Biểu 06 and the online-service indicators) over ``figure_table``,
``listing`` (the dossiers behind a figure), ``chart`` (monthly bars), ``manual`` (figures
only the portal knows).
"""

"""Assessment years, the commune across the July 2025 reform, and the first screen.

``store`` (years and who appraises each) with ``read`` (plain SQL), ``eras`` (the two eras,
no database), ``profile`` (the commune profile) with ``profile_read`` (plain SQL),
``setup`` (former communes and a year's catalog decision, as the dialogs save them),
``evidence_window`` (when a year's evidence may be dated, for the checks),
``rollover`` (a new year from the last) with ``mapping`` (old code → new code),
``overview`` and ``view`` (what the main window shows for a year, before SQLAlchemy loads).

May import ``catalog``, ``scoring`` (roll-up), ``office``, the top-level core modules,
``db`` and ``base``.
"""

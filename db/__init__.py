"""Database layer of Sổ CCHC: SQLAlchemy models, engine setup, migrations, file store,
SQLite's own errors in Vietnamese (``sqlerrors``).

Nothing in this package imports Qt (a test enforces it).
"""

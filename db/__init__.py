"""Database layer of Sổ CCHC: SQLAlchemy models, engine setup, migrations, file store.

Nothing in this package imports Qt (a test enforces it).
"""

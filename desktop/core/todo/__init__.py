"""Việc cần làm: the officer's year walked in order, step by step, with its state.

``steps`` (``year_todo``: the one function the "Việc cần làm" tab and ``cchc todo`` both
show) and ``deadlines`` (per-year due dates kept in the settings table, with days left).

May import ``catalog``, ``scoring``, ``evidence``, ``selfassess``, ``results``, ``dossiers``,
``report``, ``years``, ``office``, the top-level core modules, ``db`` and ``base``.
"""

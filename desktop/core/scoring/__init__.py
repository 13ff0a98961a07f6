"""Self-scoring (tự chấm điểm) of the sub-criteria and its roll-up.

``scores`` (a score per sub-criterion or "không áp dụng") with ``scores_read`` (the
catalog's scoring settings in plain SQL), ``rules`` (cách tính điểm and the score a rule
gives), ``calc`` (the roll-up arithmetic, no database) and ``rollup`` (reading what it
needs), ``declared`` (declared figures), ``offers`` (figures the app already knows, offered
as a declared value), ``subcriterion`` (everything the sub-criterion pane shows).

May import ``catalog``, ``evidence``, ``selfassess``, ``dossiers`` (figures to offer),
``office``, the top-level core modules, ``db`` and ``base``.
"""

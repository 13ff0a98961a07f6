"""The self-assessment (tự đánh giá) of a year as it is submitted.

``entry`` (a sub-criterion's declared figure, rule, score, override, explanation),
``readiness`` (what is still missing), ``ready_mark`` ("Đánh dấu sẵn sàng"), ``rounds``
(locking a year as submitted; later edits are the next round), ``report`` (the report as
plain data) with ``export_docx`` and ``export_xlsx``.

May import ``catalog``, ``scoring``, ``evidence``, ``years``, ``report`` (the state
format), ``office``, the top-level core modules, ``db`` and ``base``.
"""

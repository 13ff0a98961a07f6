"""The appraising body's results and what follows from them.

``store`` (results entered by hand) with ``read`` (the same in plain SQL), ``importer``
(the published results sheet), ``losses`` (where points were lost: per sub-criterion,
area, officer), ``plan`` (the remediation plan, seed 004) with ``plan_read`` (plain SQL,
drafted from the losses) and ``plan_export`` (its DOCX and XLSX).

May import ``catalog``, ``scoring``, ``evidence``, ``years``, ``office``, the top-level
core modules, ``db`` and ``base``.
"""

"""The criteria catalog (bộ tiêu chí) of a year: areas → criteria → sub-criteria.

``store`` (built-in sets, codes, the year's tree through the ORM), ``read`` (the same read in
plain SQL, for the report and the first screen), ``importer`` (a province's table, from
a workbook, a Word or PDF decision, a web page or a paste, through a preview), ``annex``
(finding and reading the criteria table among a source's tables), ``preview`` (the one
row model of every import), ``share`` (the blank template and the year's export, both
re-importable), ``rules_import`` (rules and bonus section read from that table), ``replace``
(saving an import over the year's catalog), ``node_rules`` (where rules and the bonus
section are kept per node), ``assignments`` (who answers for a node: người phụ trách).

May import ``evidence``, ``scoring``, ``years``, ``office``, the top-level core
modules, ``db`` and ``base``.
"""

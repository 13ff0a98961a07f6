"""The demo commune (``cchc demo``, ``cchc-desktop --demo``): two complete years, one before
the July 2025 reform (appraised by the district) and one after (by the province), a former
commune's history, sample documents marked "TÀI LIỆU MẪU", appraised results, a plan, a
portal export of dossiers, a report, a locked self-assessment and a bundle handed off.

``build`` (``create_demo``: deterministic, fixed seed) and ``samples`` (the sample files:
Word documents and the portal's dossier export, written without Qt).

May import every core package, the top-level core modules, ``db`` and ``base``.
"""

"""Evidence documents (tài liệu kiểm chứng) and their files.

``documents`` (add, edit, delete, link to sub-criteria), ``files`` (checking sources,
storing them, freeing blobs), ``query`` (the register as screens and the CLI read it),
``filename_hints`` (number, date and kind guessed from a file name), ``checks`` (the
pre-upload checks: where the appraising body would take points off). ``reading`` (its own
package) reads the document itself; it imports from here, never the other way round.

May import ``catalog``, ``scoring``, ``backup`` (integrity), ``years`` (a year's evidence
window), ``office``, the top-level core modules, ``db`` and ``base``.
"""

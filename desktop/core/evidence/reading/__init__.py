"""Reading an evidence document itself: what it says it is (số ký hiệu, ngày ban hành,
loại, trích yếu, cơ quan ban hành, người ký), whether it carries a digital signature, and
which sub-criteria of the year it most likely serves.

``layout`` (the lines of a document, in the places Nghị định 30 prescribes), ``pdf`` (a PDF
with its text layer read by positions, pypdfium2), ``docx`` (paragraphs and the header
table, python-docx), ``fields`` (the fields from those lines, also from OCR-like text),
``signature`` (signature fields and the signer's certificate), ``suggest`` (sub-criteria of
the year's catalog, duplicates in the register), ``read`` (one file → ``Reading``, never
raising on a file it cannot read).

May import ``evidence`` (kinds, file-name hints, the register), ``catalog``, ``office``, ``db``
and ``base``.
"""

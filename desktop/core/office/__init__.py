"""Office files and Vietnamese text, shared by every export and import.

``docx_common`` and ``docx_xml`` (the Word exports' shared parts, WordprocessingML as
text), ``xlsx_common`` (the .xlsx tables' shared look), ``tables`` (the ``Grid`` every
table reader hands back), one reader per source: ``sheet_reader`` (the .xlsx/.xls
tables provinces publish), ``docx_tables`` (Word), ``pdf_tables`` (PDF with a text
layer, its ruled tables found by ``pdf_rulings``), ``html_tables`` (web pages, pasted
HTML and tab-separated text), ``crypto`` (a password-protected workbook recognised),
``vnformat`` (numbers and dates the Vietnamese way), ``text`` (folding for search
without diacritics), ``text_sort`` (Vietnamese sort order).

Imports only ``base``, ``db`` and third-party libraries: every other package may use it.
"""

"""Reports (BC-UBND): draft from the data, keep in the register, write as .docx.

``fields`` (every blank a named field with its one source) and ``field_store`` (filling
one, the sentences it feeds redrafted), ``data``/``draft``/``draft_dossiers`` (the text),
``store``/``records``/``status`` (the register), ``redraft`` (refresh without losing the
officer's words), ``layout``/``docx_writer`` (the page), ``evidence_index``.

Qt-free. Printing and the app's own PDF live in ``desktop.ui.report.printing`` (Qt).
"""

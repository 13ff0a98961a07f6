"""Reports (BC-UBND): draft from the data, keep in the register, write as .docx.

Qt-free. Printing and the app's own PDF live in ``desktop.ui.report.printing`` (Qt).
"""

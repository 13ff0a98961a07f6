"""The "Báo cáo" tab (Ctrl+7): ``tab`` (the register and the selected report), ``editor``
(its sections), ``fields_form`` (the "Còn thiếu" form of its fields), ``dialogs`` (new report, redraft), ``output`` (Word and PDF in the
background), ``preview`` and ``printing`` (print preview, print, the app's own PDF).
"""

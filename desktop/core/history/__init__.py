"""Merged communes' history: each former commune's data (documents, files, scores,
results, reports) lives in its OWN data folder under the merged commune's, so nothing can
collide (``05/KH-UBND`` repeats across former communes) and attribution is structural:

    <data>/lich-su/<slug>/so-cchc.sqlite3 + files/   (one per former commune)

Modules: ``store`` (folders, listing; standard library only, the window reads it at
start-up), ``sources`` (what a file to import is: bundle or backup, and whose),
``importer`` (checks, then the import), ``compare`` (area scores and ranks side by side),
``backups`` (the data folder's backups carry the history folders), ``remove`` (a history
imported by mistake moved to ``<data>/lich-su-da-xoa/``, and put back).
"""

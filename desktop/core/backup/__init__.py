"""Backups of a data folder and their restore; the data folder's integrity check.

``files`` (backup file names and the backups in a folder), ``store`` (making backups, in
the data folder or on a stick; rotation), ``histories`` (the former communes' history
folders carried with each backup), ``restore`` (preview, keep the current state, restore,
histories included, one journal finished or rolled back at the next start), ``integrity``
(quick_check, foreign keys, the file store, leftovers, a restore left half done),
``leftovers`` (what killed programs left behind, cleaned at each start).

Knows ``history`` (its folders); ``history`` never imports this package's makers, only
``files``.
"""

"""Files the officer picks and writes: ``dialogs`` (open/save/folder dialogs that start in
the last folder used for that kind of file, else Documents; the status-bar line that says
where a file was saved, with "Mở thư mục").

May import the top-level ``desktop.ui`` modules, ``desktop.core`` and ``base``.
"""

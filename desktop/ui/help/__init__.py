"""Hướng dẫn (F1): the guide of ``desktop.core.help`` in a window, opened at the screen in
front of the officer, searchable without diacritics.

May import the top-level ``desktop.ui`` modules, ``desktop.core`` and ``base``.
"""

"""Hướng dẫn: the Vietnamese guide shown with F1, read from ``resources/help/huong-dan.md``
(the same text as the README's Vietnamese guide; a test keeps the two equal). ``guide``:
its sections, which screen each belongs to, search without diacritics.

May import ``office`` (text folding), the top-level core modules and ``base``.
"""

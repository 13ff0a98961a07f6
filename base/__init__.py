"""The lowest layer, below ``db`` and ``desktop``: typed errors carrying the Vietnamese
message the officer reads (``errors``) and operating-system errors said in Vietnamese
(``os_reason``). Imports only the standard library.
"""

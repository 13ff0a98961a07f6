"""A guard against a PySide6 6.12 bug on Python 3.11: methods returning nothing (``void``)
hand back ``None`` without a reference of their own, so every call takes one reference
from ``None`` for good. Python 3.12+ made ``None`` immortal and is not affected; on 3.11 the
count runs out when the interpreter tidies up at exit ("Fatal Python error: none_dealloc:
deallocating None"), the sooner the more Qt calls were made (laying out and printing a
report makes about 2 000).

    with keep_none_alive():
        ...many Qt calls...

gives ``None`` back, for good, the references the block took.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def keep_none_alive() -> Iterator[None]:
    if sys.version_info >= (3, 12):
        yield
        return
    before = sys.getrefcount(None)
    try:
        yield
    finally:
        lost = before - sys.getrefcount(None)
        if lost > 0:
            incref = ctypes.pythonapi.Py_IncRef
            incref.argtypes = [ctypes.py_object]
            for _ in range(lost):
                incref(None)

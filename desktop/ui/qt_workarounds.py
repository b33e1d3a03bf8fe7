"""Work-arounds for defects of the PySide6 release we ship; each says how to know it can go.

**None's reference count (PySide6 6.12.0 on Python 3.11).** Converting an invalid QVariant to Python hands
back `None` without taking a reference. Every `QComboBox.currentData()` of an item without data,
`QTreeWidgetItem.data()` of an unset role, `QModelIndex.data()` of an empty cell and the like therefore
*drops* one reference to None. A fresh process holds only a few thousand, so after a few thousand such
calls (an officer typing into a form does this on every key) CPython frees None and aborts with
"Fatal Python error: none_dealloc". From Python 3.12 None is immortal and the bug is harmless.

On Python < 3.12 `keep_none_alive()` therefore adds 2**40 references to None at start-up, checked through
`sys.getrefcount`, so the dropped ones can never bring it to zero. Delete this once the project needs Python
3.12, or when `tests/ui/test_qt_workarounds.py::test_pyside_still_drops_none_references` fails (PySide6
fixed).
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 2**40


def keep_none_alive() -> bool:
    """Give None a reserve of references on CPython < 3.12; True when the reserve is in place."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    before = sys.getrefcount(None)
    if before >= RESERVE:
        return True  # already done
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt: the first field of every object
    if abs(refcount.value - before) > 64:  # not a reference count: an object layout we do not know
        return False
    refcount.value += RESERVE
    if abs(sys.getrefcount(None) - (before + RESERVE)) > 64:
        refcount.value -= RESERVE
        return False
    return True

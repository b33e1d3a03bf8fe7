"""Work-arounds for defects of the PySide6 release we ship; each says how to know it can go.

**Dropped references to None, True and False (PySide6 6.12.0 on Python 3.11).** The bindings hand these
singletons around without taking a reference for them:
- an invalid QVariant becomes `None`: every `QComboBox.currentData()` of an item without data, every unset
  role of a `QTreeWidgetItem`/`QTableWidgetItem`/`QStandardItem`, `QModelIndex.data()` of an empty role…;
- every Qt signal delivered to a Python slot (`clicked`, `textChanged`, `valueChanged`…) and
  `processEvents()` lose a reference to `None`;
- `Signal.emit()` returns `True`: every signal a Python object emits (a form's `changed` on each key, a
  background task's result, a progress tick…).
Each call drops one reference. A fully loaded application holds about 10,000 references to True, so after
that many emits CPython frees the singleton and aborts ("Fatal Python error: bool_dealloc" or
"none_dealloc"), within a busy day at the counter. From Python 3.12 these objects are immortal and the
defect is harmless.

On Python < 3.12 `keep_singletons_alive()` therefore adds 2**40 references to each of them at start-up,
checked through `sys.getrefcount`, so the dropped ones can never bring them to zero. Delete this once the
project needs Python 3.12, or when `tests/ui/test_qt_workarounds.py::test_pyside_still_drops_references`
fails (PySide6 fixed).
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 2**40
SINGLETONS = (None, True, False)


def _reserve(obj: object) -> bool:
    before = sys.getrefcount(obj)
    if before >= RESERVE:
        return True  # already done
    refcount = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt: the first field of every object
    if abs(refcount.value - before) > 64:  # not a reference count: an object layout we do not know
        return False
    refcount.value += RESERVE
    if abs(sys.getrefcount(obj) - (before + RESERVE)) > 64:
        refcount.value -= RESERVE
        return False
    return True


def keep_singletons_alive() -> bool:
    """Give None, True and False a reserve of references on CPython < 3.12; True when it is in place."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    return all([_reserve(obj) for obj in SINGLETONS])

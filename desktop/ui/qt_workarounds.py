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

**A slow import hook.** Once `PySide6` is imported, every module imported after it is passed to
`shibokensupport.feature._mod_uses_pyside`, which asks `inspect.getsource()` whether its text mentions
"PySide6" (for the `__feature__` switches, which this application does not use). For the 400 modules of
SQLAlchemy's ORM, imported once the sign-in screen is up, that is about 0.1 s of CPU time.
`fast_feature_check()` answers the same question by reading the module's file as bytes. Delete it when
`tests/ui/test_qt_workarounds.py::test_feature_hook_still_reads_sources` fails (the hook changed).
"""

from __future__ import annotations

import ctypes
import sys
from types import ModuleType

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


def fast_feature_check() -> bool:
    """Replace PySide6's per-module source scan by a plain read of the file; True when in place."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "motcua_fast", False):
        return original is not None

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))  # built-in, compiled or without a file: PySide6's own answer
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(original(module))

    uses_pyside.motcua_fast = True  # type: ignore[attr-defined]
    uses_pyside.original = original  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]
    return True

"""The PySide6 user interface: the only package that imports Qt.

The Qt-free layers the UI needs at start-up are imported here, BEFORE PySide6: once PySide6 is loaded, its
`__feature__` import hook reads the source of every module imported afterwards to see whether it uses Qt,
which cost about 0.2 s of start-up for SQLAlchemy and the store (benchmarks/startup.py).

`qt_workarounds.keep_singletons_alive()` runs before any Qt code: PySide6 6.12 drops references to None,
True and False (see that module).
"""

import desktop.services.accounts
import desktop.store.engine
import desktop.store.queries  # noqa: F401
from desktop.ui.qt_workarounds import keep_singletons_alive

keep_singletons_alive()

"""The PySide6 user interface: the only package that imports Qt.

The Qt-free layers the UI needs at start-up are imported here, BEFORE PySide6: once PySide6 is loaded, its
`__feature__` import hook reads the source of every module imported afterwards to see whether it uses Qt,
which cost about 0.2 s of start-up for SQLAlchemy and the store (benchmarks/startup.py).
"""

import desktop.services.accounts
import desktop.store.engine
import desktop.store.queries  # noqa: F401

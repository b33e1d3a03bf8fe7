"""The PySide6 user interface: the only package that imports Qt.

`qt_workarounds` runs before any Qt code: PySide6 6.12 drops references to None, True and False, and its
import hook reads the whole source of every module imported after it (see that module).
"""

from desktop.ui.qt_workarounds import fast_feature_check, keep_singletons_alive

keep_singletons_alive()
import PySide6  # noqa: E402, F401  (installs the import hook that fast_feature_check() speeds up)

fast_feature_check()

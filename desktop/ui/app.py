"""GUI bootstrap (being built by the foundation issue's UI work)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow


def run_gui(data_dir: Path | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("Một Cửa")
    window.show()
    return int(app.exec())

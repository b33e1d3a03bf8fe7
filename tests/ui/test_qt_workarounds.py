"""PySide6 6.12 on Python 3.11 drops a reference to None whenever an invalid QVariant reaches Python
(desktop/ui/qt_workarounds.py). Each test runs in its own process, as the application does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# What an officer's day does many times over: read the data of combo-box items that have none.
TYPING_ALL_DAY = """
import sys
{setup}
from PySide6.QtWidgets import QApplication, QComboBox
app = QApplication([])
gender = QComboBox()
gender.addItem("(chưa chọn)")  # no data
for _ in range(200_000):
    gender.currentData()
print("alive", sys.getrefcount(None) > 0)
"""


def run(setup: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", TYPING_ALL_DAY.format(setup=setup)],
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_application_survives_many_invalid_qvariants() -> None:
    done = run("import desktop.ui")  # what the application and every UI test import first
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["alive", "True"]


def test_pyside_still_drops_none_references() -> None:
    """The defect itself, without the work-around. When this fails, PySide6 is fixed: delete the work-around."""
    done = run("")
    if sys.version_info < (3, 12):
        assert done.returncode != 0 and "none_dealloc" in done.stderr  # still broken: keep the work-around
    else:
        assert done.returncode == 0

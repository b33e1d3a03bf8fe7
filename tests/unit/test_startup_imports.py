"""What start-up loads before its first screen shows: only what that screen needs (benchmarks/startup.py).

The sign-in screen shows before SQLAlchemy is imported (a read-only sqlite3 peek decides it; the store
opens once it is up), and each feature view is imported when it is first opened, so a new view does not
slow every start. The checks run in a fresh process, like a real start.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from desktop.services.accounts import SignedIn
from desktop.store.engine import Store

ROOT = Path(__file__).resolve().parents[2]

# loaded only when the officer opens the view that needs them
LATER = [
    "desktop.ui.intake.view",  # Ctrl+N (with its services it was a third of the main window's start-up)
    "reportlab",  # printing
    "desktop.ui.dossier.view",  # Enter on a dossier: the view, its services, scanning (img2pdf, Pillow)
    "desktop.services.dossier_detail",
    "img2pdf",
    "holidays",  # the legal clock: intake and the dossier view
    "sync.engine",  # the first probe makes the sync engine on a worker thread
    "sync.client.http",
    "requests",
    "pydantic",
]

# not loaded before the sign-in screen is up: they come on the worker (or later) while the officer types
AFTER_SIGN_IN_SCREEN = [
    "sqlalchemy",  # the ORM: about three times as long to import as Qt takes to show a window
    "argon2",
    "desktop.store.engine",
    "desktop.store.models",
    "desktop.services.accounts",
    "logging.handlers",  # the profile's log is opened on the worker too
    "desktop.ui.main_window",
    "subprocess",  # the translation tool's modules (desktop.ui.i18n)
    "xml.etree.ElementTree",
]

SIGN_IN_SCREEN = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from desktop.ui.app import Startup
from desktop.ui.login_dialog import LoginDialog
import PySide6.QtCore

app = QApplication([])
startup = Startup(Path(sys.argv[1]))
assert startup.start()
assert isinstance(startup.window, LoginDialog) and startup.window.isVisible(), startup.window
loaded = sorted(sys.modules)
qt_namespace = "Qt" in PySide6.QtCore.__dict__  # PySide6 makes its ~150 enums (80 ms) on first use
app.processEvents()  # the store now opens on the worker
startup.close_store()
print(json.dumps({"modules": loaded, "qt_namespace": qt_namespace}))
"""


def run_python(code: str, *args: str) -> Any:
    """Run `code` in a fresh interpreter; the JSON of its last output line."""
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        check=False,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.splitlines()[-1])


def test_main_window_imports_no_feature_view() -> None:
    code = (
        "import json, sys\n"
        "import desktop.ui.app\n"
        "import desktop.ui.main_window\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    loaded = set(run_python(code))
    assert "desktop.ui.main_window" in loaded
    assert [name for name in LATER if name in loaded] == []


def test_sign_in_screen_shows_before_the_orm_is_imported(ready_store: tuple[Store, SignedIn]) -> None:
    store, _officer = ready_store
    store.close()
    result = run_python(SIGN_IN_SCREEN, str(store.profile.root))
    loaded = set(result["modules"])
    assert "desktop.ui.login_dialog" in loaded and "sqlite3" in loaded
    assert [name for name in AFTER_SIGN_IN_SCREEN if name in loaded] == []
    assert result["qt_namespace"] is False

"""What start-up loads before its first screen shows: only what that screen needs (benchmarks/startup.py).

The sign-in screen shows before SQLAlchemy is imported (a read-only sqlite3 peek decides it; the store
opens once it is up), and each feature view is imported when it is first opened, so a new view does not
slow every start. The checks run in a fresh process, like a real start.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from desktop.services.accounts import SignedIn
from desktop.store import settings
from desktop.store.engine import Store
from tests.factories import make_dossier

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
    "pkgutil",  # desktop.cli's sub-commands
]

SIGN_IN_SCREEN = """
import json, sys
from pathlib import Path
import desktop.cli  # as `motcua` starts
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
print(json.dumps({"modules": loaded, "qt_namespace": qt_namespace, "hint": startup.window.hint.text()}))
"""


# signing in at once (the password given as the application starts): not loaded until the main window
# shows its first page, read from the database file; the store opens after it
AFTER_MAIN_WINDOW = [
    "sqlalchemy",
    "desktop.store.engine",
    "desktop.store.models",
    "desktop.services.accounts",
    "logging.handlers",
    "desktop.ui.sync",  # the features on the store come with it (MainWindow.attach_store)
    "desktop.ui.intake",
    "desktop.ui.dossier",
    "desktop.ui.unit_menu",
]

MAIN_WINDOW_AT_ONCE = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from desktop.ui.app import Startup
from desktop.ui.main_window import MainWindow

app = QApplication([])
startup = Startup(Path(sys.argv[1]))
found = {}

def first_screen_up():  # where MOTCUA_EXIT_WHEN_READY prints "motcua: ready"
    if not found:
        found["modules"] = sorted(sys.modules)
        window = startup.window
        found["shown"] = isinstance(window, MainWindow) and window.isVisible()
        found["rows"] = window.dossier_list.model.rowCount() if found["shown"] else -1
        app.quit()

startup.first_screen_up = first_screen_up
assert startup.start()
app.exec()
startup.close_store()
print(json.dumps(found))
"""


def run_python(code: str, *args: str, env: dict[str, str] | None = None) -> Any:
    """Run `code` in a fresh interpreter; the JSON of its last output line."""
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env or {})),
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


def test_a_demo_profile_shows_its_sign_in_screen_before_the_orm_too(
    ready_store: tuple[Store, SignedIn], tmp_path: Path
) -> None:
    store, _officer = ready_store
    with store.transaction() as session:
        settings.mark_demo(session)  # what the peek reads (with sqlite3) to show the demo credentials
    store.close()
    demo_profile = tmp_path / "motcua-demo"  # where "Open demo profile" puts it
    shutil.copytree(store.profile.root, demo_profile)
    result = run_python(SIGN_IN_SCREEN, str(demo_profile))
    assert "demo1234" in result["hint"]
    assert result["qt_namespace"] is False  # the hint is made selectable when the mouse comes over it
    assert [name for name in AFTER_SIGN_IN_SCREEN if name in result["modules"]] == []
    assert "desktop.services.demo" not in result["modules"]
    assert "desktop.services.demo_people" not in result["modules"]


def test_signing_in_at_once_shows_the_main_window_before_the_orm_is_imported(
    ready_store: tuple[Store, SignedIn],
) -> None:
    store, _officer = ready_store
    with store.transaction() as session:
        make_dossier(session, "Trần Thị Bình")
    store.close()
    env = {"MOTCUA_AUTOLOGIN": "canbo1:matkhau-123"}
    result = run_python(MAIN_WINDOW_AT_ONCE, str(store.profile.root), env=env)
    assert result["shown"] and result["rows"] == 1  # the first page, with real data
    loaded = set(result["modules"])
    assert "argon2" in loaded  # the password was checked
    assert [name for name in AFTER_MAIN_WINDOW if name in loaded] == []

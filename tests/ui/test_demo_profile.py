"""User story: a trainee opens the demo profile from the first-run screen and signs in with the shown credentials."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QApplication

from desktop.services import demo
from desktop.ui import app as app_module
from desktop.ui.app import Startup, demo_dir_for
from desktop.ui.login_dialog import LoginDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.setup_dialog import SetupDialog
from tests.ui.helpers import type_text


def test_demo_profile_is_created_beside_the_real_one_and_signed_into(
    qtbot, startup: Startup, data_dir: Path, vietnamese, monkeypatch
):
    monkeypatch.setattr(app_module, "DEMO_DOSSIERS", 40)
    startup.start()
    setup = startup.window
    assert isinstance(setup, SetupDialog)
    qtbot.mouseClick(setup.demo_button, Qt.MouseButton.LeftButton)

    login = startup.window
    assert isinstance(login, LoginDialog) and login.isVisible()
    assert startup.store.profile.root == data_dir.parent / "profile-demo"
    assert demo.DEMO_USERNAME in login.hint.text() and demo.DEMO_PASSWORD in login.hint.text()
    assert login.hint.text().startswith("Dữ liệu mẫu")
    assert login.username.text() == demo.DEMO_USERNAME
    point = QPointF(2, 2)
    QApplication.sendEvent(login.hint, QEnterEvent(point, point, login.hint.mapToGlobal(point)))
    assert login.hint.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse  # to copy them

    type_text(login.password, demo.DEMO_PASSWORD)
    qtbot.mouseClick(login.sign_in_button, Qt.MouseButton.LeftButton)
    window = startup.window
    assert isinstance(window, MainWindow)
    assert window.dossier_list.model.rowCount() == 40
    assert window.windowTitle() == "Xã Ia Grai"
    # the real profile stays untouched: it still asks for first-run setup
    assert not (data_dir / "motcua.sqlite3").exists() or _needs_setup(data_dir)


def _needs_setup(data_dir: Path) -> bool:
    from desktop.services.accounts import needs_setup
    from desktop.store.engine import open_store

    store = open_store(data_dir)
    try:
        return needs_setup(store)
    finally:
        store.close()


def test_second_visit_to_demo_profile_does_not_seed_again(
    qtbot, startup: Startup, data_dir: Path, monkeypatch
):
    monkeypatch.setattr(app_module, "DEMO_DOSSIERS", 5)
    startup.start()
    startup.open_demo()
    startup.open_demo()
    assert isinstance(startup.window, LoginDialog)
    with startup.store.session() as session:
        from desktop.store.queries import count_dossiers

        assert count_dossiers(session) == 5


def test_demo_dir_naming(tmp_path: Path):
    assert demo_dir_for(tmp_path / "motcua") == (tmp_path / "motcua-demo").resolve()
    assert demo_dir_for(tmp_path / "motcua-demo") == (tmp_path / "motcua-demo").resolve()

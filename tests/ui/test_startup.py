"""User stories of the start-up: first-run setup, sign-in, the dossier list; bad profiles."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from sqlalchemy import text

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from desktop.store import engine
from desktop.store.engine import open_store
from desktop.store.models import Officer
from desktop.ui import app as app_module
from desktop.ui.app import Startup
from desktop.ui.login_dialog import LoginDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.setup_dialog import SetupDialog
from tests.factories import make_dossier
from tests.permissions import read_only
from tests.small_disk import damage_middle_page
from tests.ui.helpers import type_text, visible_top_levels


def fill_setup(dialog: SetupDialog, password_again: str = "matkhau-123") -> None:
    type_text(dialog.unit_name, "Xã Ia Grai")
    type_text(dialog.unit_code, "H21.55.10")
    type_text(dialog.province.lineEdit(), "Gia Lai")
    dialog.workstation.setValue(2)
    type_text(dialog.username, "canbo1")
    type_text(dialog.full_name, "Nguyễn Thị Hằng")
    type_text(dialog.password, "matkhau-123")
    type_text(dialog.password_again, password_again)


def test_first_run_setup_sign_in_and_the_dossier_list(qtbot, startup: Startup, vietnamese):
    assert startup.start()
    setup = startup.window
    assert isinstance(setup, SetupDialog) and setup.isVisible()
    assert setup.windowTitle() == "Thiết lập lần đầu"  # the platform appends " — Một Cửa" once

    fill_setup(setup)
    qtbot.mouseClick(setup.create_button, Qt.MouseButton.LeftButton)

    login = startup.window
    assert isinstance(login, LoginDialog) and login.isVisible()
    assert not setup.isVisible()
    assert login.username.text() == "canbo1"
    assert login.windowTitle() == "Đăng nhập"
    assert "Xã Ia Grai" in login.findChild(QLabel, "loginUnit").text()

    # a wrong password is refused with a message, and the password field is emptied
    type_text(login.password, "sai-mat-khau")
    qtbot.mouseClick(login.sign_in_button, Qt.MouseButton.LeftButton)
    assert login.isVisible()
    assert login.error.text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert login.password.text() == ""

    # meanwhile three dossiers have been received
    with startup.store.transaction() as session:
        for name in ("Trần Văn Đức", "Lê Thị Thu Hà", "Đặng Quốc Bảo"):
            make_dossier(session, name=name)

    type_text(login.password, "matkhau-123")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)

    window = startup.window
    assert isinstance(window, MainWindow)
    qtbot.waitExposed(window)
    assert not login.isVisible()
    table = window.dossier_list.table
    model = table.model()
    assert model.rowCount() == 3
    names = {model.index(r, 1).data() for r in range(3)}
    assert names == {"Trần Văn Đức", "Lê Thị Thu Hà", "Đặng Quốc Bảo"}
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Chủ hồ sơ"
    assert model.index(0, 4).data() == "Được tiếp nhận"
    assert "Nguyễn Thị Hằng" in window.officer_label.text()
    assert "máy 2" in window.officer_label.text()
    assert window.count_label.text() == "3 hồ sơ"

    # diacritics-insensitive search, as typed on a keyboard without Vietnamese input
    type_text(window.dossier_list.search, "dang quoc")
    qtbot.keyClick(window.dossier_list.search, Qt.Key.Key_Return)
    assert model.rowCount() == 1
    assert model.index(0, 1).data() == "Đặng Quốc Bảo"
    assert window.count_label.text() == "Tìm thấy 1 hồ sơ"


def test_setup_refuses_different_passwords_and_explains_bad_fields(qtbot, startup: Startup, vietnamese):
    startup.start()
    setup = startup.window
    fill_setup(setup, password_again="khac-han")
    qtbot.mouseClick(setup.create_button, Qt.MouseButton.LeftButton)
    assert setup.isVisible()
    assert setup.error.text() == "Hai mật khẩu không giống nhau."

    setup.password_again.clear()
    type_text(setup.password_again, "matkhau-123")
    setup.unit_code.clear()
    qtbot.mouseClick(setup.create_button, Qt.MouseButton.LeftButton)
    assert setup.isVisible()
    assert setup.error.text() == "Hãy nhập mã định danh của cơ quan."
    assert setup.unit_code.hasFocus() or setup.focusWidget() is setup.unit_code


def test_second_start_goes_straight_to_sign_in(qtbot, startup: Startup, ready_store):
    from desktop.services.accounts import sign_in

    store, officer = ready_store
    sign_in(store, "canbo1", "matkhau-123")
    store.close()
    assert startup.start()
    assert isinstance(startup.window, LoginDialog)
    assert startup.window.username.text() == "canbo1"  # the last username of this workstation
    qtbot.waitUntil(lambda: QApplication.focusWidget() is startup.window.password)


def test_foreign_file_as_database_is_named_and_kept(qtbot, startup: Startup, data_dir: Path):
    data_dir.mkdir(parents=True)
    db = data_dir / "motcua.sqlite3"
    db.write_bytes(b"%PDF-1.7 this is not a database\n" * 10)
    before = db.read_bytes()
    assert not startup.start()
    boxes = visible_top_levels(QMessageBox)
    assert len(boxes) == 1
    assert str(db) in boxes[0].text()
    assert startup.exit_code != 0
    assert db.read_bytes() == before


def test_damaged_settings_page_is_a_message_naming_the_file(qtbot, startup: Startup, ready_store, vietnamese):
    store, _officer = ready_store
    with store.session() as session:
        page_size = session.execute(text("PRAGMA page_size")).scalar_one()
        root = session.execute(
            text("SELECT rootpage FROM sqlite_master WHERE name = 'settings'")
        ).scalar_one()
    store.close()
    db = store.profile.db_path
    with db.open("r+b") as fh:  # a bad sector where the profile's settings live
        fh.seek((root - 1) * page_size)
        fh.write(b"\x5a" * page_size)
    before = db.read_bytes()
    assert not startup.start()
    (box,) = visible_top_levels(QMessageBox)
    assert box.text().startswith(f"Tệp dữ liệu '{db}' bị hỏng")
    assert startup.exit_code == 2
    assert db.read_bytes() == before


def test_a_damaged_store_is_said_at_start_and_can_still_be_read(
    qtbot, startup: Startup, ready_store, vietnamese
):
    store, _officer = ready_store
    with store.transaction() as session:
        for n in range(300):
            make_dossier(session, name=f"Người Thử {n}")
    store.close()
    db = store.profile.db_path
    damage_middle_page(db)
    before = db.read_bytes()
    assert startup.start()
    login = startup.window
    assert isinstance(login, LoginDialog)
    (box,) = visible_top_levels(QMessageBox)
    assert box.objectName() == "errorMessage"  # a message, not the crash dialog
    assert box.text().startswith(f"Tệp dữ liệu '{db}' bị hỏng")
    assert "không ghi gì thêm vào tệp này" in box.text()
    box.close()
    login.username.setText("canbo1")
    type_text(login.password, "matkhau-123")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    window = startup.window
    assert isinstance(window, MainWindow)  # still signed in, to read and print
    assert startup.store is not None and startup.store.read_only
    assert db.read_bytes() == before


def test_data_dir_that_is_a_file_is_explained(qtbot, qapp, tmp_path: Path):
    target = tmp_path / "not-a-folder"
    target.write_text("x")
    startup = Startup(target)
    try:
        assert not startup.start()
        (box,) = visible_top_levels(QMessageBox)
        assert str(target) in box.text()
        assert "là một tệp" in box.text()
    finally:
        for widget in visible_top_levels():
            widget.close()


def test_read_only_data_folder_is_explained(qtbot, qapp, open_tmp: Path, vietnamese):
    folder = open_tmp / "profile"
    folder.mkdir()
    startup = Startup(folder)
    try:
        with read_only(folder):
            assert not startup.start()
        (box,) = visible_top_levels(QMessageBox)
        assert box.windowTitle() == "Lỗi lưu trữ dữ liệu"
        assert f"Thư mục dữ liệu '{folder}' chỉ đọc: không thể lưu hồ sơ." in box.text()
        assert startup.exit_code == 2
        assert list(folder.iterdir()) == []
    finally:
        for widget in visible_top_levels():
            widget.close()


def test_read_only_log_folder_is_explained(qtbot, qapp, open_tmp: Path, vietnamese):
    folder = open_tmp / "profile"
    open_store(folder).close()
    folder.chmod(0o777)  # the profile itself stays writable for the test's unprivileged user …
    (folder / "motcua.sqlite3").chmod(0o666)
    startup = Startup(folder)
    try:
        with read_only(folder / "logs"):  # … but not its log folder
            assert not startup.start()
        (box,) = visible_top_levels(QMessageBox)
        assert f"'{folder / 'logs'}' chỉ đọc" in box.text()
        assert startup.exit_code == 2
    finally:
        for widget in visible_top_levels():
            widget.close()
        startup.close_store()


def test_database_locked_by_another_program_at_sign_in(
    qtbot, startup: Startup, ready_store, monkeypatch, vietnamese
):
    store, _officer = ready_store
    store.close()
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 50)
    assert startup.start()
    login = startup.window
    db = startup.store.profile.db_path
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # e.g. a backup tool or a second copy of the program
    try:
        login.username.setText("canbo1")
        type_text(login.password, "matkhau-123")
        qtbot.mouseClick(login.sign_in_button, Qt.MouseButton.LeftButton)
        (box,) = visible_top_levels(QMessageBox)
        assert box.text().startswith(f"Cơ sở dữ liệu '{db}' đang bị khóa bởi chương trình khác")
        assert login.isVisible() and login.sign_in_button.isEnabled()
        box.close()
    finally:
        other.rollback()
        other.close()
    qtbot.mouseClick(login.sign_in_button, Qt.MouseButton.LeftButton)  # the lock is gone: it works
    assert isinstance(startup.window, MainWindow)


def test_store_stays_usable_after_login(qtbot, startup: Startup, ready_store, monkeypatch):
    store, _officer = ready_store
    store.close()
    monkeypatch.setenv("MOTCUA_AUTOLOGIN", "canbo1:matkhau-123")
    assert startup.start()
    assert isinstance(startup.window, MainWindow)
    assert startup.window.dossier_list.model.rowCount() == 0
    reopened = open_store(startup.store.profile.root)
    reopened.close()


def test_sign_in_before_the_store_is_open_checks_the_password_meanwhile(
    qtbot, startup: Startup, ready_store, threaded_tasks, monkeypatch, vietnamese
):
    store, _officer = ready_store
    store.close()
    opening = threading.Event()  # the store opens only when the test says so (a slow disk, a big migration)
    open_profile = app_module._open_profile

    def slow_open(profile):
        assert opening.wait(30)
        return open_profile(profile)

    monkeypatch.setattr(app_module, "_open_profile", slow_open)
    try:
        assert startup.start()
        login = startup.window
        assert isinstance(login, LoginDialog) and login.isVisible()
        assert "Xã Ia Grai" in login.findChild(QLabel, "loginUnit").text()  # from the peek

        login.username.setText("CANBO1")  # any case, as through the store
        type_text(login.password, "sai-mat-khau")
        qtbot.keyClick(login.password, Qt.Key.Key_Return)
        assert login.busy.isVisible() and not login.sign_in_button.isEnabled()  # waits, without freezing
        qtbot.waitUntil(login.error.isVisible, timeout=30_000)
        assert login.error.text() == "Sai tên đăng nhập hoặc mật khẩu."  # refused without the store
        assert startup.store is None and login.password.text() == ""

        type_text(login.password, "matkhau-123")
        qtbot.keyClick(login.password, Qt.Key.Key_Return)
        qtbot.wait(300)
        assert login.isVisible() and login.busy.isVisible()  # accepted, waiting for the store
    finally:
        opening.set()
    qtbot.waitUntil(lambda: isinstance(startup.window, MainWindow), timeout=30_000)
    assert startup.store is not None
    assert "Nguyễn Thị Hằng" in startup.window.officer_label.text()


def test_signing_in_at_once_shows_the_list_before_the_store_is_open(
    qtbot, startup: Startup, ready_store, threaded_tasks, monkeypatch, vietnamese
):
    store, officer = ready_store
    with store.transaction() as session:
        make_dossier(session, "Trần Thị Bình")
    store.close()
    opening = threading.Event()
    open_profile = app_module._open_profile

    def slow_open(profile):
        assert opening.wait(30)
        return open_profile(profile)

    monkeypatch.setattr(app_module, "_open_profile", slow_open)
    monkeypatch.setenv("MOTCUA_AUTOLOGIN", "canbo1:matkhau-123")
    try:
        assert startup.start()
        qtbot.waitUntil(lambda: isinstance(startup.window, MainWindow), timeout=30_000)
        window = startup.window
        assert window.isVisible() and startup.store is None  # the password checked, the store not open
        qtbot.waitUntil(lambda: window.dossier_list.model.rowCount() == 1, timeout=30_000)
        index = window.dossier_list.model.index(0, 1)
        assert window.dossier_list.model.data(index) == "Trần Thị Bình"  # read from the file
        assert "Nguyễn Thị Hằng" in window.officer_label.text() and "1" in window.officer_label.text()
        assert not window.action_new_dossier.isEnabled()  # the features come with the store
    finally:
        opening.set()
    qtbot.waitUntil(window.action_new_dossier.isEnabled, timeout=30_000)
    assert startup.window is window and startup.store is not None  # the same window, now on the store
    with startup.store.session() as session:
        row = session.get(Officer, officer.officer_id)
        assert row is not None and row.last_login_at is not None  # the sign-in recorded


def test_a_wrong_password_given_at_once_shows_no_main_window(
    qtbot, startup: Startup, ready_store, threaded_tasks, monkeypatch, vietnamese
):
    store, _officer = ready_store
    store.close()
    monkeypatch.setenv("MOTCUA_AUTOLOGIN", "canbo1:sai-mat-khau")
    assert startup.start()
    qtbot.waitUntil(lambda: bool(visible_top_levels(QMessageBox)), timeout=30_000)
    (box,) = visible_top_levels(QMessageBox)
    assert box.text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert startup.exit_code == 2 and not visible_top_levels(MainWindow)
    box.close()


def test_a_newer_database_is_explained_over_the_sign_in_screen(
    qtbot, startup: Startup, ready_store, vietnamese
):
    store, _officer = ready_store
    store.close()
    db = store.profile.db_path
    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 99")  # written by a later release
    con.close()
    before = db.read_bytes()
    assert startup.start()  # the peek cannot tell: the sign-in screen shows, then opening the store refuses
    login = startup.window
    (box,) = visible_top_levels(QMessageBox)
    assert "được tạo bởi phiên bản mới hơn của Một Cửa" in box.text()
    assert str(db) in box.text()
    assert startup.exit_code == 2
    box.button(QMessageBox.StandardButton.Ok).click()
    assert not login.isVisible()  # and with it the application ends
    assert db.read_bytes() == before

"""Officers at the counter (issue 18) in the GUI: the idle lock over the main window keeps an intake as
typed and opens only with the officer's password; the sign-in screen locks an account out after 5 wrong
passwords; switching officer keeps the intake as the first officer's draft; a read-only officer gets no
changing action; the administrator's officers dialog."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QPushButton

from desktop.services import officers
from desktop.services.accounts import SignedIn, sign_in
from desktop.services.audit import audit_lines
from desktop.services.drafts import latest_draft
from desktop.services.intake import receive_dossier
from desktop.store.engine import Store
from desktop.ui.dossier.view import DossierView
from desktop.ui.intake import open_intake
from desktop.ui.login_dialog import LoginDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.officers_dialog import OfficersDialog
from tests.conftest import DEMO_SETUP
from tests.factories import intake_draft
from tests.ui.helpers import type_text, visible_top_levels

pytestmark = pytest.mark.usefixtures("vietnamese")
PW = "quay-mot-cua-2"


def _window(qtbot: QtBot, store: Store, officer: SignedIn) -> MainWindow:
    win = MainWindow(store, officer, workstation="1")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _unlock_with(qtbot: QtBot, win: MainWindow, password: str) -> None:
    panel = win.screen_lock.panel
    panel.password.clear()
    qtbot.keyClicks(panel.password, password)
    panel.unlock_button.click()


def test_idle_lock_keeps_the_intake_and_opens_with_the_password(
    qtbot: QtBot, ready_store: tuple[Store, SignedIn]
) -> None:
    store, officer = ready_store
    win = _window(qtbot, store, officer)
    view = open_intake(win)
    type_text(view.applicant.full_name, "Trần Thị Đào")
    lock = win.screen_lock
    lock.timer.setInterval(60)  # instead of 10 minutes
    lock.timer.start()
    qtbot.waitUntil(lambda: lock.locked, timeout=3000)
    assert lock.panel.geometry() == win.rect()  # covers the whole window: no citizen data shows
    assert "Màn hình đang khoá" in [label.text() for label in lock.panel.findChildren(QLabel)]
    qtbot.keyClicks(view.applicant.full_name, "xyz")  # input for the window under the lock is swallowed
    assert view.applicant.full_name.text() == "Trần Thị Đào"

    _unlock_with(qtbot, win, "sai-mat-khau")
    assert lock.locked and lock.panel.error.text() == "Sai tên đăng nhập hoặc mật khẩu."
    _unlock_with(qtbot, win, DEMO_SETUP.password)
    assert not lock.locked
    assert view.applicant.full_name.text() == "Trần Thị Đào"  # the intake as it was typed
    assert lock.timer.isActive()  # counting idle time again
    actions = [line.action for line in audit_lines(store)[:3]]
    assert actions == ["screen_unlocked", "sign_in_failed", "screen_locked"]


def test_activity_keeps_the_screen_unlocked(qtbot: QtBot, ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    win = _window(qtbot, store, officer)
    lock = win.screen_lock
    lock.timer.setInterval(400)
    lock.timer.start()
    for _ in range(4):
        qtbot.wait(150)
        qtbot.keyClick(win.dossier_list.search, "a")  # the officer works: the idle count restarts
    assert not lock.locked
    about = win.show_about()  # another window of the application, open
    win.findChild(QAction, "lockScreen").trigger()  # File → Khoá màn hình
    assert lock.locked and not about.isVisible()  # hidden under the lock
    _unlock_with(qtbot, win, DEMO_SETUP.password)
    assert not lock.locked and about.isVisible()  # back as it was


def test_five_wrong_passwords_lock_the_account_on_the_sign_in_screen(
    qtbot: QtBot, ready_store: tuple[Store, SignedIn]
) -> None:
    store, _officer = ready_store
    dialog = LoginDialog(store, unit_name="Xã Ia Grai", username="canbo1")
    qtbot.addWidget(dialog)
    dialog.show()
    for attempt in range(6):
        dialog.password.setText("sai-mat-khau" if attempt < 5 else DEMO_SETUP.password)
        dialog.submit()
        if attempt < 4:
            assert dialog.error.text() == "Sai tên đăng nhập hoặc mật khẩu."
        else:  # the 5th wrong one locks; the right password is refused while it lasts
            assert "đang bị tạm khoá đến" in dialog.error.text()
            assert "quản trị viên mở khoá" in dialog.error.text()
    assert dialog.isVisible()


def test_switching_officer_keeps_the_intake_as_the_first_officers_draft(
    qtbot: QtBot, ready_store: tuple[Store, SignedIn]
) -> None:
    store, officer = ready_store
    win = _window(qtbot, store, officer)
    view = open_intake(win)
    type_text(view.applicant.full_name, "Lê Văn Giữ")
    win.screen_lock.lock()
    with qtbot.waitSignal(win.sign_out_requested, timeout=3000):
        win.screen_lock.panel.switch_button.click()
    assert win.switching  # the sign-in screen comes up without a username
    saved = latest_draft(store, officer)
    assert saved is not None and saved.draft.applicant.full_name == "Lê Văn Giữ"


def test_a_read_only_officer_gets_no_changing_action(
    qtbot: QtBot, ready_store: tuple[Store, SignedIn]
) -> None:
    store, admin = ready_store
    officers.add_officer(store, admin, "lanhdao", "Trần Văn Lãnh", PW, "readonly")
    win = _window(qtbot, store, sign_in(store, "lanhdao", PW))
    for name in ("newDossier", "handOverBatch", "returnByCode"):
        action = win.findChild(QAction, name)
        assert action is not None and not action.isEnabled(), name
    assert win.findChild(QAction, "manageOfficers") is None  # administrators only
    assert win.findChild(QAction, "switchOfficer").isEnabled()
    dossier = receive_dossier(store, admin, intake_draft(store))
    view = DossierView(store, win.officer, dossier.id)
    qtbot.addWidget(view)
    enabled = {name for name, action in view.follow_up.actions.items() if action.isEnabled()}
    assert enabled == {"reprint_receipt", "control_slip"}  # printing only; an officer also gets hand over…


def test_a_sign_in_refused_before_the_store_opened_counts_once_it_is(
    qtbot: QtBot, ready_store: tuple[Store, SignedIn]
) -> None:
    store, _officer = ready_store
    dialog = LoginDialog(None, unit_name="Xã Ia Grai", username="canbo1", profile=store.profile)
    qtbot.addWidget(dialog)
    dialog.password.setText("sai-mat-khau")
    dialog.submit()  # checked against the database file, read-only
    assert dialog.error.text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert [line.action for line in audit_lines(store)][0] == "officer_added"  # not written yet
    dialog.set_store(store)
    assert [(line.action, line.officer) for line in audit_lines(store)][0] == ("sign_in_failed", "canbo1")


def test_the_administrator_adds_an_officer_and_lifts_a_lockout(
    qtbot: QtBot, ready_store: tuple[Store, SignedIn]
) -> None:
    store, admin = ready_store
    win = _window(qtbot, store, admin)
    win.findChild(QAction, "manageOfficers").trigger()
    [dialog] = visible_top_levels(OfficersDialog)
    assert isinstance(dialog, OfficersDialog)
    assert dialog.windowTitle() == "Cán bộ"
    add = dialog.add()
    add.username.setText("canbo2")
    type_text(add.full_name, "Lê Thị Quầy")
    add.password.setText("1234")
    add.password_again.setText("1234")
    add.accept()
    assert dialog.error.text() == "Mật khẩu phải có ít nhất 8 ký tự."  # the policy, in Vietnamese
    add = dialog.add()
    add.username.setText("canbo2")
    type_text(add.full_name, "Lê Thị Quầy")
    add.password.setText(PW)
    add.password_again.setText(PW)
    add.accept()
    assert [row.username for row in dialog.rows] == ["canbo1", "canbo2"]
    assert dialog.table.item(1, 3).text() == "đang hoạt động"

    for _ in range(5):
        with pytest.raises(Exception, match="Sai|tạm khoá"):
            sign_in(store, "canbo2", "sai-mat-khau")
    dialog.reload()
    dialog.select("canbo2")
    assert dialog.table.item(1, 3).text().startswith("tạm khoá đến")
    assert dialog.unlock_button.isEnabled()
    dialog.unlock_button.click()
    assert sign_in(store, "canbo2", PW).username == "canbo2"
    dialog.auto_lock.setValue(3)
    with qtbot.waitSignal(dialog.auto_lock_changed):
        dialog.findChild(QPushButton, "saveAutoLock").click()
    assert win.screen_lock.timer.interval() == 3 * 60_000
    assert officers.auto_lock_minutes(store) == 3


def test_the_officer_dialogs_have_unique_alt_letters(
    qtbot: QtBot, ready_store: tuple[Store, SignedIn]
) -> None:
    from desktop.ui.officers_dialog import AddOfficerDialog, NewPasswordDialog
    from tests.ui.test_mnemonics import _assert_unique_typeable, _labels_without_buddy

    store, admin = ready_store
    dialog = OfficersDialog(store, admin)
    qtbot.addWidget(dialog)
    for each in (dialog, AddOfficerDialog(), NewPasswordDialog("canbo1")):
        qtbot.addWidget(each)
        assert _labels_without_buddy(each) == []
        _assert_unique_typeable(each)

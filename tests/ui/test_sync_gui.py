"""User stories of sync in the counter application, against the real reference server on loopback.

Real worker threads (`threaded_tasks`), the real uvicorn server in a thread, the real SQLite profile; only
the timings are shortened (probe interval, backoff) so that nothing waits for minutes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta

import keyring
import pytest
from sqlalchemy import select

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QLineEdit, QMessageBox, QProgressDialog, QPushButton

from desktop.core.timeutil import now_local
from desktop.services.accounts import SignedIn, complete_setup
from desktop.services.sync_control import ProbeSchedule, read_overview
from desktop.store import settings
from desktop.store.engine import Store, open_store
from desktop.store.events import pending_count
from desktop.store.models import SyncRun
from desktop.store.workstation import current_workstation
from desktop.ui.main_window import MainWindow
from desktop.ui.sync import controller as sync_controller
from sync.client import credentials
from sync.client.config import DEVICE_ID, get_state
from sync.client.retry import RetryPolicy
from sync.server.models import ServerDevice
from sync.server.store import ServerStore
from tests.conftest import DEMO_SETUP
from tests.e2e.faultproxy import FaultProxy
from tests.sync_helpers import (
    CLIENT_RETRY,
    OFFICER,
    PASSWORD,
    UNIT_CODE,
    LoopbackServer,
    MemoryKeyring,
    RefusingKeyring,
    enrol_store,
    free_port,
    local_event_uuids,
    receive_many,
    server_event_uuids,
)

FAST = ProbeSchedule(online_interval=0.2, offline_base=0.05, offline_cap=0.2, push_delay=0.05)
WAIT = 20_000

MakeWindow = Callable[..., MainWindow]


@pytest.fixture
def make_window(
    qtbot, ready_store, memory_keyring: MemoryKeyring, sync_server, threaded_tasks, vietnamese, monkeypatch
) -> Iterator[MakeWindow]:
    """Builds the main window with short sync timings; stops its sync before the server goes away."""
    store, officer = ready_store
    windows: list[MainWindow] = []

    def make(schedule: ProbeSchedule = FAST, retry: RetryPolicy = CLIENT_RETRY) -> MainWindow:
        monkeypatch.setattr(sync_controller, "SCHEDULE", schedule)
        monkeypatch.setattr(sync_controller, "RETRY", retry)
        window = MainWindow(store, officer)
        window.show()
        windows.append(window)
        return window

    yield make
    # Before pytest-qt would delete the windows: a pass still running must report back first.
    for window in windows:
        window.sync.guard.allow = True
        window.sync.controller.stop()
        qtbot.waitUntil(
            lambda w=window: not w.sync.controller.running and not w.sync.controller.probing, timeout=WAIT
        )
        window.close()
        window.deleteLater()


def pending_in(store: Store) -> int:
    with store.session() as session:
        return pending_count(session)


def restart_on_same_port(server: LoopbackServer, server_store: ServerStore) -> LoopbackServer:
    """The provincial server back after an outage, at the same address."""
    again = LoopbackServer(server_store)
    again.port = server.port
    again.server.config.port = server.port
    again.start()
    return again


QUIET = ProbeSchedule(online_interval=3600, push_delay=3600)  # no automatic pass unless the test makes one


def online_window(
    qtbot,
    make_window: MakeWindow,
    store: Store,
    url: str,
    schedule: ProbeSchedule = FAST,
    retry: RetryPolicy = CLIENT_RETRY,
) -> MainWindow:
    """The main window of a workstation enrolled with `url`, once the status bar shows the server answering."""
    enrol_store(store, url)
    window = make_window(schedule, retry)
    qtbot.waitUntil(lambda: window.sync_status.state.text() == "Trực tuyến", timeout=WAIT)
    return window


def record_changes(qtbot, window: MainWindow, officer: SignedIn, count: int) -> None:
    """`count` dossiers received at the counter; the status bar counts them as waiting."""
    receive_many(window.store, officer, count)
    window.refresh()
    qtbot.waitUntil(lambda: window.sync_status.pending_events == count, timeout=WAIT)


def test_enrol_from_the_dialog_with_clear_messages(
    qtbot, make_window: MakeWindow, sync_server, memory_keyring, tmp_path
):
    window = make_window()
    assert not window.action_sync_now.isEnabled()  # not enrolled: nothing to sync with
    assert window.sync_status.state.text() == "Chưa kết nối với tỉnh"
    window.sync.action_connect.trigger()
    dialog = window.sync.connect_dialog
    assert dialog is not None and dialog.isVisible()

    def connect_with(url: str, password: str) -> None:
        dialog.server_url.setText(url)
        dialog.username.setText(OFFICER)
        dialog.password.setText(password)
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(dialog.connect_button.isEnabled, timeout=WAIT)

    connect_with(f"http://127.0.0.1:{free_port()}", PASSWORD)
    assert dialog.error.isVisible() and dialog.error.text().startswith("Không kết nối được máy chủ tỉnh")
    connect_with(sync_server.url.replace("http:", "https:"), PASSWORD)
    assert "chứng chỉ" in dialog.error.text()
    connect_with(sync_server.url, "sai-mat-khau")
    assert dialog.error.text() == "Tên đăng nhập hoặc mật khẩu hệ thống tỉnh không đúng."
    assert dialog.password.text() == ""  # cleared for a new try; the rest is kept
    assert dialog.server_url.text() == sync_server.url and dialog.username.text() == OFFICER
    assert memory_keyring.secrets == {}
    not_a_cert = tmp_path / "ca.pem"
    not_a_cert.write_text("không phải chứng chỉ", encoding="utf-8")
    dialog.ca_bundle.setText(str(not_a_cert))
    connect_with(sync_server.url, PASSWORD)
    assert "PEM" in dialog.error.text() and memory_keyring.secrets == {}
    dialog.ca_bundle.clear()

    dialog.password.setText(PASSWORD)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync.connect_dialog is None, timeout=WAIT)  # closed on success
    with window.store.session() as session:
        device = get_state(session, DEVICE_ID)
    assert credentials.load_token(device)  # the token is in the keyring
    qtbot.waitUntil(lambda: window.sync_status.state.text() == "Trực tuyến", timeout=WAIT)
    assert window.action_sync_now.isEnabled()
    assert "Đã kết nối" in window.statusBar().currentMessage()


def test_a_locked_keyring_is_explained_in_the_dialog_and_the_retry_leaves_one_device(
    qtbot, make_window: MakeWindow, sync_server, server_store: ServerStore, memory_keyring
):
    window = make_window()
    dialog = window.sync.open_connect()
    dialog.server_url.setText(sync_server.url)
    dialog.username.setText(OFFICER)
    dialog.password.setText(PASSWORD)
    keyring.set_keyring(RefusingKeyring())
    try:
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(dialog.connect_button.isEnabled, timeout=WAIT)
    finally:
        keyring.set_keyring(memory_keyring)
    assert (
        dialog.error.isVisible() and "đang khoá" in dialog.error.text() and "Mở khoá" in dialog.error.text()
    )
    assert "Keyring" not in dialog.error.text()
    assert dialog.password.text() == PASSWORD  # the account was right: nothing to type again
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync.connect_dialog is None, timeout=WAIT)
    report = server_store.report(UNIT_CODE)
    assert (report["devices"], report["pending_devices"]) == (1, 0)


def test_the_dialog_offers_another_workstation_number_when_the_province_refuses_this_one(
    qtbot, make_window: MakeWindow, sync_server, tmp_path
):
    other = open_store(tmp_path / "other-workstation")  # workstation 1 of the same commune, enrolled first
    try:
        complete_setup(other, replace(DEMO_SETUP, username="canbo2"))
        enrol_store(other, sync_server.url)
    finally:
        other.close()
    window = make_window()
    dialog = window.sync.open_connect()
    assert dialog.workstation.value() == 1
    dialog.server_url.setText(sync_server.url)
    dialog.username.setText(OFFICER)
    dialog.password.setText(PASSWORD)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.connect_button.isEnabled, timeout=WAIT)
    assert dialog.error.text().startswith("Số máy trạm 1 đang được một máy trạm khác")
    assert dialog.focusWidget() is dialog.workstation.findChild(QLineEdit) or dialog.workstation.hasFocus()
    dialog.workstation.setValue(2)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync.connect_dialog is None, timeout=WAIT)
    assert current_workstation(window.store) == 2
    assert window.officer_label.text().endswith("máy 2")


def test_the_unit_administrator_replaces_a_workstation_from_the_dialog(
    qtbot, make_window: MakeWindow, sync_server, server_store: ServerStore, tmp_path
):
    other = open_store(tmp_path / "broken-workstation")  # workstation 1, enrolled first, now to be replaced
    try:
        complete_setup(other, replace(DEMO_SETUP, username="canbo2"))
        enrol_store(other, sync_server.url)
        with other.session() as session:
            broken = get_state(session, DEVICE_ID)
    finally:
        other.close()
    server_store.create_officer(UNIT_CODE, "quantri", "matkhau-quantri", "Quản trị xã")
    server_store.set_unit_admin(UNIT_CODE, "quantri", True)
    window = make_window()
    dialog = window.sync.open_connect()
    dialog.server_url.setText(sync_server.url)
    dialog.username.setText(OFFICER)
    dialog.password.setText(PASSWORD)
    dialog.replace_workstation.setChecked(True)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.connect_button.isEnabled, timeout=WAIT)
    assert dialog.error.text().startswith("Chỉ quản trị đơn vị mới được thay máy trạm số 1")
    assert dialog.username.hasFocus() and dialog.password.text() == ""  # another account is needed
    dialog.username.setText("quantri")
    dialog.password.setText("matkhau-quantri")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync.connect_dialog is None, timeout=WAIT)
    assert current_workstation(window.store) == 1
    with server_store.transaction() as session:
        assert session.get_one(ServerDevice, broken).revoked_at is not None


def test_f9_pushes_and_shows_the_outcome(
    qtbot, make_window: MakeWindow, ready_store, sync_server, server_store
):
    store, officer = ready_store
    window = online_window(qtbot, make_window, store, sync_server.url, QUIET)
    receive_many(store, officer, 3)  # recorded by another screen; the status bar learns of it on F9
    assert window.action_sync_now.shortcut().toString() == "F9"
    window.action_sync_now.trigger()
    qtbot.waitUntil(lambda: window.sync.result_box is not None, timeout=WAIT)
    box = window.sync.result_box
    assert box is not None and box.isVisible()
    assert "Đồng bộ xong." in box.text() and "Đã gửi: 3" in box.text() and "Còn chờ gửi: 0" in box.text()
    assert window.statusBar().currentMessage().startswith("Đồng bộ: đã gửi 3")
    qtbot.waitUntil(
        lambda: window.sync_status.pending_events == 0 and window.sync_status.last_sync is not None
    )
    assert window.sync_status.pending.isHidden()
    assert sorted(server_event_uuids(server_store)) == sorted(local_event_uuids(store))


def test_a_bug_in_a_pass_is_reported_in_vietnamese_not_as_its_own_text(
    qtbot, make_window: MakeWindow, ready_store, sync_server, monkeypatch
):
    store, _officer = ready_store
    window = online_window(qtbot, make_window, store, sync_server.url, QUIET)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError("internal_detail")

    monkeypatch.setattr(window.sync.controller.engine, "run_pass", broken)
    window.action_sync_now.trigger()
    qtbot.waitUntil(lambda: window.sync.result_box is not None, timeout=WAIT)
    box = window.sync.result_box
    assert box is not None
    assert "Đồng bộ không thành công." in box.text() and "Đã xảy ra lỗi ngoài dự kiến" in box.text()
    assert "internal_detail" not in box.text() and "KeyError" not in box.text()


def test_offline_keeps_everything_and_pushes_when_the_server_is_back(
    qtbot, make_window: MakeWindow, ready_store, sync_server, server_store
):
    store, officer = ready_store
    window = online_window(qtbot, make_window, store, sync_server.url)

    sync_server.stop()
    receive_many(store, officer, 2)
    window.refresh()
    qtbot.waitUntil(lambda: window.sync_status.state.text() == "Mất kết nối", timeout=WAIT)
    qtbot.waitUntil(lambda: window.sync_status.pending_events == 2, timeout=WAIT)
    assert pending_in(store) == 2 and server_event_uuids(server_store) == []

    said: list[str] = []  # a later automatic pass (nothing left to send) may already have its own line
    window.statusBar().messageChanged.connect(said.append)
    back = restart_on_same_port(sync_server, server_store)
    try:
        qtbot.waitUntil(lambda: window.sync_status.state.text() == "Trực tuyến", timeout=WAIT)
        qtbot.waitUntil(lambda: window.sync_status.pending_events == 0, timeout=WAIT)  # pushed by itself
        assert sorted(server_event_uuids(server_store)) == sorted(local_event_uuids(store))
        assert window.sync.result_box is None  # automatic passes do not interrupt with a message
        qtbot.waitUntil(lambda: any(m.startswith("Đồng bộ: đã gửi 2") for m in said), timeout=WAIT)
    finally:
        window.sync.controller.stop()
        qtbot.waitUntil(lambda: not window.sync.controller.running and not window.sync.controller.probing)
        back.stop()


def test_revoked_device_asks_for_a_new_login_and_keeps_the_queue(
    qtbot, make_window: MakeWindow, ready_store, sync_server, server_store
):
    store, officer = ready_store
    window = online_window(qtbot, make_window, store, sync_server.url, QUIET)
    with store.session() as session:
        server_store.revoke_device(get_state(session, DEVICE_ID))
    receive_many(store, officer, 2)
    window.action_sync_now.trigger()
    qtbot.waitUntil(lambda: window.sync.connect_dialog is not None, timeout=WAIT)
    dialog = window.sync.connect_dialog
    assert dialog.reason.isVisible() and "giữ nguyên" in dialog.reason.text()
    assert dialog.server_url.text() == sync_server.url
    assert pending_in(store) == 2
    assert window.sync.controller.needs_login  # no automatic retries with a refused token meanwhile

    dialog.username.setText(OFFICER)
    dialog.password.setText(PASSWORD)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync.connect_dialog is None, timeout=WAIT)
    qtbot.waitUntil(lambda: pending_in(store) == 0, timeout=WAIT)  # the kept queue goes out
    assert sorted(server_event_uuids(server_store)) == sorted(local_event_uuids(store))


def ask_to_close(qtbot, window: MainWindow) -> QMessageBox:
    window.close()
    assert window.isVisible()  # not closed yet: the officer is asked
    box = window.sync.guard.question
    assert box is not None and box.isVisible() and box.windowTitle() == "Còn thay đổi chưa gửi"
    return box


def test_closing_with_unsent_changes_asks_and_quit_loses_nothing(
    qtbot, make_window: MakeWindow, ready_store, sync_server, server_store
):
    store, officer = ready_store
    window = online_window(qtbot, make_window, store, sync_server.url, QUIET)
    record_changes(qtbot, window, officer, 2)

    box = ask_to_close(qtbot, window)
    assert box.text() == "2 thay đổi chưa được gửi lên tỉnh."
    assert {b.text() for b in box.buttons()} == {"Đồng &bộ rồi thoát", "&Thoát", "Hủy"}
    assert box.defaultButton() is window.sync.guard.sync_button
    qtbot.mouseClick(window.sync.guard.cancel_button, Qt.MouseButton.LeftButton)
    assert window.isVisible()

    box = ask_to_close(qtbot, window)
    qtbot.mouseClick(window.sync.guard.quit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert pending_in(store) == 2 and server_event_uuids(server_store) == []  # kept for the next start


def test_closing_before_the_first_connection_asks_too_and_offers_to_connect(
    qtbot, make_window: MakeWindow, ready_store
):
    store, officer = ready_store
    window = make_window()  # never connected to the province
    record_changes(qtbot, window, officer, 2)

    box = ask_to_close(qtbot, window)
    assert box.text() == "2 thay đổi chưa được gửi lên tỉnh."
    assert "chưa kết nối với máy chủ tỉnh" in box.informativeText()
    assert {b.text() for b in box.buttons()} == {"&Kết nối…", "&Thoát", "Hủy"}
    qtbot.mouseClick(window.sync.guard.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync.connect_dialog is not None and window.sync.connect_dialog.isVisible())
    assert window.isVisible()
    window.sync.connect_dialog.close()

    ask_to_close(qtbot, window)
    qtbot.mouseClick(window.sync.guard.quit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert pending_in(store) == 2


def test_sync_and_quit_sends_then_closes(
    qtbot, make_window: MakeWindow, ready_store, sync_server, server_store
):
    store, officer = ready_store
    window = online_window(qtbot, make_window, store, sync_server.url, QUIET)
    record_changes(qtbot, window, officer, 3)

    ask_to_close(qtbot, window)
    qtbot.mouseClick(window.sync.guard.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT)
    assert pending_in(store) == 0
    assert sorted(server_event_uuids(server_store)) == sorted(local_event_uuids(store))


def test_sync_and_quit_says_what_is_kept_when_the_server_is_down(
    qtbot, make_window: MakeWindow, ready_store, sync_server
):
    store, officer = ready_store
    window = online_window(qtbot, make_window, store, sync_server.url, QUIET)
    sync_server.stop()
    record_changes(qtbot, window, officer, 2)

    ask_to_close(qtbot, window)
    qtbot.mouseClick(window.sync.guard.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync.guard.failed is not None, timeout=WAIT)
    failed = window.sync.guard.failed
    assert failed.text().startswith("Không kết nối được máy chủ tỉnh")
    assert failed.informativeText() == "2 thay đổi được giữ trên máy này và sẽ được gửi ở lần đồng bộ sau."
    stay = next(b for b in failed.buttons() if b.text() == "Ở lại")
    qtbot.mouseClick(stay, Qt.MouseButton.LeftButton)
    assert window.isVisible() and pending_in(store) == 2


def test_sync_and_quit_can_be_stopped_when_the_server_does_not_answer(
    qtbot, make_window: MakeWindow, ready_store, sync_server, server_store
):
    store, officer = ready_store
    slow_retries = RetryPolicy(base=30.0, cap=30.0, max_attempts=6)  # the pass would wait minutes
    link = FaultProxy(sync_server.port)  # the server answers /health, but its answers to pushes get lost
    window = online_window(qtbot, make_window, store, link.url, QUIET, slow_retries)
    link.set_plan(["lose_response"] * 6, match="/events")
    record_changes(qtbot, window, officer, 2)

    ask_to_close(qtbot, window)
    qtbot.mouseClick(window.sync.guard.sync_button, Qt.MouseButton.LeftButton)
    progress = window.sync.guard.progress
    assert isinstance(progress, QProgressDialog) and progress.isVisible()
    assert progress.labelText() == "Đang gửi các thay đổi lên tỉnh trước khi thoát…"
    stop = progress.findChild(QPushButton)
    assert stop.text() == "Dừng và thoát"
    qtbot.waitUntil(lambda: link.applied != [], timeout=WAIT)  # a push went unanswered: waiting to retry
    qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    assert not window.isVisible()
    qtbot.waitUntil(lambda: not window.sync.controller.running, timeout=WAIT)  # the pass stops promptly
    link.close()
    assert pending_in(store) == 2  # nothing lost: sent at the next start (the server answers "duplicate")


def test_settings_change_without_a_new_login(qtbot, make_window: MakeWindow, ready_store, sync_server):
    store, _officer = ready_store
    window = online_window(qtbot, make_window, store, sync_server.url, QUIET)
    dialog = window.sync.open_connect()
    assert dialog.save_button.isVisible() and dialog.end_of_day_on.isChecked()
    dialog.end_of_day.setTime(QTime(17, 45))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync.connect_dialog is None, timeout=WAIT)
    assert window.statusBar().currentMessage() == "Đã lưu cài đặt kết nối."
    assert read_overview(store).settings.end_of_day == "17:45"
    qtbot.waitUntil(lambda: window.sync.controller.overview.settings.end_of_day == "17:45", timeout=WAIT)


def test_end_of_day_time_triggers_a_full_pass(qtbot, make_window: MakeWindow, ready_store, sync_server):
    store, officer = ready_store
    enrol_store(store, sync_server.url)
    receive_many(store, officer, 1)
    earlier = (now_local() - timedelta(minutes=1)).strftime("%H:%M")
    if earlier > now_local().strftime("%H:%M"):
        pytest.skip("just after midnight: no end-of-day time earlier today")
    with store.transaction() as session:
        settings.put(session, settings.END_OF_DAY, earlier)
    window = make_window(ProbeSchedule(online_interval=3600))
    qtbot.waitUntil(lambda: read_overview(store).last_end_of_day is not None, timeout=WAIT)
    with store.session() as session:
        runs = [(r.trigger, r.outcome) for r in session.scalars(select(SyncRun).order_by(SyncRun.id))]
    assert runs == [("end_of_day", "ok")]  # one full pass (with the reconciliation), not a plain push
    qtbot.waitUntil(lambda: window.sync_status.pending_events == 0 and not window.sync.controller.running)


def test_closing_without_pending_changes_does_not_ask(
    qtbot, make_window: MakeWindow, ready_store, sync_server
):
    store, _officer = ready_store
    window = online_window(qtbot, make_window, store, sync_server.url)
    window.close()
    assert not window.isVisible() and window.sync.guard.question is None


def test_new_strings_are_vietnamese(qtbot, make_window: MakeWindow, ready_store, sync_server):
    from tests.ui.test_i18n import assert_all_vietnamese, english_sources

    window = make_window()
    menu = [a.text() for a in window.menu_sync.actions() if not a.isSeparator()]
    assert menu == ["Đồng bộ &ngay", "&Màn hình đồng bộ…", "&Kết nối máy chủ tỉnh…"]
    assert not set(menu) & set(english_sources())
    assert_all_vietnamese(window.sync.open_connect())

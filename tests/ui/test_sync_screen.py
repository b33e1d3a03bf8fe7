"""The sync screen (F8): what waits, a pass's progress and history, pause, refusals and their retry.

The real reference server on loopback, real worker threads, real SQLite profiles, Vietnamese on screen;
only the probe timings are shortened (as in test_sync_gui)."""

from __future__ import annotations

from sqlalchemy import update

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget

from desktop.store.engine import Store
from desktop.store.models import SyncRun
from desktop.ui.dossier.view import DossierView
from desktop.ui.main_window import MainWindow
from desktop.ui.sync.screen import SyncScreen
from sync.client.config import load_config
from sync.client.retry import RetryPolicy
from sync.server.models import ServerDossier
from sync.server.store import ServerStore
from tests.e2e.faultproxy import FaultProxy
from tests.sync_helpers import add_changes, local_event_uuids, receive_many, server_event_uuids
from tests.ui import test_sync_gui
from tests.ui.test_i18n import assert_all_vietnamese
from tests.ui.test_sync_gui import FAST, QUIET, WAIT, MakeWindow, online_window, pending_in
from tests.unit.test_sync_screen_data import scan

make_window = test_sync_gui.make_window  # the fixture: the main window with the sync timings given


def open_screen(qtbot, window: MainWindow) -> SyncScreen:
    assert window.action_sync_screen.shortcut().toString() == "F8"
    assert window.action_sync_screen in window.menu_sync.actions()
    window.action_sync_screen.trigger()
    screen = window.sync.screen
    assert screen is not None and window.tabs.currentWidget() is screen
    qtbot.waitUntil(lambda: screen.data is not None, timeout=WAIT)
    return screen


def column(table: QTableWidget, number: int) -> list[str]:
    return [table.item(row, number).text() for row in range(table.rowCount())]


def runs(store: Store) -> int:
    with store.session() as session:
        return session.query(SyncRun).count()


def test_the_screen_lists_what_waits_with_the_bytes_of_the_scans(
    qtbot, make_window: MakeWindow, ready_store, sync_server
) -> None:
    store, officer = ready_store
    window = online_window(qtbot, make_window, store, sync_server.url, QUIET)
    first, _second = receive_many(store, officer, 2)  # recorded once online: no pass until asked
    scan(store, first, 30_000, officer)
    scan(store, first, 12_000, officer)
    screen = open_screen(qtbot, window)
    assert screen.summary.text() == "4 thay đổi và 2 bản số hoá (42 KB) đang chờ gửi."
    assert screen.waiting.rowCount() == 2
    assert column(screen.waiting, 2) == ["3", "1"] and column(screen.waiting, 3) == ["2", "0"]
    assert column(screen.waiting, 4)[0] == "42 KB"
    assert all(code.startswith("H21.55.10-") for code in column(screen.waiting, 0))
    # keyboard first: each list is reached by its label's mnemonic
    labels = {label.text(): label.buddy() for label in screen.findChildren(QLabel) if label.buddy()}
    assert labels["Đang &chờ gửi"] is screen.waiting and labels["Lịch &sử các lượt đồng bộ"] is screen.history
    assert labels["Tỉnh &không nhận"] is screen.refused and labels["Tốc độ gửi tối đ&a:"] is screen.rate
    window.action_sync_screen.trigger()  # F8 again: the same page
    assert window.sync.screen is screen and window.tabs.count() == 2
    assert window.tabs.tabText(1) == "Đồng bộ"
    assert_all_vietnamese(screen)
    window.close_page(screen)
    qtbot.waitUntil(lambda: window.sync.screen is None, timeout=WAIT)
    assert open_screen(qtbot, window) is not screen  # closed, then opened again


def test_the_progress_line_gives_bytes_and_the_time_left_at_the_pace_so_far(
    qtbot, make_window: MakeWindow, ready_store, sync_server
) -> None:
    store, _officer = ready_store
    window = online_window(qtbot, make_window, store, sync_server.url, QUIET)
    screen = open_screen(qtbot, window)
    now = [100.0]
    screen.monotonic = lambda: now[0]
    controller = window.sync.controller
    controller.pass_started.emit("manual")
    assert screen.progress.isVisible() and screen.progress_text.text() == "Đang đồng bộ với tỉnh…"
    now[0] += 10.0
    controller.pass_progress.emit(25, 100, "")
    controller.pass_bytes.emit(2_000_000)
    assert screen.progress_text.text() == "Đã xong 25/100 thay đổi, đã gửi 2,0 MB, còn khoảng 30 giây"
    now[0] += 40.0
    controller.pass_progress.emit(50, 400, "")
    assert screen.progress_text.text() == "Đã xong 50/400 thay đổi, đã gửi 2,0 MB, còn khoảng 5 phút 50 giây"
    assert (screen.progress.value(), screen.progress.maximum()) == (50, 400)


def test_the_upload_cap_is_set_from_the_screen(
    qtbot, make_window: MakeWindow, ready_store, sync_server
) -> None:
    store, _officer = ready_store
    window = online_window(qtbot, make_window, store, sync_server.url, QUIET)
    screen = open_screen(qtbot, window)
    assert screen.rate.value() == 0 and screen.rate.text() == "Không giới hạn"
    screen.rate.setValue(256)
    qtbot.mouseClick(screen.rate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.progress_text.text().startswith("Đã lưu giới hạn"), timeout=WAIT)
    assert screen.progress_text.text() == "Đã lưu giới hạn tốc độ gửi: 256 kbit/s, áp dụng từ lượt sau."
    with store.session() as session:
        assert load_config(session).upload_rate == 32_000  # bytes a second, read by the next pass


def test_a_pass_shows_its_progress_in_bytes_and_ends_in_the_history(
    qtbot, make_window: MakeWindow, ready_store, sync_server, server_store: ServerStore
) -> None:
    store, officer = ready_store
    window = online_window(qtbot, make_window, store, sync_server.url, QUIET)
    receive_many(store, officer, 3)
    screen = open_screen(qtbot, window)
    shown: list[str] = []
    window.sync.controller.pass_bytes.connect(lambda _sent: shown.append(screen.progress_text.text()))
    qtbot.mouseClick(screen.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.history.rowCount() == 1, timeout=WAIT)
    assert shown[0].startswith("Đã xong 0/3 thay đổi, đã gửi ")  # the number reservations went first
    assert shown[-1].startswith("Đã xong 3/3 thay đổi, đã gửi ") and shown[-1].endswith(" KB")
    assert column(screen.history, 2) == ["thủ công"] and column(screen.history, 3) == ["Đồng bộ xong."]
    assert column(screen.history, 4)[0].startswith("3 thay đổi, ") and column(screen.history, 5) == ["3"]
    assert screen.progress_text.text().startswith("Lượt vừa rồi: Đồng bộ xong. Đã gửi 3 thay đổi (")
    qtbot.waitUntil(lambda: screen.summary.text().startswith("0 thay đổi"), timeout=WAIT)
    assert sorted(server_event_uuids(server_store)) == sorted(local_event_uuids(store))
    assert column(screen.history, 7) == ["0"] and column(screen.history, 8) == [""]  # nothing came back
    with store.transaction() as session:  # a pass that received two steps and skipped one item
        session.execute(update(SyncRun).values(received=2, received_refused=1, message="Đã bỏ qua: x"))
    screen.reload()
    qtbot.waitUntil(lambda: column(screen.history, 7) == ["2 đã áp dụng, 1 bị bỏ qua"], timeout=WAIT)
    assert column(screen.history, 8) == ["Đã bỏ qua: x"]


def test_pause_stops_the_automatic_passes_until_resumed(
    qtbot, make_window: MakeWindow, ready_store, sync_server, server_store: ServerStore, monkeypatch
) -> None:
    store, officer = ready_store
    window = online_window(qtbot, make_window, store, sync_server.url, FAST)
    screen = open_screen(qtbot, window)
    assert screen.pause_button.text() == "Tạm &dừng đồng bộ tự động"
    qtbot.mouseClick(screen.pause_button, Qt.MouseButton.LeftButton)
    assert screen.pause_button.text() == "&Mở lại đồng bộ tự động"
    assert screen.state.text().startswith("Đồng bộ tự động đang tạm dừng")
    before = runs(store)
    receive_many(store, officer, 2)
    window.refresh()
    qtbot.waitUntil(lambda: window.sync_status.pending_events == 2, timeout=WAIT)
    engine = window.sync.controller.engine
    probes: list[bool] = []
    real_probe = engine.probe

    def probe() -> bool:
        probes.append(real_probe())
        return probes[-1]

    monkeypatch.setattr(engine, "probe", probe)
    # several probe rounds (0.2 s apart) find the server answering and changes waiting: still no pass
    qtbot.waitUntil(lambda: len(probes) >= 4, timeout=WAIT)
    assert all(probes) and window.sync_status.state.text() == "Trực tuyến · tạm dừng đồng bộ"
    assert runs(store) == before and pending_in(store) == 2 and not window.sync.controller.running

    qtbot.mouseClick(screen.pause_button, Qt.MouseButton.LeftButton)
    assert window.sync_status.state.text() == "Trực tuyến"
    qtbot.waitUntil(lambda: pending_in(store) == 0, timeout=WAIT)  # sent by itself once resumed
    assert sorted(server_event_uuids(server_store)) == sorted(local_event_uuids(store))


def test_a_refused_dossier_shows_the_reason_and_is_sent_again_after_correction(
    qtbot, make_window: MakeWindow, ready_store, sync_server, server_store: ServerStore
) -> None:
    store, officer = ready_store
    window = online_window(qtbot, make_window, store, sync_server.url, QUIET)
    [dossier_id] = receive_many(store, officer, 1)
    screen = open_screen(qtbot, window)
    qtbot.mouseClick(screen.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.history.rowCount() == 1, timeout=WAIT)
    window.sync.result_box.close()

    with server_store.transaction() as session:  # the province's copy of the dossier goes astray
        good = session.get_one(ServerDossier, dossier_id).last_hash
        session.execute(
            update(ServerDossier).where(ServerDossier.id == dossier_id).values(last_hash="0" * 64)
        )
    add_changes(store, officer, [dossier_id])
    qtbot.mouseClick(screen.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.refused.rowCount() == 1, timeout=WAIT)
    window.sync.result_box.close()
    assert column(screen.refused, 2) == [
        "Tỉnh từ chối thay đổi #2: Sự kiện không khớp với lịch sử hồ sơ trên hệ thống tỉnh. "
        "(trường: chuỗi kiểm tra lịch sử)"
    ]
    assert column(screen.history, 6)[0] == "1"  # the newest pass first: one change refused
    assert not screen.retry_button.isEnabled()  # nothing chosen yet

    screen.refused.setFocus()
    screen.refused.selectRow(0)
    qtbot.keyClick(screen.refused, Qt.Key.Key_Return)  # Enter: the dossier itself, to correct it
    view = window.tabs.currentWidget()
    assert isinstance(view, DossierView) and view.dossier_id == dossier_id
    window.open_page(screen, "")

    with server_store.transaction() as session:  # the province puts its copy right
        session.execute(update(ServerDossier).where(ServerDossier.id == dossier_id).values(last_hash=good))
    screen.refused.setFocus()
    screen.refused.selectRow(0)
    assert screen.retry_button.isEnabled() and screen.retry_button.text() == "Gửi lạ&i sau khi sửa"
    qtbot.mouseClick(screen.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: screen.history.rowCount() == 3, timeout=WAIT
    )  # the pass's row shows while it runs
    qtbot.waitUntil(lambda: screen.refused.rowCount() == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: pending_in(store) == 0, timeout=WAIT)  # and once it has ended, nothing waits
    assert sorted(server_event_uuids(server_store)) == sorted(local_event_uuids(store))


def test_pausing_stops_a_running_pass_safely_and_resuming_sends_the_rest(
    qtbot, make_window: MakeWindow, ready_store, sync_server, server_store: ServerStore
) -> None:
    store, officer = ready_store
    slow_retries = RetryPolicy(base=30.0, cap=30.0, max_attempts=6)  # the pass would wait minutes
    link = FaultProxy(sync_server.port)  # the server takes the pushes, but its answers get lost
    try:
        window = online_window(qtbot, make_window, store, link.url, QUIET, slow_retries)
        screen = open_screen(qtbot, window)
        link.set_plan(["lose_response", "lose_response"], match="/events")
        receive_many(store, officer, 2)
        qtbot.mouseClick(screen.sync_button, Qt.MouseButton.LeftButton)
        # a push went unanswered, and its retry at once too: now waiting to retry
        qtbot.waitUntil(lambda: len(link.applied) == 2, timeout=WAIT)
        qtbot.mouseClick(screen.pause_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not window.sync.controller.running, timeout=WAIT)  # stopped promptly
        qtbot.waitUntil(lambda: screen.history.rowCount() == 1, timeout=WAIT)
        assert column(screen.history, 3) == ["Đã dừng đồng bộ; phần còn lại sẽ được gửi ở lượt sau."]
        assert pending_in(store) == 2  # nothing lost
        window.sync.result_box.close()

        qtbot.mouseClick(screen.pause_button, Qt.MouseButton.LeftButton)  # resume: the next probe sends
        qtbot.waitUntil(lambda: pending_in(store) == 0, timeout=WAIT)
        assert sorted(server_event_uuids(server_store)) == sorted(local_event_uuids(store))  # none twice
    finally:
        link.close()

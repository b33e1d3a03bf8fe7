"""The way back in the main window (issue 20): a result made ready upstream reaches the counter with F9, and
the worklists follow without anything else done (the real server on loopback, real worker threads)."""

from __future__ import annotations

from desktop.core.worklists import Worklist
from desktop.services.followup import hand_over
from desktop.ui.dossier import open_dossier
from sync.server.store import ServerStore
from sync.server.upstream import set_status
from tests.sync_helpers import receive_many
from tests.ui import test_sync_gui
from tests.ui.test_sync_gui import QUIET, WAIT, MakeWindow, online_window, pending_in

make_window = test_sync_gui.make_window  # the fixture: the main window with the sync timings given


def test_a_result_ready_upstream_comes_down_with_f9_and_the_worklists_follow(
    qtbot, make_window: MakeWindow, ready_store, sync_server, server_store: ServerStore
) -> None:
    store, officer = ready_store
    window = online_window(qtbot, make_window, store, sync_server.url, QUIET)
    [dossier_id] = receive_many(store, officer, 1)
    code = hand_over(store, officer, dossier_id, "Phòng Tư pháp").code
    window.sync.sync_now()
    qtbot.waitUntil(lambda: pending_in(store) == 0 and not window.sync.controller.running, timeout=WAIT)
    with server_store.transaction() as session:
        set_status(session, code, 9, "Đã ký")
    window.sync.sync_now()
    qtbot.waitUntil(lambda: window.worklists.counts.get(Worklist.READY) == 1, timeout=WAIT)
    box = window.sync.result_box
    assert box is not None and "Nhận về từ tỉnh: 1" in box.text()
    box.close()
    timeline = open_dossier(window, dossier_id).timeline
    qtbot.waitUntil(lambda: timeline.topLevelItemCount() > 0, timeout=WAIT)
    last = timeline.topLevelItem(timeline.topLevelItemCount() - 1)
    assert last is not None
    assert (last.text(1), last.text(2), last.text(4)) == ("Bước xử lý do tỉnh ghi nhận", "Tỉnh", "Đã gửi")
    assert last.text(3) == "nay: Đã xử lý xong · Đã ký · trước đó: Đang xử lý"

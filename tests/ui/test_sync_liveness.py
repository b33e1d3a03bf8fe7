"""The status bar follows the provincial server by itself, and F9 on a dead link answers at once.

Against the real reference server on loopback (stopped and restarted at the same address, or behind the
test proxy that makes it hang), with real worker threads and the real probe timeouts. Only the probe
intervals are shortened (`ProbeSchedule`); every wait is the bound the schedule itself promises, so the
default schedule's 10 s / 30 s promise rests on `tests/unit/test_sync_control.py` and on these tests
showing that the controller keeps to its schedule.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.services.sync_control import ProbeSchedule
from desktop.ui.main_window import MainWindow
from sync.client.retry import RetryPolicy
from sync.server.store import ServerStore
from tests.e2e.faultproxy import FaultProxy
from tests.sync_helpers import LoopbackServer
from tests.ui import test_sync_gui
from tests.ui.test_sync_gui import MakeWindow, online_window, record_changes, restart_on_same_port

make_window = test_sync_gui.make_window  # the fixture: the main window with the sync timings given

# the default schedule at a tenth of its intervals; the probe timeouts stay real
SCALED = ProbeSchedule(online_interval=0.5, offline_base=0.2, offline_cap=2.0, push_delay=3600)
# The bounds count from the server's last answer, which a probe already under way may give just after the
# test broke the link; and a loaded machine delivers the answer to the GUI thread a little late.
SLACK = 0.5
F9_ANSWER_MS = 3000
ONLINE, OFFLINE = "Trực tuyến", "Mất kết nối"


def ms(seconds: float) -> int:
    return int(seconds * 1000)


def state(window: MainWindow) -> str:
    return window.sync_status.state.text()


@pytest.fixture
def link(sync_server: LoopbackServer) -> Iterator[FaultProxy]:
    """The way to the server: a proxy that can make it hang (accept, then say nothing for 10 s)."""
    proxy = FaultProxy(sync_server.port, stall=10.0)
    yield proxy
    proxy.close()


def hang(proxy: FaultProxy) -> None:
    proxy.set_plan(["stall"] * 1000)


def test_a_dead_server_shows_offline_and_its_return_online_without_f9(
    qtbot, make_window: MakeWindow, ready_store, sync_server: LoopbackServer, server_store: ServerStore
):
    store, _officer = ready_store
    window = online_window(qtbot, make_window, store, sync_server.url, SCALED)

    sync_server.stop()
    qtbot.waitUntil(lambda: state(window) == OFFLINE, timeout=ms(SCALED.dead_noticed_within() + SLACK))
    # offline long enough for the waits between probes to reach their ceiling
    qtbot.waitUntil(lambda: window.sync.controller.failures >= 5, timeout=ms(8 * SCALED.offline_cap))

    back = restart_on_same_port(sync_server, server_store)
    try:
        qtbot.waitUntil(lambda: state(window) == ONLINE, timeout=ms(SCALED.back_noticed_within() + SLACK))
        assert window.sync.result_box is None  # nobody pressed F9
    finally:
        window.sync.controller.stop()
        qtbot.waitUntil(lambda: not window.sync.controller.probing, timeout=10_000)
        back.stop()


def test_a_server_that_hangs_shows_offline_within_the_bound_and_online_when_it_answers_again(
    qtbot, make_window: MakeWindow, ready_store, link: FaultProxy
):
    store, _officer = ready_store
    window = online_window(qtbot, make_window, store, link.url, SCALED)

    hang(link)  # connections are accepted but nothing is answered: only the probe's timeout ends them
    qtbot.waitUntil(lambda: state(window) == OFFLINE, timeout=ms(SCALED.dead_noticed_within() + SLACK))
    link.set_plan([])
    qtbot.waitUntil(lambda: state(window) == ONLINE, timeout=ms(SCALED.back_noticed_within() + SLACK))


def test_a_server_that_dies_during_a_pass_shows_offline_before_the_pass_gives_up(
    qtbot, make_window: MakeWindow, ready_store, sync_server: LoopbackServer, link: FaultProxy
):
    store, officer = ready_store
    patient = RetryPolicy(base=60.0, cap=60.0, max_attempts=6)  # the pass would retry for minutes
    window = online_window(qtbot, make_window, store, link.url, SCALED, patient)
    link.set_plan(["lose_response"] * 6, match="/events")
    record_changes(qtbot, window, officer, 2)
    window.action_sync_now.trigger()
    qtbot.waitUntil(lambda: link.applied != [], timeout=10_000)  # a push went unanswered: waiting to retry

    sync_server.stop()
    qtbot.waitUntil(lambda: state(window) == OFFLINE, timeout=ms(SCALED.dead_noticed_within() + SLACK))
    assert window.sync.controller.running  # the pass has not given up yet: the probes noticed


QUIET = ProbeSchedule(online_interval=3600, push_delay=3600)  # only F9 reaches the server


@pytest.mark.parametrize("outage", ["stopped", "hanging"])
def test_f9_while_offline_says_so_within_3_s(
    qtbot, make_window: MakeWindow, ready_store, sync_server: LoopbackServer, link: FaultProxy, outage: str
):
    store, officer = ready_store
    window = online_window(qtbot, make_window, store, link.url, QUIET, RetryPolicy())  # the real retries
    record_changes(qtbot, window, officer, 2)
    if outage == "stopped":
        sync_server.stop()
        link.close()  # nothing listens at the address any more
    else:
        hang(link)

    window.action_sync_now.trigger()
    qtbot.waitUntil(lambda: window.sync.result_box is not None, timeout=F9_ANSWER_MS)
    box = window.sync.result_box
    assert box is not None and box.isVisible()
    assert box.text().startswith("Không kết nối được máy chủ tỉnh")
    assert "Còn chờ gửi: 2" in box.text()  # kept for later
    assert state(window) == OFFLINE and window.action_sync_now.isEnabled()

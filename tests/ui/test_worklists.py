"""The worklists in the main window: counts always in view and right after an action, Ctrl+1…8 reach each
list, Enter opens the dossier, the counts follow the clock past midnight."""

from __future__ import annotations

import pytest

from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.core.worklists import Worklist
from desktop.services.followup import hand_over
from desktop.ui.main_window import MainWindow
from tests.clock import Clock
from tests.factories import at, place
from tests.unit.test_worklists import DECEMBER

# Thursday 03/12/2026 09:30 (lifecycle §5 at that moment; see tests/unit/test_worklists.py)
COUNTS = {
    "Chờ chuyển xử lý": 2,
    "Đến hạn hôm nay": 2,
    "Sắp đến hạn": 5,
    "Quá hạn": 1,
    "Chờ bổ sung": 1,
    "Chờ nghĩa vụ tài chính": 1,
    "Có kết quả – chờ trả": 1,
    "Đã trả hôm nay": 1,
    "Chờ tiếp nhận trực tuyến": 0,
    "Cần xem lại": 0,
}


@pytest.fixture
def window(qtbot, ready_store, vietnamese, clock: Clock) -> tuple[MainWindow, dict[str, str]]:  # type: ignore[no-untyped-def]
    clock.set(at(3, 12, 9, 30))
    store, officer = ready_store
    codes = place(store, DECEMBER)
    win = MainWindow(store, officer, workstation="3")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win, codes


def nav_texts(win: MainWindow) -> list[str]:
    nav = win.worklists.nav
    return [nav.item(i).text() for i in range(nav.count())]


def test_the_counts_are_in_view_and_follow_an_action(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win, codes = window
    assert win.worklists.dock.isVisible()
    assert nav_texts(win) == [f"{title} ({n})" for title, n in COUNTS.items()]
    hand_over(win.store, win.officer, codes["K"], "Công chức Tư pháp - Hộ tịch", "")
    win.refresh()  # what the dossier view does after an action
    assert nav_texts(win)[0] == "Chờ chuyển xử lý (1)"
    assert nav_texts(win)[2] == "Sắp đến hạn (5)"  # handed over, its clock still runs


def test_each_key_opens_its_list_and_enter_opens_the_dossier(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win, codes = window
    win.worklists.open(Worklist.READY)
    first = win.worklists.page
    win.close_page(first)  # the tab closed: the page is deleted, the key makes a new one
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert win.worklists.page is None
    for number, worklist in enumerate(Worklist, start=1):
        QTest.keyClick(
            win.dossier_list.table,
            Qt.Key(Qt.Key.Key_0.value + number % 10),
            Qt.KeyboardModifier.ControlModifier,
        )
        page = win.worklists.page
        assert page is not None and win.tabs.currentWidget() is page, worklist
        assert page.model.worklist is worklist
        assert page.table.hasFocus()
    # Ctrl+4: overdue holds D only; Enter opens it
    QTest.keyClick(win.worklists.page.table, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = win.worklists.page
    assert [r.code for r in page.model.rows] == [codes["D"]]
    assert page.title.text() == "Quá hạn: 1 hồ sơ, theo hạn trả"
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    view = win.tabs.currentWidget()
    assert view is not page and getattr(view, "dossier_id", None) == page.model.rows[0].id
    assert win.tabs.tabText(win.tabs.currentIndex()) == codes["D"]


def test_the_list_shows_its_own_column(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win, codes = window
    win.worklists.open(Worklist.TO_HAND_OVER)
    model = win.worklists.page.model
    assert model.headerData(5, Qt.Orientation.Horizontal) == "Hạn chuyển"
    assert [r.code for r in model.rows] == [codes["K"], codes["C"]]
    assert model.index(0, 5).data() == "03/12/2026 11:30"  # after Wednesday's cut-off: by Thursday 11:30
    assert model.index(1, 5).data() == "02/12/2026 17:00 (trễ)"
    assert model.index(1, 5).data(Qt.ItemDataRole.ForegroundRole) is not None  # in red
    assert model.index(0, 5).data(Qt.ItemDataRole.ForegroundRole) is None


def test_the_counts_follow_the_clock(qtbot, window, clock: Clock) -> None:  # type: ignore[no-untyped-def]
    win, _codes = window
    assert (
        win.worklists.timer.isActive() and win.worklists.timer.interval() == 5 * 60 * 1000
    )  # 11:30 is later
    clock.set(at(4, 12, 0, 1))  # past midnight: Friday
    win.worklists.timer.timeout.emit()
    texts = nav_texts(win)
    assert texts[1] == "Đến hạn hôm nay (1)" and texts[3] == "Quá hạn (3)"  # B (10:00); D, G and A
    assert texts[7] == "Đã trả hôm nay (0)"

"""The dashboard (F7): this month's figures beside last month's, the weekly trend, and a figure opening the
dossiers behind it; the overdue list is the overdue worklist's (lifecycle §5, §6)."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.core.worklists import Worklist
from desktop.services.worklists import load_worklist
from desktop.ui.dashboard import DashboardPage, FigurePage
from desktop.ui.main_window import MainWindow
from tests.clock import Clock
from tests.factories import at, place
from tests.unit.test_worklists import DECEMBER


@pytest.fixture
def window(qtbot, ready_store, vietnamese, clock: Clock) -> MainWindow:  # type: ignore[no-untyped-def]
    clock.set(at(3, 12, 9, 30))
    store, officer = ready_store
    place(store, DECEMBER)
    win = MainWindow(store, officer, workstation="3")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win


def test_f7_opens_the_dashboard_and_the_overdue_figure_lists_the_overdue_dossiers(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    QTest.keyClick(window, Qt.Key.Key_F7)
    page = window.tabs.currentWidget()
    assert (
        isinstance(page, DashboardPage) and window.tabs.tabText(window.tabs.currentIndex()) == "Bảng chỉ số"
    )
    assert page.data is not None
    overdue = load_worklist(window.store, Worklist.OVERDUE)
    assert overdue.total >= 1
    button = page.buttons["overdue"]
    assert button.text().startswith(f"Quá hạn: {overdue.total} (kỳ trước: ")
    assert "Tháng 12/2026" in page.heading.text() and "Tháng 11/2026" in page.heading.text()
    assert "tạm tính" in page.d766.text()
    assert len(page.chart.weeks) == 12 and page.chart.weeks[-1].received >= 1
    page.chart.grab()  # paints
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    listing = window.tabs.currentWidget()
    assert isinstance(listing, FigurePage)
    codes = [listing.model.rows[i].code for i in range(listing.model.rowCount())]
    assert codes == [row.code for row in overdue.rows]  # by due, the most overdue first
    assert listing.title.text().startswith("Quá hạn: ")
    QTest.keyClick(listing.table, Qt.Key.Key_Return)
    assert window.tabs.currentWidget().objectName() == "dossierView"

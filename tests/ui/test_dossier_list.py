"""The dossier list as the officer uses it: sort by a column (header click or keyboard), keep one status,
find a dossier by the person who brought it, and see that person and the postal address in its header."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from desktop.core.timeutil import VN_TZ
from desktop.services.accounts import SignedIn
from desktop.services.intake import receive_dossier
from desktop.store.engine import Store
from desktop.ui.dossier import open_dossier
from desktop.ui.dossier.view import DossierView
from desktop.ui.dossier_model import APPLICANT, STATUS, SUBMITTER
from desktop.ui.main_window import MainWindow
from tests.factories import intake_draft, make_dossier

BASE = datetime(2025, 3, 10, 8, 0, tzinfo=VN_TZ)
ROWS = [
    # applicant, submitter, status (received in this order: the last one is the newest)
    ("Ông Văn Bình", "", "received"),
    ("Ánh Thị Lan", "Đặng Thị Thu", "returned"),
    ("Đinh Công Tráng", "", "processing"),
    ("Dương Minh Hải", "Bùi Văn Tư", "returned"),
    ("Bạch Văn Khánh", "", "supplement_requested"),
]

pytestmark = pytest.mark.usefixtures("vietnamese")


@pytest.fixture
def window(qtbot, ready_store: tuple[Store, SignedIn]) -> MainWindow:  # type: ignore[no-untyped-def]
    store, officer = ready_store
    with store.transaction() as session:
        for n, (name, submitter, status) in enumerate(ROWS, start=1):
            received = BASE + timedelta(minutes=10 * n)
            make_dossier(session, name, submitter=submitter, status=status, received=received, number=n)
    win = MainWindow(store, officer, workstation="1")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.refresh()
    return win


def _column(window: MainWindow, column: int) -> list[str]:
    model = window.dossier_list.model
    return [str(model.index(row, column).data()) for row in range(model.rowCount())]


def _click_header(qtbot, window: MainWindow, column: int) -> None:  # type: ignore[no-untyped-def]
    header = window.dossier_list.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_a_click_on_a_column_header_sorts_by_it_and_again_reverses(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert _column(window, APPLICANT)[0] == "Bạch Văn Khánh"  # newest received first
    _click_header(qtbot, window, APPLICANT)
    assert _column(window, APPLICANT) == [
        "Ánh Thị Lan",
        "Bạch Văn Khánh",
        "Dương Minh Hải",
        "Đinh Công Tráng",
        "Ông Văn Bình",
    ]  # Vietnamese order: Ánh before Bạch, Dương before Đinh
    _click_header(qtbot, window, APPLICANT)
    assert _column(window, APPLICANT)[0] == "Ông Văn Bình"
    _click_header(qtbot, window, SUBMITTER)  # another column starts A to Z; no submitter sorts first
    assert _column(window, SUBMITTER) == ["", "", "", "Bùi Văn Tư", "Đặng Thị Thu"]


def test_the_keyboard_sorts_through_the_dossier_menu(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    menu = window.dossier_list.sort_menu
    assert menu.menuAction() in window.menu_dossier.actions()
    for actions in (window.menu_dossier.actions(), menu.actions()):
        texts = [a.text().replace("&&", "") for a in actions if a.text()]
        letters = [t[t.find("&") + 1].lower() for t in texts if "&" in t]
        assert len(set(letters)) == len(letters) == len(texts)  # each entry has its own Alt letter
        assert all(c.isascii() and c.isalnum() for c in letters), letters
    by_status = next(a for a in menu.actions() if a.text() == "T&rạng thái")
    by_status.trigger()  # what Enter on the menu entry does
    assert window.dossier_list.table.horizontalHeader().sortIndicatorSection() == STATUS
    assert _column(window, STATUS)[:2] == ["Đã trả kết quả", "Đã trả kết quả"]  # still newest/last first
    window.dossier_list.descending_action.trigger()
    assert _column(window, STATUS) == [
        "Được tiếp nhận",
        "Đang xử lý",
        "Yêu cầu bổ sung giấy tờ",
        "Đã trả kết quả",
        "Đã trả kết quả",
    ]  # in the order of the dossier's life
    assert not window.dossier_list.descending_action.isChecked()


def test_alt_l_reaches_the_status_filter_and_it_keeps_one_status(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = window.dossier_list
    label = next(lab for lab in page.findChildren(QLabel) if lab.buddy() is page.status_filter)
    assert label.text() == "&Lọc trạng thái:"
    menus = [a.text() for a in window.menuBar().actions()]
    assert not any(m.replace("&&", "").lower().find("&l") >= 0 for m in menus)  # no menu takes Alt+L
    assert page.status_filter.currentText() == "Tất cả"

    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is page.status_filter
    page.status_filter.setCurrentIndex(page.status_filter.findText("Đã trả kết quả"))
    assert sorted(_column(window, APPLICANT)) == ["Dương Minh Hải", "Ánh Thị Lan"]
    assert set(_column(window, STATUS)) == {"Đã trả kết quả"}
    assert window.count_label.text() == "2 hồ sơ"

    _click_header(qtbot, window, APPLICANT)  # sort and filter combine, and survive a refresh (F5)
    window.action_refresh.trigger()
    assert _column(window, APPLICANT) == ["Ánh Thị Lan", "Dương Minh Hải"]

    page.status_filter.setCurrentIndex(page.status_filter.findText("Dừng xử lý"))
    assert _column(window, APPLICANT) == [] and "Dừng xử lý" in page.empty_hint.text()


def test_the_submitter_is_found_without_diacritics_and_shown_in_its_column(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = window.dossier_list
    page.status_filter.setCurrentIndex(page.status_filter.findText("Đã trả kết quả"))
    page.search.setFocus()
    QTest.keyClicks(page.search, "dang thi thu")
    QTest.keyClick(page.search, Qt.Key.Key_Return)
    assert _column(window, APPLICANT) == ["Ánh Thị Lan"]
    assert _column(window, SUBMITTER) == ["Đặng Thị Thu"]
    assert page.model.headerData(SUBMITTER, Qt.Orientation.Horizontal) == "Người nộp"
    assert page.model.headerData(APPLICANT, Qt.Orientation.Horizontal) == "Chủ hồ sơ"
    page.status_filter.setCurrentIndex(page.status_filter.findText("Đang xử lý"))
    assert _column(window, APPLICANT) == []  # the search and the status both apply


def test_the_header_shows_the_submitter_and_the_postal_return_address(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    store, officer = window.store, window.officer
    draft = replace(
        intake_draft(store),
        submitter_name="Trần Thị Gửi",
        submitter_phone="0987654321",
        delivery="postal",
        delivery_address="Số 5 Hùng Vương, Phường Pleiku, Tỉnh Gia Lai",
    )
    posted = receive_dossier(store, officer, draft, received_at=BASE)
    at_counter = receive_dossier(store, officer, intake_draft(store), received_at=BASE)

    view = open_dossier(window, posted.id)
    assert isinstance(view, DossierView)
    header = view.header
    assert header.submitter.isVisibleTo(view) and header.postal.isVisibleTo(view)
    assert header.submitter.text() == "Trần Thị Gửi (0987654321)"
    assert header.postal.text() == "Số 5 Hùng Vương, Phường Pleiku, Tỉnh Gia Lai"
    assert "Người nộp" in [lab.text() for lab in header.findChildren(QLabel)]

    other = open_dossier(window, at_counter.id)
    assert not other.header.submitter.isVisibleTo(other) and not other.header.postal.isVisibleTo(other)

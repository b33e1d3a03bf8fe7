"""The main window's seams, status bar and the lazily paged dossier list."""

from __future__ import annotations

from datetime import timedelta

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel

from desktop.core.timeutil import now_local
from desktop.services.demo import seed_demo
from desktop.store.events import append_event
from desktop.ui import dossier_model
from desktop.ui.dossier_model import LOADING, PAGE_SIZE
from desktop.ui.main_window import MainWindow
from sync.events import Received
from tests.factories import make_dossier


@pytest.fixture
def window(qtbot, ready_store, vietnamese) -> MainWindow:
    store, officer = ready_store
    win = MainWindow(store, officer, workstation="3")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_pages_open_in_closable_tabs_and_the_list_stays(qtbot, window: MainWindow):
    assert window.tabs.tabBar().isHidden()  # one page: no tab bar
    page = QLabel("Tiếp nhận hồ sơ")
    window.open_page(page, "Tiếp nhận")
    assert window.tabs.count() == 2 and window.tabs.currentWidget() is page
    assert window.tabs.tabBar().isVisible()
    window.open_page(page, "Tiếp nhận")  # opening again switches to it
    assert window.tabs.count() == 2
    window.close_page(window.dossier_list)  # the list is permanent
    window.close_page(page)
    assert window.tabs.count() == 1 and window.tabs.currentWidget() is window.dossier_list


def test_menus_and_shortcuts(qtbot, window: MainWindow):
    assert window.action_new_dossier.shortcut() == QKeySequence("Ctrl+N")
    assert window.action_sync_now.shortcut() == QKeySequence("F9")
    assert window.action_quit.shortcut() == QKeySequence("Ctrl+Q")
    window.open_page(QLabel("x"), "x")
    window.action_search.trigger()
    assert window.tabs.currentWidget() is window.dossier_list
    assert window.dossier_list.search.hasFocus()


def test_status_bar_shows_officer_and_pending_changes(qtbot, window: MainWindow):
    assert window.officer_label.text() == "Cán bộ: Nguyễn Thị Hằng (canbo1) · máy 3"
    assert window.sync_status.state.text() == "Chưa kết nối với tỉnh"
    assert window.sync_status.pending.isHidden()

    with window.store.transaction() as session:
        dossier = make_dossier(session)
        append_event(session, dossier.id, Received(code=dossier.code), window.officer.officer_id)
    window.refresh()
    assert window.sync_status.pending.text() == "1 thay đổi chờ gửi"
    assert window.count_label.text() == "1 hồ sơ"

    window.sync_status.set_state(True, now_local() - timedelta(minutes=5), 0)
    assert window.sync_status.state.text() == "Trực tuyến"
    assert window.sync_status.last.text().startswith("đồng bộ lúc ")
    assert window.sync_status.pending.isHidden()
    window.sync_status.set_state(False, None, 4)
    assert window.sync_status.state.text() == "Mất kết nối"
    assert window.sync_status.pending.text() == "4 thay đổi chờ gửi"


def test_about_names_the_version(qtbot, window: MainWindow):
    from desktop import __version__

    box = window.show_about()
    assert __version__ in box.text()
    box.close()


def test_list_pages_lazily_and_keeps_a_bounded_window(qtbot, window: MainWindow, monkeypatch, threaded_tasks):
    monkeypatch.setattr(dossier_model, "MAX_PAGES", 3)
    seed_demo(window.store, 1500)
    model = window.dossier_list.model
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        window.refresh()
    assert model.rowCount() == 1500
    assert list(model._pages) == [0]  # only the first page was read

    # a row far down is a placeholder until its page arrives, then the view is told
    far = 7 * PAGE_SIZE + 5
    assert model.index(far, 0).data() == LOADING
    with qtbot.waitSignal(model.dataChanged, timeout=10_000):
        pass
    code = model.index(far, 0).data()
    assert code != LOADING and code.startswith("H21.55.10-")
    for page in (1, 2, 3, 4):
        model.index(page * PAGE_SIZE, 0).data()
        qtbot.waitUntil(lambda page=page: page in model._pages, timeout=10_000)
    assert len(model._pages) <= 3

    # rows are newest first, like the command line's list
    received = [model.index(r, 0).data(Qt.ItemDataRole.UserRole).received_at for r in range(0, 50)]
    assert received == sorted(received, reverse=True)


def test_search_ignores_diacritics_and_counts_hits(qtbot, window: MainWindow):
    with window.store.transaction() as session:
        make_dossier(session, name="Trần Văn Đức")
        make_dossier(session, name="Lê Thị Hồng")
    window.refresh()
    page = window.dossier_list
    page.search.setText("duc")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.model.rowCount() == 1
    assert page.model.index(0, 1).data() == "Trần Văn Đức"
    assert window.count_label.text() == "Tìm thấy 1 hồ sơ"
    page.search.clear()
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.model.rowCount() == 2


def test_opening_a_dossier_reports_its_id(qtbot, window: MainWindow):
    with window.store.transaction() as session:
        dossier_id = make_dossier(session).id
    window.refresh()
    table = window.dossier_list.table
    with qtbot.waitSignal(window.dossier_list.dossier_activated) as signal:
        table.doubleClicked.emit(table.model().index(0, 2))
    assert signal.args == [dossier_id]


def test_window_opens_no_larger_than_the_screen(qtbot, window: MainWindow):
    """A 1024x768 counter screen: the list's last columns and the status bar must not hang off the edge."""
    screen = window.screen().availableGeometry()
    assert window.width() <= screen.width() and window.height() <= screen.height()


def test_status_column_fits_the_statuses_of_the_counter(qtbot, window: MainWindow):
    """ "Yêu cầu bổ sung giấy tờ" and "Không được tiếp nhận" were cut to "Yêu cầu bổ sung g…"."""
    table = window.dossier_list.table
    width = table.horizontalHeader().sectionSize(dossier_model.STATUS)
    for label in ("Yêu cầu bổ sung giấy tờ", "Không được tiếp nhận", "Công dân yêu cầu rút hồ sơ"):
        assert width >= table.fontMetrics().horizontalAdvance(label) + 8


def test_an_empty_list_says_what_to_do(qtbot, window: MainWindow):
    """A fresh profile showed a blank white table; a search without hits did too."""
    page = window.dossier_list
    assert page.empty_hint.isVisible()
    assert page.empty_hint.text() == "Chưa có hồ sơ nào. Nhấn Ctrl+N để tiếp nhận hồ sơ đầu tiên."
    with window.store.transaction() as session:
        make_dossier(session, name="Trần Văn Đức")
    window.refresh()
    assert not page.empty_hint.isVisible()
    page.search.setText("khong co ai")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.empty_hint.isVisible() and "“khong co ai”" in page.empty_hint.text()
    assert page.empty_hint.text().startswith("Không có hồ sơ nào khớp với")

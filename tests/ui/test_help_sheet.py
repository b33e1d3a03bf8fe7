"""F1 lists the keys of the window in front, from the same entries the keyboard audit reads (issue 21)."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QTreeWidget

from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from desktop.ui.intake import open_intake
from desktop.ui.main_window import MainWindow
from tests.ui.helpers import help_sheet_rows

pytestmark = pytest.mark.usefixtures("vietnamese")


def test_f1_lists_the_shortcuts_and_alt_letters_of_the_intake(
    qtbot, ready_store: tuple[Store, SignedIn]
) -> None:  # type: ignore[no-untyped-def]
    store, officer = ready_store
    window = MainWindow(store, officer, workstation="1")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    open_intake(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    QTest.keyClick(window, Qt.Key.Key_F1)

    rows = help_sheet_rows(window)
    sheet = window.findChild(QDialog, "helpSheet")
    table = sheet.findChild(QTreeWidget, "helpSheetTable")
    assert ("Dán dữ liệu mã QR thẻ căn cước", "Ctrl+Shift+V") in rows  # the intake's own keys
    assert ("Thêm giấy tờ khác", "Ctrl+Shift+A") in rows
    assert ("Tiếp nhận hồ sơ mới", "Ctrl+N") in rows  # the main window's menus
    assert ("Địa chỉ", "Alt+A") in rows  # a field's label
    assert not any("&" in text for text, _keys in rows)
    sheet.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is sheet)
    assert QApplication.focusWidget() is table  # arrows scroll the list
    QTest.keyClick(table, Qt.Key.Key_Escape)
    assert not sheet.isVisible()


def test_f1_in_a_dialog_lists_its_alt_letters(qtbot, ready_store: tuple[Store, SignedIn]) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.sync_control import ConnectionSettings
    from desktop.ui.form_helpers import install_title_guard
    from desktop.ui.sync.connect_dialog import ConnectDialog

    app = QApplication.instance()
    guard = install_title_guard(app)  # as the application does at start-up
    try:
        dialog = ConnectDialog(ready_store[0], ConnectionSettings())
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        QTest.keyClick(dialog.server_url, Qt.Key.Key_F1)
        rows = help_sheet_rows(dialog)
        assert ("Địa chỉ máy chủ", "Alt+H") in rows and ("Kết nối", "Alt+K") in rows
        dialog.findChild(QDialog, "helpSheet").close()
    finally:
        app.removeEventFilter(guard)

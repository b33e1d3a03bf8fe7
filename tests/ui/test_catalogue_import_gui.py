"""File → Nhập danh mục thủ tục…: the administrator previews the province's list, then imports it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.services.accounts import SignedIn
from desktop.store.catalogue import active_procedures, active_version
from desktop.store.engine import Store
from desktop.ui.catalogue_import_dialog import CatalogueImportDialog
from desktop.ui.main_window import MainWindow
from tests.ui.helpers import type_text, visible_top_levels
from tests.unit.test_catalogue_import import national_list, shipped_rows

pytestmark = pytest.mark.usefixtures("vietnamese")


def _window(qtbot, store: Store, officer: SignedIn) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(store, officer, workstation="1")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _texts(dialog: CatalogueImportDialog) -> list[list[str]]:
    tree = dialog.changes
    rows = []
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        assert group is not None
        rows.append([group.text(0)])
        rows += [[group.child(j).text(c) for c in range(3)] for j in range(group.childCount())]
    return rows


def test_admin_previews_then_imports(qtbot, ready_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, officer = ready_store
    rows = shipped_rows("1.001612")
    rows.append(["1.012753.H19", "Thủ tục mới của tỉnh", "UBND tỉnh", "UBND xã", "Hộ tịch"])
    path = national_list(tmp_path / "danh-sach.xlsx", rows)
    win = _window(qtbot, store, officer)
    action = win.findChild(QAction, "importCatalogue")
    assert action is not None and action in win.menu_file.actions()
    assert action.text() == "Nhập &danh mục thủ tục…"
    action.trigger()
    (dialog,) = visible_top_levels(CatalogueImportDialog)
    assert isinstance(dialog, CatalogueImportDialog)
    assert not dialog.import_button.isEnabled()
    dialog.activateWindow()  # the offscreen platform does not activate a dialog as it opens
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)

    dialog.file.setFocus()
    type_text(dialog.file, str(tmp_path / "khong-co.xlsx"))
    dialog.preview_button.click()
    assert "Hãy chọn tệp danh mục thủ tục" in dialog.error.text()

    dialog.file.clear()
    type_text(dialog.file, str(path))
    QTest.keyClick(dialog.file, Qt.Key.Key_Return)  # Enter previews (off the GUI thread)
    said = "danh-sach.xlsx: danh sách thủ tục xuất từ Cơ sở dữ liệu quốc gia"
    qtbot.waitUntil(lambda: said in dialog.summary.text(), timeout=20000)
    assert _texts(dialog) == [
        ["Thêm (1)"],
        ["1.012753", "Thủ tục mới của tỉnh", "thời hạn chưa xác nhận"],
        ["Bãi bỏ (1)"],
        ["1.001612", rows_name("1.001612", store), "không có trong danh sách của tỉnh"],
    ]
    with store.session() as session:
        before = active_version(session)
        assert before is not None and before.source != "import"  # a preview writes nothing
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: bool(dialog.imported), timeout=20000)
    assert "Đã nhập: danh mục thủ tục phiên bản" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    with store.session() as session:
        codes = {p.code for p in active_procedures(session)}
    assert "1.012753" in codes and "1.001612" not in codes


def rows_name(code: str, store: Store) -> str:
    with store.session() as session:
        return next(p.name for p in active_procedures(session) if p.code == code)


def test_a_refused_file_says_why_and_imports_nothing(qtbot, ready_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, officer = ready_store
    path = national_list(tmp_path / "sai.xlsx", [["1.0011", "Sai mã", "", "", ""]])
    dialog = CatalogueImportDialog(store, officer, None, str(path))
    qtbot.addWidget(dialog)
    assert "dòng 3: mã '1.0011' không đúng dạng mã thủ tục quốc gia" in dialog.error.text()
    assert not dialog.import_button.isEnabled() and dialog.changes.topLevelItemCount() == 0


def test_other_officers_do_not_see_the_entry(qtbot, ready_store) -> None:  # type: ignore[no-untyped-def]
    store, officer = ready_store
    win = _window(qtbot, store, dataclasses.replace(officer, role="officer"))
    assert win.findChild(QAction, "importCatalogue") is None

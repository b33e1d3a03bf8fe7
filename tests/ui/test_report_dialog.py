"""Báo cáo → Lập báo cáo…: a malformed period is refused in the dialog; a quarter's form II.06a is saved
as XLSX off the GUI thread and opened."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox, QMenu

from desktop.core.timeutil import VN_TZ
from desktop.ui import report_dialog
from desktop.ui.main_window import MainWindow
from desktop.ui.report_dialog import ReportDialog
from tests.factories import place
from tests.ui.helpers import replace_text, visible_top_levels

pytestmark = [pytest.mark.usefixtures("vietnamese"), pytest.mark.one_moment]


def test_a_quarter_report_is_saved_and_opened(qtbot, ready_store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store, officer = ready_store
    place(store, {
        "done": {"status": "returned", "received": datetime(2026, 8, 3, 9, tzinfo=VN_TZ),
                 "finished_at": datetime(2026, 8, 4, 9, tzinfo=VN_TZ)},
        "open": {"status": "processing", "received": datetime(2026, 9, 3, 9, tzinfo=VN_TZ)},
    })  # fmt: skip
    opened: list[Path] = []
    monkeypatch.setattr(report_dialog, "open_file", opened.append)
    monkeypatch.setattr(ReportDialog, "choose_path", lambda self, name: tmp_path / name)
    window = MainWindow(store, officer, workstation="1")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    action = window.findChild(QAction, "makeReport")
    assert action is not None and action.text() == "&Lập báo cáo…"
    menu = window.findChild(QMenu, "reportsMenu")
    assert menu is not None and menu.title() == "&Xem báo cáo" and action in menu.actions()
    assert menu.menuAction() in window.menuBar().actions()
    action.trigger()
    (dialog,) = visible_top_levels(ReportDialog)
    assert isinstance(dialog, ReportDialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)

    replace_text(dialog.period, "2026-Q9")
    ok.click()
    assert dialog.isVisible() and "2026-Q4" in dialog.error.text() and not opened

    replace_text(dialog.period, "2026-Q3")
    dialog.format.setCurrentIndex(dialog.format.findData(".xlsx"))
    ok.click()
    qtbot.waitUntil(lambda: bool(opened))
    assert opened == [tmp_path / "bieu-II.06a-20260701-20260930.xlsx"] and not dialog.isVisible()
    book = openpyxl.load_workbook(opened[0], read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    total = next(r for r in rows if len(r) > 1 and r[1] == "Tổng cộng")
    assert total[2:] == (2, 0, 2, 0, 1, 1, 0, 0, 1, 0, 1)  # both received; one resolved early, one overdue

    # the register takes dates, not a period, and is saved as XLSX only
    window.findChild(QAction, "makeReport").trigger()
    dialog = next(d for d in visible_top_levels(ReportDialog) if isinstance(d, ReportDialog))
    dialog.kind.setCurrentIndex(dialog.kind.findData("register"))
    assert not dialog.period.isEnabled() and dialog.date_from.isEnabled()
    assert [dialog.format.itemData(i) for i in range(dialog.format.count())] == [".xlsx"]

    # the form II.06a made above is listed below, and opens again from there
    qtbot.waitUntil(lambda: dialog.history.topLevelItemCount() == 1)
    item = dialog.history.topLevelItem(0)
    assert item is not None
    assert [item.text(n) for n in range(1, 7)] == [
        "Quý III/2026 (từ ngày 01/07/2026 đến ngày 30/09/2026)", "2", "1", "1", "2",
        "bieu-II.06a-20260701-20260930.xlsx",
    ]  # fmt: skip
    assert dialog.history.headerItem().text(5) == "Chưa đồng bộ"
    dialog.history.itemActivated.emit(item, 0)
    assert opened[-1] == tmp_path / "bieu-II.06a-20260701-20260930.xlsx"


def test_the_save_dialog_opens_outside_the_profile(qtbot, ready_store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store, _ = ready_store
    asked: list[str] = []

    def save_as(_parent, _title, start, _pattern):  # type: ignore[no-untyped-def]
        asked.append(start)
        return "", ""

    monkeypatch.setattr(report_dialog.QFileDialog, "getSaveFileName", save_as)
    dialog = ReportDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.choose_path("phi-20261201-20261231.pdf") is None  # cancelled
    start = Path(asked[0])
    assert start.name == "phi-20261201-20261231.pdf"
    assert not start.is_relative_to(store.profile.root)  # a clear statement of names never lands there

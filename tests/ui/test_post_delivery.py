"""The post's delivery of a result, recorded from the dossier view by keyboard (issue 16 item 1: "by post
(handed to post, waybill code, delivered date)"): on only while the result is with the post."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from desktop.core.worklists import Worklist
from desktop.services.accounts import SignedIn
from desktop.services.followup import hand_over
from desktop.services.intake import receive_dossier
from desktop.services.result import post_result, record_result, return_result
from desktop.store.engine import Store
from desktop.store.models import Dossier
from desktop.ui.dossier import open_dossier
from desktop.ui.dossier.result_dialogs import DeliveredDialog
from desktop.ui.dossier.view import DossierView
from desktop.ui.main_window import MainWindow
from tests.clock import Clock
from tests.factories import at
from tests.sync_helpers import make_draft
from tests.ui.helpers import help_sheet_rows
from tests.ui.keyboard_audit import audit
from tests.ui.test_dossier_view import window
from tests.ui.test_i18n import assert_all_vietnamese

__all__ = ["window"]

pytestmark = pytest.mark.usefixtures("vietnamese")

TODAY = date(2026, 12, 3)
SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _result_ready(store: Store, officer: SignedIn, number: int, *, postal: bool) -> str:
    """A dossier received yesterday morning, its result ready by 11:00 (on time, nothing to pay)."""
    dossier_id = receive_dossier(store, officer, make_draft(store, number), received_at=at(2, 12, 8)).id
    hand_over(store, officer, dossier_id, "Công chức Tư pháp - Hộ tịch", at=at(2, 12, 9))
    record_result(store, officer, dossier_id, at=at(2, 12, 11))
    if postal:
        with store.transaction() as session:
            session.execute(update(Dossier).where(Dossier.id == dossier_id).values(delivery="postal"))
    return dossier_id


@pytest.fixture(autouse=True)
def _thursday(clock: Clock) -> None:
    clock.set(at(3, 12, 9, 30))  # Thursday 03/12/2026, before the profile and the window are made


def _view(qtbot: QtBot, window: MainWindow, dossier_id: str) -> DossierView:
    view = open_dossier(window, dossier_id)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view.lines.setFocus()
    qtbot.waitUntil(view.lines.hasFocus)
    return view


def _last_row(view: DossierView) -> tuple[str, str, str]:
    item = view.timeline.topLevelItem(view.timeline.topLevelItemCount() - 1)
    return item.text(0), item.text(1), item.text(3)


def _returned_today(qtbot: QtBot, window: MainWindow, expected: int) -> None:
    window.worklists.refresh()
    qtbot.waitUntil(lambda: window.worklists.counts.get(Worklist.RETURNED_TODAY) == expected)


def test_a_posted_result_is_recorded_delivered_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    store, officer = window.store, window.officer
    dossier_id = _result_ready(store, officer, 1, postal=True)
    post_result(store, officer, dossier_id, "EV123456789VN", at=at(3, 12, 8))
    _returned_today(qtbot, window, 1)  # handed to the post this morning: returned today
    view = _view(qtbot, window, dossier_id)
    action = view.follow_up.actions["result_delivered"]
    assert action.isEnabled() and action.text() == "Bư&u chính đã phát…"
    window.resize(1366, 768)  # as the keyboard audit does: a counter PC's screen
    assert audit(window) == []  # its Alt letter and key clash with nothing on this screen
    view.lines.setFocus()

    QTest.keyClick(view.lines, Qt.Key.Key_D, SHIFT_CTRL)
    dialog = view.follow_up.dialog
    assert isinstance(dialog, DeliveredDialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert_all_vietnamese(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.note)  # the date is filled: today
    assert dialog.delivered_on() == TODAY and dialog.day.text() == "03/12/2026"
    assert audit(dialog, submits_empty=True) == []
    assert QApplication.focusWidget() is dialog.note

    # a day after today, reached with the arrow keys, is refused on the red line
    QTest.keyClick(dialog.note, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is dialog.day
    QTest.keyClick(dialog.day, Qt.Key.Key_Up)
    assert dialog.delivered_on() > TODAY
    QTest.keyClick(dialog.day, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.text() == "Ngày phát không được sau hôm nay (03/12/2026)."
    # a day before the post had it, likewise
    dialog.day.setDate(QDate(2026, 12, 2))
    QTest.keyClick(dialog.day, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error.text() == "Ngày phát không được trước ngày giao bưu chính (03/12/2026)."
    assert view.timeline.topLevelItemCount() == 4  # received, handed over, ready, posted: nothing written

    dialog.day.setDate(QDate(2026, 12, 3))
    QTest.keyClick(dialog.day, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.note
    QTest.keyClicks(dialog.note, "Ong Binh ky nhan")
    QTest.keyClick(dialog.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.timeline.topLevelItemCount() == 5)
    assert _last_row(view) == (
        "09:30 03/12/2026",
        "Bưu chính đã phát kết quả",
        "phát ngày 03/12/2026 · Ong Binh ky nhan",
    )
    assert view.header.status.text() == "Đã trả kết quả"  # the status stays 10
    assert not action.isEnabled()  # delivered once
    _returned_today(qtbot, window, 1)  # still returned today: the delivery moves no list
    with store.session() as session:
        assert session.get_one(Dossier, dossier_id).delivery_status == "delivered"


def test_an_earlier_day_is_recorded_on_that_day(qtbot: QtBot, window: MainWindow) -> None:
    store, officer = window.store, window.officer
    dossier_id = _result_ready(store, officer, 1, postal=True)
    post_result(store, officer, dossier_id, "EV123456789VN", at=at(2, 12, 15))
    view = _view(qtbot, window, dossier_id)
    view.follow_up.actions["result_delivered"].trigger()
    dialog = view.follow_up.dialog
    assert isinstance(dialog, DeliveredDialog)
    dialog.day.setDate(QDate(2026, 12, 2))  # the post delivered it the day it had it
    dialog.accept()
    qtbot.waitUntil(lambda: view.timeline.topLevelItemCount() == 5)
    assert _last_row(view) == ("23:59 02/12/2026", "Bưu chính đã phát kết quả", "phát ngày 02/12/2026")


def test_the_action_is_off_for_a_result_returned_at_the_counter(qtbot: QtBot, window: MainWindow) -> None:
    store, officer = window.store, window.officer
    dossier_id = _result_ready(store, officer, 2, postal=False)
    return_result(store, officer, dossier_id, at=at(3, 12, 9))
    view = _view(qtbot, window, dossier_id)
    assert view.header.status.text() == "Đã trả kết quả"
    assert not view.follow_up.actions["result_delivered"].isEnabled()
    QTest.keyClick(view.lines, Qt.Key.Key_D, SHIFT_CTRL)
    assert view.follow_up.dialog is None  # the key does nothing


def test_f1_in_the_dossier_view_lists_the_delivery(qtbot: QtBot, window: MainWindow) -> None:
    store, officer = window.store, window.officer
    dossier_id = _result_ready(store, officer, 1, postal=True)
    post_result(store, officer, dossier_id, "EV123456789VN", at=at(3, 12, 8))
    view = _view(qtbot, window, dossier_id)
    QTest.keyClick(view.lines, Qt.Key.Key_F1)
    rows = help_sheet_rows(window)
    assert ("Bưu chính đã phát", "Ctrl+Shift+D") in rows
    window.findChild(QDialog, "helpSheet").close()

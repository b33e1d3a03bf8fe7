"""By keyboard: the batch hand-over of the day's received dossiers with its printed list, and a financial
obligation recorded then met from the dossier view."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.services.followup import hand_over
from desktop.services.intake import receive_dossier
from desktop.store.models import Dossier
from desktop.ui.dossier.batch import BatchHandOverDialog
from desktop.ui.dossier.dialogs import ObligationDialog, ObligationMetDialog
from desktop.ui.main_window import MainWindow
from tests.factories import intake_draft
from tests.ui.helpers import type_text
from tests.ui.test_dossier_view import MONDAY_9, _close_previews, _open, _preview, window

__all__ = ["window"]

pytestmark = pytest.mark.usefixtures("vietnamese")


def _status(window: MainWindow, code: str) -> str:
    with window.store.session() as session:
        return str(session.scalars(select(Dossier.status).where(Dossier.code == code)).one())


def test_ctrl_shift_h_hands_todays_dossiers_over_and_previews_the_list(
    qtbot: QtBot, window: MainWindow
) -> None:
    store, officer = window.store, window.officer
    old = receive_dossier(store, officer, intake_draft(store), received_at=MONDAY_9).code
    today = [receive_dossier(store, officer, intake_draft(store)).code for _ in range(2)]
    QTest.keyClick(
        window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = window.findChild(BatchHandOverDialog, "batchHandOverDialog")
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.dossiers)  # opens on its first field
    assert dialog.codes() == today  # today's ticked, the older one listed unticked
    assert dialog.dossiers.count() == 3
    QTest.keyClick(dialog.dossiers, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.text() == "Hãy nhập cơ quan, bộ phận giải quyết."
    type_text(dialog.unit, "Công chức Tư pháp - Hộ tịch")
    QTest.keyClick(dialog.unit, Qt.Key.Key_Tab)
    type_text(QApplication.focusWidget(), "Nguyễn Văn Nhận")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _status(window, today[1]) == "processing")
    assert [_status(window, c) for c in (old, *today)] == ["received", "processing", "processing"]
    preview = _preview(qtbot)
    assert preview.job.form == "handover_list" and preview.job.code
    _close_previews()


def test_an_obligation_is_recorded_then_met_from_the_dossier_view(qtbot: QtBot, window: MainWindow) -> None:
    store, officer = window.store, window.officer
    code = receive_dossier(store, officer, intake_draft(store)).code
    hand_over(store, officer, code, "Công chức Địa chính")
    view = _open(window, code)
    view.show()
    assert view.follow_up.actions["request_obligation"].isEnabled()
    assert not view.follow_up.actions["obligation_met"].isEnabled()
    QTest.keyClick(
        view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = view.follow_up.dialog
    assert isinstance(dialog, ObligationDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.notice)
    type_text(dialog.notice, "123/TB-CCT")
    QTest.keyClick(dialog.notice, Qt.Key.Key_Tab)
    type_text(dialog.body, "Chi cục Thuế khu vực")
    QTest.keyClick(dialog.body, Qt.Key.Key_Tab)
    type_text(dialog.amount, "1.25O.000")  # a letter O typed for a zero
    QTest.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.text() == "Số tiền phải là số nguyên dương (đồng)."
    dialog.amount.clear()
    type_text(dialog.amount, "1.250.000")
    QTest.keyClick(dialog.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _status(window, code) == "financial_obligation")
    qtbot.waitUntil(view.follow_up.actions["obligation_met"].isEnabled)
    window.activateWindow()
    view.lines.setFocus()
    qtbot.waitUntil(view.lines.hasFocus)
    QTest.keyClick(
        view.lines, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    met = view.follow_up.dialog
    assert isinstance(met, ObligationMetDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is met.document)
    type_text(met.document, "BL-0001234")
    QTest.keyClick(met.document, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _status(window, code) == "processing")
    assert view.timeline.topLevelItemCount() == 4

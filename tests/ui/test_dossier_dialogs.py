"""The dossier actions' dialogs by keyboard: each opens with the cursor in its first field, and Space or
Enter on OK with a required field empty keeps the dialog open, says what is missing and changes nothing."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from desktop.ui.dossier.dialogs import HandOverDialog, ReasonDialog, SupplementDialog
from desktop.ui.dossier.view import DossierView
from desktop.ui.main_window import MainWindow
from tests.ui.helpers import type_text
from tests.ui.test_dossier_view import _close_previews, _open, code, window

__all__ = ["code", "window"]

pytestmark = pytest.mark.usefixtures("vietnamese")

RECEIVED = "Được tiếp nhận"


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def tab_to_ok(dialog: ReasonDialog | HandOverDialog) -> list[QWidget]:
    """Tab from the first field to OK; the widgets passed on the way."""
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    passed = [focused()]
    while focused() is not ok:
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        assert len(passed) < 8, [w.objectName() for w in passed]
        passed.append(focused())
    return passed[:-1]


def space_on_ok_is_refused(view: DossierView, field: QWidget, message: str) -> None:
    dialog = view.follow_up.dialog
    assert isinstance(dialog, ReasonDialog | HandOverDialog)
    ok = focused()
    QTest.keyClick(ok, Qt.Key.Key_Space)
    assert dialog.isVisible() and dialog.error.isVisible() and dialog.error.text() == message
    assert focused() is field  # the cursor is where the missing value goes
    QTest.keyClick(field, Qt.Key.Key_Tab)
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    assert dialog.isVisible()  # nor does Enter
    assert view.header.status.text() == RECEIVED
    assert view.timeline.topLevelItemCount() == 1


def test_action_dialogs_open_on_their_first_field_and_space_never_submits_them_empty(
    qtbot: QtBot, window: MainWindow, code: str
) -> None:
    view = _open(window, code)

    view.follow_up.actions["hand_over"].trigger()
    hand = view.follow_up.dialog
    assert isinstance(hand, HandOverDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is hand.unit)
    assert tab_to_ok(hand) == [hand.unit, hand.receiver]
    space_on_ok_is_refused(view, hand.unit, "Hãy nhập nơi nhận xử lý hồ sơ.")
    hand.reject()

    view.follow_up.actions["supplement"].trigger()
    supplement = view.follow_up.dialog
    assert isinstance(supplement, SupplementDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is supplement.documents)
    assert tab_to_ok(supplement) == [supplement.documents, supplement.other, supplement.reason]
    message = "Hãy đánh dấu ít nhất một giấy tờ, hoặc ghi tên giấy tờ khác."
    space_on_ok_is_refused(view, supplement.documents, message)
    supplement.reject()

    for name in ("refuse", "stop"):
        view.follow_up.actions[name].trigger()
        dialog = view.follow_up.dialog
        assert type(dialog) is ReasonDialog
        qtbot.waitUntil(lambda d=dialog: QApplication.focusWidget() is d.reason)  # type: ignore[misc]
        assert tab_to_ok(dialog) == [dialog.reason]
        space_on_ok_is_refused(view, dialog.reason, "Hãy nhập lý do.")
        dialog.reject()

    # filled in by keyboard, the same dialog goes through: the office typed, Enter
    view.follow_up.actions["hand_over"].trigger()
    hand = view.follow_up.dialog
    assert isinstance(hand, HandOverDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is hand.unit)
    type_text(hand.unit, "Công chức Tư pháp - Hộ tịch")
    QTest.keyClick(hand.unit, Qt.Key.Key_Return)
    assert view.header.status.text() == "Đang xử lý"
    _close_previews()

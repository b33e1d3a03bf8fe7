"""Withdraw, rate and undo from the dossier view, by keyboard (issue 16 items 1, 3, 6)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.rating import Level
from desktop.ui.dossier.applicant_dialogs import RatingDialog, UndoDialog, WithdrawDialog, ask_rating
from desktop.ui.main_window import MainWindow
from tests.ui.helpers import type_text, visible_top_levels
from tests.ui.test_dossier_view import _dossier_id, _open, code, window
from tests.ui.test_i18n import assert_all_vietnamese

__all__ = ["code", "window"]

pytestmark = pytest.mark.usefixtures("vietnamese")


def _last_row(view) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    item = view.timeline.topLevelItem(view.timeline.topLevelItemCount() - 1)
    return item.text(1), item.text(3)


def _close_messages() -> list[str]:
    texts = []
    for box in visible_top_levels(QMessageBox):
        assert isinstance(box, QMessageBox)
        texts.append(box.text())
        box.close()
    return texts


def test_withdraw_then_undo_by_keyboard(qtbot: QtBot, window: MainWindow, code: str) -> None:
    view = _open(window, code)
    QTest.keyClick(
        view.lines, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = view.follow_up.dialog
    assert isinstance(dialog, WithdrawDialog)
    assert_all_vietnamese(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.requester)
    assert dialog.reason.toPlainText() == "Theo đề nghị của người nộp hồ sơ"
    assert dialog.name.text() == "Nguyễn Văn Mẫu" and not dialog.name.isEnabled()
    QTest.keyClick(dialog.requester, Qt.Key.Key_Return)  # everything pre-filled: Enter withdraws
    assert view.header.status.text() == "Công dân yêu cầu rút hồ sơ"
    assert _last_row(view)[0] == "Công dân rút hồ sơ"
    assert not view.follow_up.actions["withdraw"].isEnabled()
    view.window().activateWindow()  # the dialog closed: the officer is back in the dossier view
    view.lines.setFocus()
    qtbot.waitUntil(view.lines.hasFocus)

    QTest.keyClick(
        view.lines, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    undo = view.follow_up.dialog
    assert isinstance(undo, UndoDialog)
    assert_all_vietnamese(undo)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is undo.reason)
    type_text(undo.reason, "Rút nhầm hồ sơ")
    QTest.keyClick(undo.reason, Qt.Key.Key_Tab)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert view.header.status.text() == "Được tiếp nhận"
    what, details = _last_row(view)
    assert what == "Hoàn tác bước ghi nhầm"
    assert "hoàn tác: Công dân rút hồ sơ" in details and "Rút nhầm hồ sơ" in details
    assert view.timeline.topLevelItemCount() == 3  # received, withdrawn, corrected: nothing removed


def test_rating_one_key_each_and_a_second_rating_is_refused(
    qtbot: QtBot, window: MainWindow, code: str
) -> None:
    view = _open(window, code)
    view.follow_up.actions["rate"].trigger()
    dialog = view.follow_up.dialog
    assert isinstance(dialog, RatingDialog)
    assert_all_vietnamese(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.buttons_by_level[Level.VERY_SATISFIED])
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_3)
    assert dialog.isVisible() and QApplication.focusWidget() is dialog.reason  # dissatisfied: why?
    QTest.keyClick(dialog.reason, Qt.Key.Key_Tab)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.text() == "Hãy ghi lý do người dân không hài lòng."
    type_text(dialog.reason, "Phải chờ lâu")
    dialog.accept()
    assert _last_row(view) == ("Người dân đánh giá", "Không hài lòng · Phải chờ lâu")

    view.follow_up.actions["rate"].trigger()
    again = view.follow_up.dialog
    assert isinstance(again, RatingDialog)
    qtbot.waitUntil(again.isVisible)
    QTest.keyClick(again, Qt.Key.Key_1)  # one key: recorded at once, refused by the service
    messages = _close_messages()
    assert len(messages) == 1 and "đã được đánh giá ('Không hài lòng')" in messages[0]
    assert view.timeline.topLevelItemCount() == 2


def test_ask_rating_for_the_return_dialog(qtbot: QtBot, window: MainWindow, code: str) -> None:
    view = _open(window, code)
    done: list[bool] = []
    dialog = ask_rating(view, window.store, window.officer, code, lambda: done.append(True))
    qtbot.waitUntil(dialog.isVisible)
    QTest.keyClick(dialog, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: done == [True])
    from desktop.store.models import Dossier

    with window.store.session() as session:
        assert session.get_one(Dossier, _dossier_id(window.store, code)).rating == 4


def test_an_authorised_person_withdraws_with_the_authorisation(
    qtbot: QtBot, window: MainWindow, code: str
) -> None:
    view = _open(window, code)
    view.follow_up.actions["withdraw"].trigger()
    dialog = view.follow_up.dialog
    assert isinstance(dialog, WithdrawDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.requester)
    QTest.keyClick(dialog.requester, Qt.Key.Key_Down)
    assert dialog.name.isEnabled() and dialog.name.text() == ""
    QTest.keyClick(dialog.requester, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.text() == "Hãy nhập họ tên người được ủy quyền."
    assert QApplication.focusWidget() is dialog.name
    type_text(dialog.name, "Trần Thị Bình")
    QTest.keyClick(dialog.name, Qt.Key.Key_Tab)
    type_text(QApplication.focusWidget(), "001190000123")  # type: ignore[arg-type]
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    type_text(QApplication.focusWidget(), "Giấy ủy quyền số 12/UQ")  # type: ignore[arg-type]
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert view.header.status.text() == "Công dân yêu cầu rút hồ sơ"
    assert "người đề nghị: Trần Thị Bình, được ủy quyền (Giấy ủy quyền số 12/UQ)" in _last_row(view)[1]

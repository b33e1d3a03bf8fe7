"""Input never silently changed (issue 21): a paste too long for an intake field is refused with the limit
said, never cut; an ID card payload pasted into any field fills the applicant, the field keeps its text."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from desktop.services.accounts import SignedIn
from desktop.services.intake_draft import MAX_NAME
from desktop.store.engine import Store
from desktop.ui.intake import open_intake
from desktop.ui.main_window import MainWindow
from tests.ui.helpers import type_text

pytestmark = pytest.mark.usefixtures("vietnamese")

PAYLOAD = "064091234567||NGUYỄN VĂN MẪU|12031991|Nam|Thôn Thử, Xã Mẫu, Tỉnh Gia Lai|15082021"


def paste(widget) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_a_long_paste_is_refused_whole_and_a_card_paste_is_read(
    qtbot, ready_store: tuple[Store, SignedIn]
) -> None:  # type: ignore[no-untyped-def]
    store, officer = ready_store
    window = MainWindow(store, officer, workstation="1")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view = open_intake(window)
    name = view.applicant.full_name
    clipboard = QGuiApplication.clipboard()

    clipboard.setText("Nguyễn Văn " * 500)  # 5,500 characters
    paste(name)
    assert name.text() == ""  # not cut to 300 characters mid-word
    message = view.applicant.boxes["applicant.full_name"].findChild(QLabel, "msg:applicant.full_name")
    assert message.isVisible() and str(MAX_NAME) in message.text() and "5500" in message.text()

    clipboard.setText("Lê Thị Hoa")  # what fits is pasted as usual
    paste(name)
    assert name.text() == "Lê Thị Hoa"

    type_text(view.applicant.address, "Thôn 2")
    clipboard.setText(PAYLOAD)  # Ctrl+V of a card's QR data into the address
    paste(view.applicant.address)
    assert name.text() == "NGUYỄN VĂN MẪU" and view.applicant.id_number.text() == "064091234567"
    assert PAYLOAD not in view.applicant.address.text()


def drop(guard, widget, text: str) -> bool:  # type: ignore[no-untyped-def]
    """Text dropped on `widget` (on a plain-text edit's viewport, where Qt delivers it), as `guard`'s event
    filter sees it: offscreen Qt delivers no Drop without a drag under way; True when refused."""
    from PySide6.QtCore import QMimeData, QPointF
    from PySide6.QtGui import QDropEvent
    from PySide6.QtWidgets import QPlainTextEdit

    target = widget.viewport() if isinstance(widget, QPlainTextEdit) else widget
    data = QMimeData()
    data.setText(text)
    event = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    return bool(guard.eventFilter(target, event))


def test_intake_fields_count_near_their_limit_and_refuse_a_long_drop_or_middle_click(
    qtbot, ready_store: tuple[Store, SignedIn], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from desktop.core import limits
    from desktop.ui import text_limit
    from desktop.ui.text_limit import LengthCounter

    store, officer = ready_store
    window = MainWindow(store, officer, workstation="1")
    qtbot.addWidget(window)
    window.show()
    view = open_intake(window)
    name = view.applicant.full_name
    counter = name.findChild(LengthCounter)
    assert name.maxLength() == limits.NAME == 100
    name.setText("a" * 79)
    assert not counter.isVisible()  # under 80 % of the limit: no counter
    name.setText("a" * 80)
    assert counter.isVisible() and counter.text() == "80/100"

    name.setText("Lê Văn")
    message = view.applicant.boxes["applicant.full_name"].findChild(QLabel, "msg:applicant.full_name")
    assert drop(view.paste_guard, name, "Nguyễn " * 20)  # 140 characters dropped: refused whole
    assert name.text() == "Lê Văn" and "140" in message.text() and "100" in message.text()
    monkeypatch.setattr(text_limit, "selection_text", lambda: "x" * 95)  # the X11 selection, 95 characters
    QTest.mouseClick(name, Qt.MouseButton.MiddleButton)
    assert name.text() == "Lê Văn" and "95" in message.text()
    address = view.applicant.address
    monkeypatch.setattr(text_limit, "selection_text", lambda: PAYLOAD)  # a card read by middle click
    QTest.mouseClick(address, Qt.MouseButton.MiddleButton)
    assert name.text() == "NGUYỄN VĂN MẪU" and PAYLOAD not in address.text()


def test_an_action_dialogs_reason_has_its_limit_counted_and_a_long_paste_refused(qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.core import limits
    from desktop.ui.dossier.dialogs import ReasonDialog
    from desktop.ui.text_limit import LengthCounter

    dialog = ReasonDialog("Từ chối", "Lý do từ chối", "Từ chối", None)
    qtbot.addWidget(dialog)
    dialog.show()
    reason = dialog.reason
    counter = reason.findChild(LengthCounter)
    reason.setPlainText("Thiếu giấy tờ. " * 100)  # 1,500 characters: under 80 % of 2,000
    assert not counter.isVisible()
    reason.setPlainText("x" * 1999)
    assert counter.isVisible() and counter.text() == f"1999/{limits.REASON}"
    type_text(reason, "yz")  # typing stops at the limit
    assert len(reason.toPlainText()) == limits.REASON and counter.text() == "2000/2000"

    reason.setPlainText("Hồ sơ thiếu tờ khai.")
    QGuiApplication.clipboard().setText("Sai mẫu. " * 300)  # 2,700 characters
    paste(reason)
    assert reason.toPlainText() == "Hồ sơ thiếu tờ khai."  # refused whole, not cut at 2,000
    assert dialog.error.isVisible() and "2700" in dialog.error.text() and "2000" in dialog.error.text()
    from desktop.ui.text_limit import LimitGuard

    assert drop(reason.findChild(LimitGuard), reason, "y" * 2500)
    assert reason.toPlainText() == "Hồ sơ thiếu tờ khai." and "2500" in dialog.error.text()
    QGuiApplication.clipboard().setText(" — đã kiểm tra")  # what fits is pasted as usual
    reason.moveCursor(reason.textCursor().MoveOperation.End)
    paste(reason)
    assert reason.toPlainText() == "Hồ sơ thiếu tờ khai. — đã kiểm tra"

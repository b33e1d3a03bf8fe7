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

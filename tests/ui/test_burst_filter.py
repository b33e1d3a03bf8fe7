"""The scanner-burst filter on its own, on a small form: what counts as a scanner and what is a person."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from desktop.ui.intake.burst import ScannerBurstFilter
from tests.ui.scanner import ALT_CODE, KeyboardScanner, ScanClock

NONE = Qt.KeyboardModifier.NoModifier
PAYLOAD = "064091234567||NGUYỄN VĂN MẪU|12031991|Nam|Thôn Thử, Xã Mẫu|15082021"


class Form(QWidget):
    def __init__(self, clock: ScanClock | None) -> None:
        super().__init__()
        self.edit = QLineEdit(self)
        QVBoxLayout(self).addWidget(self.edit)
        self.burst = ScannerBurstFilter(self, clock=clock)
        self.heard: list[str] = []
        self.burst.payload_scanned.connect(self.heard.append)
        self.burst.unrecognised_burst.connect(lambda: self.heard.append("unrecognised"))
        self.burst.unterminated_burst.connect(lambda text: self.heard.append(f"unterminated: {text}"))


@pytest.fixture
def clock() -> ScanClock:
    return ScanClock()


class StampedScanner(KeyboardScanner):
    """The same key sequence, each event stamped by the window system at the scanner's time (in ms)."""

    stamp = True

    def press(self, key: Qt.Key, text: str, modifier: Qt.KeyboardModifier) -> None:
        self.clock.now += self.per_key
        self._send(QEvent.Type.KeyPress, key, text, modifier)

    def release(self, key: Qt.Key, text: str, modifier: Qt.KeyboardModifier) -> None:
        self._send(QEvent.Type.KeyRelease, key, text, modifier)

    def _send(self, kind: QEvent.Type, key: Qt.Key, text: str, modifier: Qt.KeyboardModifier) -> None:
        event = QKeyEvent(kind, key, modifier, text)
        event.setTimestamp(round(self.clock.now * 1000) if self.stamp else 0)
        QApplication.sendEvent(QApplication.focusWidget(), event)


def show(qtbot: QtBot, widget: Form) -> Form:
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.edit.setFocus()
    return widget


@pytest.fixture
def form(qtbot: QtBot, clock: ScanClock) -> Form:
    return show(qtbot, Form(clock))


def test_without_a_test_clock_the_key_timestamps_decide(qtbot: QtBot) -> None:
    """In the application, time is each key's timestamp: keys the reader sent 5 ms apart are one burst
    even if handling them took long; a person's keys 150 ms apart never are, even if handled at once."""
    form = show(qtbot, Form(None))
    sent = ScanClock()
    form.edit.setText("Ghi chú")
    StampedScanner(sent).scan(PAYLOAD)
    assert form.heard == [PAYLOAD] and form.edit.text() == "Ghi chú"
    form.edit.clear()
    StampedScanner(sent, per_key=0.15).scan("Lê|Văn|Thử|Ngày|12")
    assert form.heard == [PAYLOAD] and form.edit.text() == "Lê|Văn|Thử|Ngày|12"
    form.edit.clear()
    unstamped = StampedScanner(sent)
    unstamped.stamp = False  # made up by a program (no window-system time): typed as it comes
    unstamped.scan("8935049500018", enter=False)
    assert form.heard == [PAYLOAD] and form.edit.text() == "8935049500018"


def test_empty_unicode_key_events_and_alt_codes_belong_to_the_burst(form: Form, clock: ScanClock) -> None:
    form.edit.setText("Ghi chú")
    scanner = KeyboardScanner(clock, mode=ALT_CODE)
    clock.now += 1.0
    for ch in PAYLOAD:
        scanner.tap(Qt.Key.Key_unknown, "")  # Windows' VK_PACKET key-down before each injected character
        scanner.char(ch)
    scanner.tap(Qt.Key.Key_Return, "\r")
    assert form.heard == [PAYLOAD]
    assert form.edit.text() == "Ghi chú"


def test_a_held_key_is_a_person_even_at_scanner_speed(qtbot: QtBot, form: Form, clock: ScanClock) -> None:
    form.edit.setText("Thôn 3 ")
    clock.now += 1.0
    for repeat in range(12):  # held down: the keyboard repeats it every 30 ms, as fast as a slow scanner
        clock.now += 0.030
        held = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Minus, NONE, "-", repeat > 0)
        QApplication.sendEvent(form.edit, held)
    clock.now += 0.030
    with qtbot.waitSignal(form.edit.returnPressed, timeout=1000):
        QTest.keyClick(form.edit, Qt.Key.Key_Return)
    assert form.edit.text() == "Thôn 3 " + "-" * 12
    assert form.heard == []


def test_a_scan_cut_short_then_scanned_again_at_once(form: Form, clock: ScanClock) -> None:
    form.edit.setText("Ghi chú")
    KeyboardScanner(clock).scan(PAYLOAD[:30], enter=False)  # the card slipped out of the beam
    KeyboardScanner(clock).scan(PAYLOAD)  # read again before the end-of-burst timer ran
    assert form.heard == [f"unterminated: {PAYLOAD[:30]}", PAYLOAD]
    assert form.edit.text() == "Ghi chú"

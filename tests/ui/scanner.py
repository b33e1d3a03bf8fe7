"""A USB 2D scanner in keyboard (HID) mode, as Qt receives it, for the intake's burst tests.

Real readers "type" the payload key by key, 2-15 ms apart: Shift pressed and released around each capital
and `|`, then Enter. Characters a US keyboard cannot type arrive in one of three ways, depending on the
reader's setting and the PC's layout:

- `TEXT`: a text event with `Qt.Key_unknown` (Unicode injection, as Windows' SendInput or an IME does);
- `ALT_CODE`: Alt held, the character's decimal code on the keypad (Alt + keypad modifiers), and the
  character itself arriving as a text event once Alt is released;
- `DEAD_KEY`: a dead key per tone or vowel mark (no text), then the base letter's key bearing the composed
  character.

A reader set to a European layout types the characters listed in `altgr` with AltGr, which Windows sends
as Control then Alt pressed, the character with both modifiers, and both released.

Events go to the focused top-level window through Qt's normal delivery (`QTest.sendKeyEvent` on the
QWindow), so they reach whatever has the focus, or the dialog that is open, exactly as a real keyboard's.
The clock is the test's: it moves `per_key` seconds before each key press; nothing sleeps.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtTest import QTest

TEXT = "text"
ALT_CODE = "alt-code"
DEAD_KEY = "dead-key"

PRESS = QTest.KeyAction.Press
RELEASE = QTest.KeyAction.Release
NONE = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
KEYPAD = Qt.KeyboardModifier.KeypadModifier
SHIFTED = set('~!@#$%^&*()_+{}|:"<>?')
DEAD_KEYS = {
    "\u0300": Qt.Key.Key_Dead_Grave,
    "\u0301": Qt.Key.Key_Dead_Acute,
    "\u0302": Qt.Key.Key_Dead_Circumflex,
    "\u0303": Qt.Key.Key_Dead_Tilde,
    "\u0306": Qt.Key.Key_Dead_Breve,
    "\u0309": Qt.Key.Key_Dead_Hook,
    "\u031b": Qt.Key.Key_Dead_Horn,
    "\u0323": Qt.Key.Key_Dead_Belowdot,
}


class ScanClock:
    """The time the burst filter reads: moved by the scanner (or by a test), never by the real clock."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


class KeyboardScanner:
    """Types payloads as a keyboard-mode 2D reader does, `per_key` seconds per key press."""

    def __init__(self, clock: ScanClock, per_key: float = 0.005, mode: str = TEXT, altgr: str = "") -> None:
        self.clock = clock
        self.per_key = per_key
        self.mode = mode
        self.altgr = altgr

    def scan(self, payload: str, enter: bool = True) -> None:
        """The officer stopped typing a while ago; the reader types `payload`, then Enter."""
        self.clock.now += 1.0
        for ch in payload:
            self.char(ch)
        if enter:
            self.tap(Qt.Key.Key_Return, "\r")

    def char(self, ch: str) -> None:
        if ch in self.altgr:
            self.press(Qt.Key.Key_Control, "", CTRL)
            self.press(Qt.Key.Key_AltGr, "", CTRL | ALT)
            self.tap(Qt.Key(ord(ch.upper())) if ch.isascii() else Qt.Key.Key_unknown, ch, CTRL | ALT)
            self.release(Qt.Key.Key_AltGr, "", CTRL)
            self.release(Qt.Key.Key_Control, "", NONE)
        elif ch.isascii():
            key = Qt.Key(ord(ch.upper()))
            if ch.isupper() or ch in SHIFTED:
                self.press(Qt.Key.Key_Shift, "", SHIFT)
                self.tap(key, ch, SHIFT)
                self.release(Qt.Key.Key_Shift, "", NONE)
            else:
                self.tap(key, ch)
        elif self.mode == ALT_CODE:
            self.press(Qt.Key.Key_Alt, "", ALT)
            for digit in str(ord(ch)):
                self.tap(Qt.Key(ord(digit)), digit, ALT | KEYPAD)
            self.release(Qt.Key.Key_Alt, "", NONE)
            self.tap(Qt.Key.Key_unknown, ch)
        elif self.mode == DEAD_KEY and (marks := _marks(ch)) is not None:
            base, dead = marks
            for key in dead:
                self.tap(key, "")
            modifier = SHIFT if ch.isupper() else NONE
            if ch.isupper():
                self.press(Qt.Key.Key_Shift, "", SHIFT)
            self.tap(Qt.Key(ord(base.upper())), ch, modifier)
            if ch.isupper():
                self.release(Qt.Key.Key_Shift, "", NONE)
        else:
            self.tap(Qt.Key.Key_unknown, ch)

    def tap(self, key: Qt.Key, text: str, modifier: Qt.KeyboardModifier = NONE) -> None:
        self.press(key, text, modifier)
        self.release(key, text, modifier)

    def press(self, key: Qt.Key, text: str, modifier: Qt.KeyboardModifier) -> None:
        self.clock.now += self.per_key
        QTest.sendKeyEvent(PRESS, _target(), key, text, modifier)

    def release(self, key: Qt.Key, text: str, modifier: Qt.KeyboardModifier) -> None:
        QTest.sendKeyEvent(RELEASE, _target(), key, text, modifier)


def _marks(ch: str) -> tuple[str, list[Qt.Key]] | None:
    """The ASCII base letter and the dead keys of a precomposed letter (None: no dead-key form)."""
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    if not base.isascii() or not marks or any(m not in DEAD_KEYS for m in marks):
        return None
    return base, [DEAD_KEYS[m] for m in marks]


def _target() -> QWindow:
    """The window the keyboard types into: the focused one (a dialog when one is open)."""
    window = QGuiApplication.focusWindow()
    assert window is not None, "no window has the keyboard focus"
    return window

"""The keyboard audit of one open window (issue 21): every finding is a sentence naming the widget.

`audit(window)` returns all the findings of the window at once (an empty list when it can be worked by
keyboard alone): mnemonic letters used twice (also against the menu bar reachable from it), a label whose
Alt letter does not reach an input, a dialog that does not open on its first empty input, Enter or Space
on that empty input accepting the dialog, a button or action with neither a mnemonic nor a shortcut, and
a Tab order that jumps back against the visual order (top to bottom, left to right).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTextEdit,
    QToolButton,
    QWidget,
)

from desktop.ui.shortcuts import all_keys, key_scopes, keyboard_entries, mnemonic

TOLERANCE = 12  # pixels: widgets on one row may sit a few pixels apart


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QAbstractButton | QLabel):
        text = widget.text()
    return f"{type(widget).__name__}({widget.objectName() or text!r})"


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.window() is window


def _input(widget: QWidget) -> bool:
    """A widget that takes typed text or a choice."""
    return isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit | QComboBox | QAbstractSpinBox) and not (
        isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox | QAbstractSpinBox)
    )


def _empty(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit):
        return not widget.text()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return not widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.isEditable() and not widget.currentText()
    return False


def _takes_focus(widget: QWidget) -> bool:
    return widget.isEnabled() and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def _focus_target(widget: QWidget) -> QWidget:
    while widget.focusProxy() is not None:
        widget = widget.focusProxy()
    return widget


def mnemonic_findings(window: QWidget, menu_letters: dict[str, str]) -> list[str]:
    """Letters used twice in the window or also by the menu bar; letters a keyboard cannot type."""
    seen: dict[str, str] = dict(menu_letters)
    findings = []
    # what is disabled takes no Alt letter (the window behind the screen lock); a disabled button does
    # once enabled, so it counts
    texts = [
        label.text()
        for label in window.findChildren(QLabel)
        if _shown(label, window) and label.buddy() and label.buddy().isEnabled()
    ]
    texts += [
        b.text()
        for b in window.findChildren(QAbstractButton)
        if _shown(b, window) and b.parentWidget().isEnabled()
    ]
    for text in texts:
        letter = mnemonic(text)
        if letter is None:
            continue
        if not (letter.isascii() and letter.isalnum()):
            findings.append(f"mnemonic {letter!r} of {text!r} cannot be typed with Alt")
        elif letter in seen:
            findings.append(f"Alt+{letter.upper()} is both {seen[letter]!r} and {text!r}")
        else:
            seen[letter] = text
    return findings


def label_findings(window: QWidget) -> list[str]:
    """Alt + a label's letter must put the cursor in an input that accepts it."""
    findings = []
    for label in window.findChildren(QLabel):
        letter = mnemonic(label.text())
        if not _shown(label, window) or letter is None or label.textFormat() == Qt.TextFormat.RichText:
            continue
        buddy = label.buddy()
        if buddy is None:
            findings.append(f"label {label.text()!r} has a mnemonic but no buddy")
            continue
        target = _focus_target(buddy)
        if not (target.isVisibleTo(window) and target.isEnabled()):
            continue  # a disabled field (e.g. a person's date of birth for an organisation)
        if not letter.isascii():
            continue  # reported by mnemonic_findings
        QTest.keyClick(window, letter, Qt.KeyboardModifier.AltModifier)
        focused = QApplication.focusWidget()
        if focused is not target or not _takes_focus(target):
            findings.append(
                f"Alt+{letter.upper()} of label {label.text()!r} focused {_name(focused) if focused else None}, "
                f"not its input {_name(target)}"
            )
    return findings


def _chooser(widget: QWidget) -> bool:
    """A list to tick or a choice: the work of a dialog may start there, before its first text field."""
    return isinstance(widget, QAbstractItemView | QRadioButton | QComboBox)


def dialog_findings(dialog: QDialog, submits_empty: bool) -> list[str]:
    """The dialog opens on its first empty input (or a list or choice before it), never on a button;
    Enter or Space there must not accept the dialog."""
    chain = _chain(dialog)
    first = next((w for w in chain if _input(w) and _empty(w)), None)
    focused = QApplication.focusWidget()
    if first is not None:
        allowed = chain[: chain.index(first)]
        if focused is not first and not (focused in allowed and _chooser(focused)):
            return [f"opens with the focus on {_name(focused) if focused else None}, not on {_name(first)}"]
    elif focused is None or isinstance(focused, QAbstractButton) and not _chooser(focused):
        return [f"opens with the focus on {_name(focused) if focused else None}, not on an input"]
    if submits_empty or first is None or focused is not first:
        return []
    findings = []
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Space):
        QTest.keyClick(first, key)
        if not dialog.isVisible() or dialog.result() == QDialog.DialogCode.Accepted:
            findings.append(f"{key.name} on the empty {_name(first)} submitted the dialog")
            dialog.setResult(0)
            dialog.show()
    return findings


def _standard_key(button: QAbstractButton, window: QWidget) -> bool:
    """OK (Enter, the default button) and Cancel/Close (Escape) of a dialog's button box."""
    box = button.parent()
    if not isinstance(box, QDialogButtonBox) or not isinstance(window, QDialog):
        return False
    role = box.buttonRole(button)
    return role in (QDialogButtonBox.ButtonRole.RejectRole, QDialogButtonBox.ButtonRole.AcceptRole)


def button_findings(window: QWidget) -> list[str]:
    """Each button and action the officer sees has an Alt letter or a shortcut."""
    reachable = {text for text, _keys in keyboard_entries(window)}
    keys = all_keys(window)
    findings = []
    for button in window.findChildren(QPushButton) + window.findChildren(QToolButton):
        if not _shown(button, window) or not button.text() or not button.isEnabled():
            continue
        action = button.defaultAction() if isinstance(button, QToolButton) else None
        if action is not None and not action.shortcut().isEmpty():
            continue
        if mnemonic(button.text()) or not button.shortcut().isEmpty() or _standard_key(button, window):
            continue
        named = button.text() + button.toolTip()
        if button.text() in reachable or any(f"({key})" in named for key in keys):
            continue  # "Thêm giấy tờ khác (Ctrl+Shift+A)": a shortcut of the window, named on the button
        findings.append(f"button {button.text()!r} has neither an Alt letter nor a shortcut")
    return findings


def _chain(window: QWidget) -> list[QWidget]:
    """The widgets Tab reaches in `window`, in Tab order."""
    chain: list[QWidget] = []
    widget = window.nextInFocusChain()
    for _ in range(2000):
        if widget is window or widget in chain:
            break
        if _shown(widget, window) and _takes_focus(widget) and widget.isVisible():
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def clash_findings(window: QWidget) -> list[str]:
    """One key for two commands at once (one's scope inside the other's): Qt runs neither."""
    scopes = key_scopes(window)
    findings = []
    for i, (keys, scope, what) in enumerate(scopes):
        for other_keys, other_scope, other in scopes[i + 1 :]:
            nested = (
                scope is other_scope or scope.isAncestorOf(other_scope) or other_scope.isAncestorOf(scope)
            )
            if keys == other_keys and nested and what != other:
                findings.append(f"{keys} is both {what!r} and {other!r}")
    return list(dict.fromkeys(findings))  # an action shown in a menu and a toolbar: once


def tab_order_findings(window: QWidget) -> list[str]:
    """Tab goes top to bottom; it may go back up only into a column further right. The chain is a loop:
    its one jump from the end back to the start (the highest jump up) is no finding."""
    chain = _chain(window)
    jumps: list[tuple[int, str]] = []
    for before, after in zip(chain, chain[1:] + chain[:1], strict=True):
        if after.isAncestorOf(before):
            continue  # a tab widget's bar after its page's content
        if isinstance(before.parent(), QDialogButtonBox) and before.parent() is after.parent():
            continue  # OK and Cancel in the platform's order
        a = before.mapTo(window, QPoint(0, 0))
        b = after.mapTo(window, QPoint(0, 0))
        back_up = b.y() < a.y() - TOLERANCE and b.x() <= a.x() + TOLERANCE
        back_left = abs(b.y() - a.y()) <= TOLERANCE and b.x() < a.x() - TOLERANCE
        if back_up or back_left:
            text = f"Tab goes from {_name(before)} at {a.toTuple()} back to {_name(after)} at {b.toTuple()}"
            jumps.append((a.y() - b.y(), text))
    if jumps:
        jumps.remove(max(jumps))  # the loop's wrap
    return [text for _height, text in jumps]


def menu_letters(window: QWidget) -> dict[str, str]:
    """The Alt letters of the menu bar of the main window `window` belongs to (or sits in)."""
    main = window if isinstance(window, QMainWindow) else None
    letters: dict[str, str] = {}
    if main is None:
        return letters
    for action in main.menuBar().actions():
        letter = mnemonic(action.text())
        if letter:
            letters[letter] = action.text()
    return letters


def audit(window: QWidget, *, submits_empty: bool = False) -> list[str]:
    """All the findings of `window`, shown and active."""
    findings = mnemonic_findings(window, menu_letters(window))
    if isinstance(window, QMainWindow):
        findings += [
            f"menu {a.text()!r} has no Alt letter"
            for a in window.menuBar().actions()
            if not mnemonic(a.text())
        ]
    if isinstance(window, QDialog):
        findings += dialog_findings(window, submits_empty)
    findings += button_findings(window)
    findings += clash_findings(window)
    findings += tab_order_findings(window)
    findings += label_findings(window)  # last: it moves the focus
    return findings

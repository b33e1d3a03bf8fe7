"""The keyboard entries of a window, in one place: the F1 help sheet lists them, the keyboard audit test reads
them (issue 21).

`keyboard_entries(window)` gives each action with a shortcut (the menus', the toolbars', the widgets') and
each visible button or labelled field reachable by Alt + its underlined letter; `show_help_sheet(window)`
opens a sheet listing them (the main window's Help → Keyboard shortcuts, F1, for the window in front).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

HELP_KEY = "F1"


def mnemonic(text: str) -> str | None:
    """The lower-cased letter after a single "&" ("&&" is a literal ampersand), or None."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else None


def plain_text(text: str) -> str:
    """The text as shown, without the mnemonic marker and a trailing ellipsis or colon."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…:. ")


def _actions(window: QWidget) -> list[QAction]:
    found: list[QAction] = []

    def walk(actions: list[QAction]) -> None:
        for action in actions:
            if action in found or action.isSeparator():
                continue
            menu = action.menu()
            if isinstance(menu, QMenu):
                walk(menu.actions())
            else:
                found.append(action)

    walk(window.actions())
    for child in window.findChildren(QWidget):
        if child.isVisibleTo(window) and child.window() is window:
            walk(child.actions())
    return found


def keyboard_entries(window: QWidget) -> list[tuple[str, str]]:
    """(text as shown, keys) of what the keyboard reaches in `window`, the shortcuts first."""
    native = QKeySequence.SequenceFormat.NativeText
    entries: list[tuple[str, str]] = []
    for action in _actions(window):
        if not action.shortcut().isEmpty() and action.isVisible():
            entries.append((plain_text(action.text()), action.shortcut().toString(native)))
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or button.window() is not window:
            continue
        if not button.shortcut().isEmpty():
            entries.append((plain_text(button.text()), button.shortcut().toString(native)))
        elif (letter := mnemonic(button.text())) and not isinstance(button.parent(), QDialogButtonBox):
            entries.append((plain_text(button.text()), f"Alt+{letter.upper()}"))
    for label in window.findChildren(QLabel):
        if label.isVisibleTo(window) and label.buddy() is not None and (letter := mnemonic(label.text())):
            entries.append((plain_text(label.text()), f"Alt+{letter.upper()}"))
    for shortcut in window.findChildren(QShortcut):
        owner = shortcut.parent()
        shown = isinstance(owner, QWidget) and (owner is window or owner.isVisibleTo(window))
        if shortcut.whatsThis() and shortcut.isEnabled() and shown:
            entries.append((shortcut.whatsThis(), shortcut.key().toString(native)))
    return list(dict.fromkeys(entries))  # each once, in order


def give_shortcut(button: QAbstractButton, keys: str, scope: QWidget | None = None) -> None:
    """A key for `button`, named in its tooltip ("Xoay trái (Ctrl+[)"): the button's own (in its whole
    window), or, with `scope`, only while the focus is inside `scope` (a panel inside a view that has
    keys of its own)."""
    sequence = QKeySequence(keys)
    if scope is None:
        button.setShortcut(sequence)
    else:
        shortcut = QShortcut(sequence, scope)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.setWhatsThis(plain_text(button.text()))
        shortcut.activated.connect(
            lambda: button.click() if button.isEnabled() and button.isVisible() else None
        )
    shown = sequence.toString(QKeySequence.SequenceFormat.NativeText)
    button.setToolTip(f"{button.toolTip() or plain_text(button.text())} ({shown})")


def key_scopes(window: QWidget) -> list[tuple[str, QWidget, str]]:
    """(keys, the widget the focus must be in, what) of every active shortcut of `window`: actions,
    QShortcuts and buttons' own. Two with the same keys where one scope holds the other are ambiguous:
    Qt then runs neither."""
    portable = QKeySequence.SequenceFormat.PortableText
    window_wide = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
    found: list[tuple[str, QWidget, str]] = []
    for action in _actions(window):
        if action.shortcut().isEmpty():
            continue  # a disabled one too: it clashes once enabled
        owners = [o for o in action.associatedObjects() if isinstance(o, QWidget) and o.window() is window]
        if action.shortcutContext() in window_wide:
            owners = [window]
        for owner in owners:
            found.append((action.shortcut().toString(portable), owner, action.text()))
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if shortcut.key().isEmpty() or not shortcut.isEnabled() or not isinstance(parent, QWidget):
            continue
        if parent is window or parent.isVisibleTo(window):
            scope = window if shortcut.context() in window_wide else parent
            found.append(
                (shortcut.key().toString(portable), scope, shortcut.whatsThis() or parent.objectName())
            )
    for button in window.findChildren(QAbstractButton):
        if not button.shortcut().isEmpty() and button.isVisibleTo(window) and button.window() is window:
            found.append((button.shortcut().toString(portable), window, button.text()))
    return found


def all_keys(window: QWidget) -> set[str]:
    """Every shortcut of `window` (its actions' and its QShortcuts'), as "Ctrl+Shift+A"."""
    portable = QKeySequence.SequenceFormat.PortableText
    keys = {a.shortcut().toString(portable) for a in _actions(window) if not a.shortcut().isEmpty()}
    keys |= {s.key().toString(portable) for s in window.findChildren(QShortcut) if not s.key().isEmpty()}
    return keys


def show_help_sheet(window: QWidget) -> QDialog:
    """A dialog listing the keyboard entries of `window` (closed with Escape)."""
    sheet = QDialog(window)
    sheet.setObjectName("helpSheet")
    sheet.setWindowTitle(QCoreApplication.translate("HelpSheet", "Keyboard shortcuts"))
    table = QTreeWidget(sheet)
    table.setObjectName("helpSheetTable")
    table.setRootIsDecorated(False)
    table.setHeaderLabels(
        [QCoreApplication.translate("HelpSheet", "Command"), QCoreApplication.translate("HelpSheet", "Keys")]
    )
    for text, keys in keyboard_entries(window):
        QTreeWidgetItem(table, [text, keys])
    table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, sheet)
    buttons.rejected.connect(sheet.reject)
    layout = QVBoxLayout(sheet)
    layout.addWidget(table)
    layout.addWidget(buttons)
    sheet.resize(520, 480)
    sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    sheet.open()
    table.setFocus()
    return sheet


def install_help_key(window: QWidget) -> QShortcut:
    """F1 in `window` (a dialog) opens its help sheet."""
    shortcut = QShortcut(QKeySequence(HELP_KEY), window)
    shortcut.setObjectName("helpKey")
    shortcut.activated.connect(lambda: show_help_sheet(window))
    return shortcut

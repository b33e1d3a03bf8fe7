"""The screen lock: after some idle minutes (the workstation's setting `auto_lock_minutes`, 10 by default;
`desktop.services.officers`) or on File → Lock screen (Ctrl+Shift+K), an opaque panel covers the main
window and only the officer's password opens it again. Nothing under it changes: an intake being typed
stays as it was, the same officer goes on.

Idle is measured by an application event filter (keys, mouse, wheel, touch restart a single-shot QTimer;
`ScreenLock.timer`, whose interval tests shorten). While locked the same filter swallows every input meant
for anything but the panel (keys, shortcuts, clicks), and other windows of the application (a print
preview, a dialog) are hidden until the unlock. A wrong password counts towards the lockout like a
sign-in (`accounts.check_password_of`); once locked out, or for another officer, "Switch officer" goes
back to the sign-in screen (`MainWindow.switch_officer`: the open intake is kept as the officer's own draft).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.core import limits
from desktop.core.errors import ValidationError
from desktop.ui import tasks
from desktop.ui.errors import show_error
from desktop.ui.form_helpers import error_label, show_inline_error
from desktop.ui.text_limit import limit

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}
_INPUT = _ACTIVITY | {
    QEvent.Type.KeyRelease,
    QEvent.Type.ShortcutOverride,
    QEvent.Type.Shortcut,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.ContextMenu,
}

_WINDOW = {QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide}


class LockPanel(QWidget):
    """The opaque panel over the locked main window: who is signed in, their password, unlock or switch."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("lockPanel")
        self.setAutoFillBackground(True)
        officer = window.officer
        title = QLabel(self.tr("The screen is locked"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        who = QLabel(
            self.tr(
                "Signed in: {name} ({username}). Enter your password to go on where you left off."
            ).format(name=officer.full_name, username=officer.username),
            self,
        )
        who.setWordWrap(True)
        self.password = QLineEdit(self)
        limit(self.password, limits.PASSWORD)
        self.password.setObjectName("unlockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))
        self.error = error_label(self)
        self.unlock_button = QPushButton(self.tr("&Unlock"), self)
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setDefault(True)
        self.switch_button = QPushButton(self.tr("&Switch officer…"), self)
        self.switch_button.setObjectName("switchOfficer")
        self.password.returnPressed.connect(self.unlock_button.click)
        QWidget.setTabOrder(self.password, self.switch_button)  # the order of the row: switch, unlock
        QWidget.setTabOrder(self.switch_button, self.unlock_button)

        box = QFrame(self)
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setMaximumWidth(460)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(who)
        inner.addWidget(self.password)
        inner.addWidget(self.error)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.hide()


class ScreenLock(QObject):
    """Locks `window` after `minutes` without input, or when asked; see the module docstring."""

    def __init__(self, window: MainWindow, minutes: int) -> None:
        super().__init__(window)
        self.setObjectName("screenLock")
        self.window = window
        self.panel = LockPanel(window)
        self.panel.unlock_button.clicked.connect(self.unlock)
        self.panel.switch_button.clicked.connect(self._switch)
        self._hidden: list[QWidget] = []
        self._disabled: list[QWidget] = []  # the window's parts behind the panel, while locked
        self._focus: QWidget | None = None  # where the officer was, for after the unlock
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_minutes(minutes)
        # the window's own events: resizes for the panel; shown or hidden, the application-wide filter
        # (which sees every event of the application) is installed or removed, idle time counted or not
        window.installEventFilter(self)
        if window.isVisible():
            self._watch(True)

    @property
    def locked(self) -> bool:
        return self.panel.isVisible()

    def set_minutes(self, minutes: int) -> None:
        self.timer.setInterval(minutes * 60_000)
        if not self.locked and self.window.isVisible():
            self.timer.start()

    def _watch(self, on: bool) -> None:
        app = QApplication.instance()
        assert app is not None
        if on:
            app.installEventFilter(self)  # installing it twice keeps one
            if not self.locked:
                self.timer.start()
        else:
            app.removeEventFilter(self)
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window and kind in _WINDOW:
            if kind == QEvent.Type.Resize:
                self.panel.setGeometry(self.window.rect())
            elif not event.spontaneous():  # shown, or hidden by the application (not minimised)
                self._watch(kind == QEvent.Type.Show)
            return False
        if kind not in _INPUT:
            return False
        if not self.locked:
            if kind in _ACTIVITY:
                self.timer.start()  # restarts the idle count
            return False
        return not (
            isinstance(watched, QWidget) and (watched is self.panel or self.panel.isAncestorOf(watched))
        )

    def lock(self) -> None:
        if self.locked or not self.window.isVisible():
            return
        self.timer.stop()
        window = self.window
        self._hidden = [
            w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window and w.isWindow()
        ]
        for widget in self._hidden:
            widget.hide()
        self._focus = QApplication.focusWidget()
        # Tab and Alt + a label's letter stayed able to reach the fields behind the panel (their keys
        # were then swallowed): the parts behind are disabled while locked
        self._disabled = [
            w
            for w in window.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if w is not self.panel and not w.isWindow() and w.isEnabled()
        ]
        for widget in self._disabled:
            widget.setEnabled(False)
        self.panel.setGeometry(window.rect())
        self.panel.show()
        self.panel.raise_()
        self.panel.password.clear()
        show_inline_error(self.panel.error, "")
        self.panel.password.setFocus(Qt.FocusReason.OtherFocusReason)
        self._audit("screen_locked")

    def unlock(self) -> None:
        from desktop.services.accounts import check_password_of

        store, officer_id, password = (
            self.window.store,
            self.window.officer.officer_id,
            self.panel.password.text(),
        )
        self.panel.unlock_button.setEnabled(False)
        tasks.run_write(
            lambda: check_password_of(store, officer_id, password), self._unlocked, self._refused, owner=self
        )

    def _unlocked(self, _result: None) -> None:
        self.panel.unlock_button.setEnabled(True)
        self.panel.password.clear()
        self.panel.hide()
        for widget in self._disabled:
            widget.setEnabled(True)
        self._disabled = []
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        if self._focus is not None and isValid(self._focus) and self._focus.isVisible():
            self._focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self._focus = None
        self.timer.start()
        self._audit("screen_unlocked")

    def _refused(self, exc: BaseException) -> None:
        self.panel.unlock_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.panel.password.clear()
            show_inline_error(self.panel.error, str(exc), self.panel.password)
        else:
            show_error(exc, self.window)

    def _switch(self) -> None:
        self.timer.stop()
        for widget in self._hidden:  # closed with the window they belong to
            widget.close()
        self._hidden = []
        self.window.switch_officer()

    def _audit(self, action: str) -> None:
        from desktop.services.audit import record_apart

        store, officer_id = self.window.store, self.window.officer.officer_id
        tasks.run_write(lambda: record_apart(store, action, officer_id, officer_id), owner=self)


def install_screen_lock(window: MainWindow) -> ScreenLock:
    """The idle lock (with the workstation's delay) and File → Lock screen (Ctrl+Shift+K)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QAction, QKeySequence

    from desktop.services.officers import auto_lock_minutes

    lock = ScreenLock(window, auto_lock_minutes(window.store))
    action = QAction(QCoreApplication.translate("ScreenLock", "&Lock screen"), window)
    action.setObjectName("lockScreen")
    action.setShortcut(QKeySequence("Ctrl+Shift+K"))
    action.triggered.connect(lock.lock)
    window.menu_file.insertAction(window.action_sign_out, action)
    return lock

"""Small helpers shared by the dialogs' forms: an inline error line (and a failure shown there or as a
dialog), and sizing a window to its screen, its
title and its content.

`install_title_guard(app)` (done once at start-up) gives every dialog, ours and Qt's own, a minimum width
that shows its whole window title (a short form under a long title had its title cut with "…"), and F1
listing its keys (`desktop.ui.shortcuts`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import ValidationError
from desktop.ui.errors import show_error

# what a title bar holds besides the text: the icon, the close (and help) buttons, the margins
TITLE_CHROME = 120


def error_label(parent: QWidget) -> QLabel:
    """A red, word-wrapped line under a form that shows what to correct (hidden while empty)."""
    label = QLabel(parent)
    label.setObjectName("formError")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b3261e;")
    label.hide()
    return label


def save_cancel(dialog: QDialog, submit: Callable[[], None]) -> QDialogButtonBox:
    """Save and Cancel: Save calls `submit` (which accepts the dialog when it succeeds), Cancel rejects."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(submit)
    buttons.rejected.connect(dialog.reject)
    return buttons


def lay_out_form(
    dialog: QDialog, form: QFormLayout, submit: Callable[[], None]
) -> tuple[QLabel, QDialogButtonBox]:
    """The usual settings dialog: the form, its error line under it (`error_label`), then Save/Cancel
    (`save_cancel`). Returns the error line and the buttons."""
    error = error_label(dialog)
    buttons = save_cancel(dialog, submit)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addWidget(buttons)
    return error, buttons


def show_inline_error(label: QLabel, message: str, field: QWidget | None = None) -> None:
    """Show `message` and put the cursor in the field to correct; the message goes once the officer types
    there (else "Hãy nhập tên xã/phường." stayed under a form already corrected)."""
    label.setText(message)
    label.setVisible(bool(message))
    if message and isinstance(label.window(), QDialog):  # a main window keeps the size the officer gave it
        grow_to_fit(label.window())
    if field is None:
        return
    field.setFocus()
    edit = field.lineEdit() if isinstance(field, QComboBox) else field
    if message and isinstance(edit, QLineEdit):
        from PySide6.QtCore import Qt  # the Qt namespace takes 80 ms to create: not on the sign-in screen

        edit.textEdited.connect(label.hide, Qt.ConnectionType.SingleShotConnection)


def show_failure(label: QLabel, exc: BaseException, fields: Mapping[str, QWidget], parent: QWidget) -> None:
    """A refused input (`ValidationError`) in the form's error line, at its field (`fields` by the error's
    `field`); anything else through `desktop.ui.errors.show_error`."""
    if isinstance(exc, ValidationError):
        show_inline_error(label, str(exc), fields.get(exc.field or ""))
    else:
        show_error(exc, parent)


def fit_to_screen(window: QWidget, width: int, height: int, margin: int = 40) -> None:
    """Resize `window` to `width` x `height`, but never larger than the screen it opens on.

    Counter PCs often have 1366x768 or 1024x768 screens: a window taller or wider than that hides its
    buttons below or beside the edge, where the officer cannot reach them.
    """
    available = _available(window, margin)
    if available is not None:
        width, height = min(width, available.width()), min(height, available.height())
    window.resize(width, height)


def _available(window: QWidget, margin: int = 40) -> QSize | None:
    """The room on the screen `window` opens on, less `margin` (at least 200 x 200)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return None
    geometry = screen.availableGeometry()
    return QSize(max(200, geometry.width() - margin), max(200, geometry.height() - margin))


def grow_to_fit(window: QWidget) -> None:
    """Make `window` tall enough for its content at its current width (a word-wrapped message shown
    after it opened was cut off below the buttons), within the screen; never shrinks it."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    width = max(window.width(), layout.minimumSize().width())
    needed = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.sizeHint().height()
    needed = max(needed, layout.totalMinimumSize().height())
    available = _available(window)
    if available is not None:
        needed = min(needed, available.height())
    if needed > window.height() or width > window.width():
        window.resize(width, max(needed, window.height()))


def full_title(window: QWidget) -> str:
    """The title as the title bar shows it: Qt appends " — Một Cửa" (the application's display name)."""
    title = window.windowTitle()
    name = QGuiApplication.applicationDisplayName()
    if title and name and name != QGuiApplication.applicationName() and not title.endswith(name):
        return f"{title} \u2014 {name}"
    return title


def title_width(window: QWidget) -> int:
    """The width a title bar needs to show `window`'s whole title (window managers often set it bold)."""
    font = QFont(window.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(full_title(window)) + TITLE_CHROME


def fit_title(window: QWidget) -> None:
    """Give `window` a minimum width that shows its whole title (within the screen)."""
    if not window.windowTitle():
        return
    needed = title_width(window)
    available = _available(window)
    if available is not None:
        needed = min(needed, available.width())
    if window.minimumWidth() < needed:
        window.setMinimumWidth(needed)


class _TitleGuard(QObject):
    """Fits every dialog to its title when it is shown or retitled (message boxes size themselves)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # every event of the application passes here: the class test first, the type (an enum made and
        # compared in Python, ~5 us) only for a dialog's own events
        if (
            isinstance(watched, QDialog)
            and event.type() in (QEvent.Type.Show, QEvent.Type.WindowTitleChange)
            and not isinstance(watched, QMessageBox)
            and watched.isWindow()
        ):
            fit_title(watched)
            if event.type() == QEvent.Type.Show:
                _give_help_key(watched)
        return False


def _give_help_key(dialog: QDialog) -> None:
    """F1 in a dialog lists its keys (the main window's F1 cannot reach a dialog in front of it)."""
    from desktop.ui.shortcuts import install_help_key

    if dialog.objectName() != "helpSheet" and not dialog.property("helpKey"):
        dialog.setProperty("helpKey", True)
        install_help_key(dialog)


def install_title_guard(app: QApplication) -> QObject:
    """Fit every dialog of the application to its title from now on; keep the returned object alive."""
    guard = _TitleGuard(app)
    app.installEventFilter(guard)
    return guard

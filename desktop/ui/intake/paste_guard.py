"""Input never silently changed (issue 21): a paste (Ctrl+V, Shift+Insert) into an intake field with a maximum
is refused whole, with a message saying the limit, when it does not fit (QLineEdit would cut it without a
word); an ID card QR payload pasted into any field fills the applicant as a scanner burst does, and the
field keeps what the officer had typed.

Pastes by middle click or drag are not guarded yet.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit

from desktop.core.cccd import MAX_PAYLOAD, parse_payload
from desktop.core.errors import ValidationError
from desktop.ui.intake.fields import FieldBox

NO_LIMIT = 32767  # QLineEdit's default maxLength


def is_card_payload(text: str) -> bool:
    if len(text) > MAX_PAYLOAD:
        return False
    try:
        parse_payload(text)
    except ValidationError:
        return False
    return True


class PasteGuard(QObject):
    """Watches the line edits it is installed on; `card(payload)` takes an ID card payload, `notice(text)`
    shows a refusal for a field without a message line of its own."""

    def __init__(
        self, card: Callable[[str], object], notice: Callable[[str], object], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.card = card
        self.notice = notice

    def watch(self, edit: QLineEdit) -> None:
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QLineEdit) or event.type() not in (
            QEvent.Type.KeyPress,
            QEvent.Type.ShortcutOverride,
        ):
            return False
        assert isinstance(event, QKeyEvent)
        if not event.matches(QKeySequence.StandardKey.Paste):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # the field itself takes Ctrl+V (not a window shortcut)
            return False
        return self._paste(watched, QGuiApplication.clipboard().text())

    def _paste(self, edit: QLineEdit, text: str) -> bool:
        """True when the paste was handled here (a card read, or refused); False: the field pastes."""
        if is_card_payload(text.strip()):
            self.card(text.strip())
            return True
        limit = edit.maxLength()
        if limit >= NO_LIMIT:
            return False
        room = limit - len(edit.text()) + len(edit.selectedText())
        if len(text) <= room:
            return False
        message = self.tr(
            "Not pasted: the text has {n} characters and this field takes at most {limit}."
        ).format(n=len(text), limit=limit)
        box = edit.parentWidget()
        if isinstance(box, FieldBox):
            box.show_error(message)
        else:
            self.notice(message)
        return True

"""An ID card payload pasted (Ctrl+V, Shift+Insert, middle click, drop) into any intake field fills the
applicant as a scanner burst does, and the field keeps what the officer had typed (issue 21); any other
text too long for its field is refused whole, with the limit said (`desktop.ui.text_limit`), and each field
with a maximum shows its counter near the limit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from desktop.core.cccd import MAX_PAYLOAD, parse_payload
from desktop.core.errors import ValidationError
from desktop.ui.intake.fields import FieldBox
from desktop.ui.text_limit import NO_LIMIT, LengthCounter, LimitGuard


def is_card_payload(text: str) -> bool:
    if len(text) > MAX_PAYLOAD:
        return False
    try:
        parse_payload(text)
    except ValidationError:
        return False
    return True


class PasteGuard(LimitGuard):
    """Watches the line edits it is installed on; `card(payload)` takes an ID card payload, `notice(text)`
    shows a refusal for a field without a message line of its own."""

    def __init__(
        self, card: Callable[[str], object], notice: Callable[[str], object], parent: QObject | None = None
    ) -> None:
        super().__init__(self._show, parent)
        self.card = card
        self.plain_notice = notice

    def watch(self, edit: QLineEdit | QPlainTextEdit) -> None:
        super().watch(edit)
        if (
            isinstance(edit, QLineEdit)
            and edit.maxLength() < NO_LIMIT
            and edit.findChild(LengthCounter) is None
        ):
            LengthCounter(edit)

    def arrived(self, edit: QLineEdit | QPlainTextEdit, text: str) -> bool:
        if is_card_payload(text.strip()):
            self.card(text.strip())
            return True
        return super().arrived(edit, text)

    def _show(self, edit: QWidget, message: str) -> None:
        box = edit.parentWidget()
        if isinstance(box, FieldBox):
            box.show_error(message)
        else:
            self.plain_notice(message)

"""Type-ahead procedure picker: type part of the name (with or without diacritics, đ = d) or the code.

The list under the search field shows the matches, the obvious first (`desktop.core.search_rank`), then the
unit's most used; Up/Down move the selection without leaving the field, Enter picks. Filtering is
`desktop.services.intake_lookup`'s pure `filter_choices` over the choices loaded once, so it costs microseconds per keystroke.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.intake_lookup import ProcedureChoice, filter_choices

VISIBLE_ROWS = 6


class ProcedurePicker(QWidget):
    """Search field + match list + the chosen procedure; emits `chosen(ProcedureChoice | None)`."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices: list[ProcedureChoice] = []
        self.current: ProcedureChoice | None = None
        self.search = QLineEdit(self)
        self.search.setObjectName("procedureSearch")
        self.search.setMaxLength(200)
        self.search.setPlaceholderText(self.tr("Type the procedure name or code, then Enter"))
        self.search.setClearButtonEnabled(True)
        self.matches = QListWidget(self)
        self.matches.setObjectName("procedureMatches")
        self.matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.matches.setMaximumHeight(VISIBLE_ROWS * 22)
        self.selected = QLabel(self)
        self.selected.setObjectName("procedureChosen")
        self.selected.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.matches)
        layout.addWidget(self.selected)
        self.setFocusProxy(self.search)
        self.search.textEdited.connect(self._edited)
        self.search.installEventFilter(self)
        self.matches.itemActivated.connect(self._pick_item)
        self.matches.itemClicked.connect(self._pick_item)

    def set_choices(self, choices: list[ProcedureChoice]) -> None:
        """New choices (a refreshed catalogue); the chosen procedure stays chosen, without `chosen`."""
        self.choices = choices
        if self.current is not None:
            self.current = next((c for c in choices if c.code == self.current.code), self.current)
        self._filter(self.search.text())

    def _edited(self, text: str) -> None:
        self.matches.show()
        self._filter(text)

    def _filter(self, text: str) -> None:
        self.matches.clear()
        for choice in filter_choices(self.choices, text):
            label = f"{choice.code} — {choice.name}"
            if choice.recent and not text.strip():
                label = "★ " + label
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, choice.code)
            self.matches.addItem(item)
        if self.matches.count():
            self.matches.setCurrentRow(0)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.matches.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.matches.count() - 1, self.matches.currentRow() + step))
                self.matches.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.matches.currentItem() is not None:
                self._pick_item(self.matches.currentItem())
                self.focusNextChild()
                # Enter moved the focus from the keyboard: show it on the first paper's tick box, which
                # the style frames only after a keyboard focus change (else the officer sees no cursor)
                self.window().setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, True)
                if (focused := QApplication.focusWidget()) is not None:
                    focused.update()
                return True
        return False

    def _pick_item(self, item: QListWidgetItem) -> None:
        self.select(str(item.data(Qt.ItemDataRole.UserRole)))

    def select(self, code: str) -> None:
        """Choose the procedure with this code ('' clears the choice)."""
        choice = next((c for c in self.choices if c.code == code), None)
        self.current = choice
        if choice is None:
            self.selected.clear()
        else:
            self.selected.setText(f"<b>{html.escape(choice.code)}</b> — {html.escape(choice.name)}")
            self.search.setText(choice.name)
            self._filter("")
            self.matches.hide()
        if choice is None:
            self.matches.show()
        self.chosen.emit(choice)

    def reopen(self) -> None:
        """Show the match list again (F2 or editing the search text)."""
        self.matches.show()
        self._filter(self.search.text() if self.current is None else "")
        self.search.setFocus()
        self.search.selectAll()

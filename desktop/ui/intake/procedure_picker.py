"""Type-ahead procedure picker: type part of the name (with or without diacritics, đ = d), the code or a
short name ("ks", "dkks"), then Enter.

The list under the search field shows the matches, the obvious first, grouped by field under headers when
the query is empty or broad (`desktop.services.picker_rows`); the details of the highlighted procedure (its
field, time limit or "time limit not confirmed", fee and papers) show under the list before the officer
picks. Up/Down move the highlight without leaving the field (headers are skipped), Page Up/Down by a page,
Ctrl+Up/Down to the previous/next field, Enter picks.

The list is a view over a model of plain rows: a keystroke filters the choices loaded once and resets the
model; the view asks only for the rows it shows (a QListWidget refilled with 600 items took 33 ms).
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from desktop.core.fees import money
from desktop.services.intake_lookup import ProcedureChoice
from desktop.services.picker_rows import Header, Row, picker_rows

VISIBLE_ROWS = 6
DETAIL_PAPERS = 6  # papers listed in the details; the others are counted

_Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractListModel):
    """The picker's rows: field headers (bold, not selectable) and procedures."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self.starred = False  # the empty query: recent procedures marked ★
        self.bold = QFont()
        self.bold.setBold(True)

    def reset(self, rows: list[Row], starred: bool) -> None:
        self.beginResetModel()
        self.rows, self.starred = rows, starred
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def label(self, row: int) -> str:
        item = self.rows[row]
        if isinstance(item, Header):
            if item.most_used:
                return self.tr("Most used here ({count})").format(count=item.count)
            field = item.field or self.tr("Other")
            return f"{field} ({item.count})"
        text = f"{item.code} — {item.name}"
        return "★ " + text if self.starred and item.recent else text

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.label(index.row())
        item = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return None if isinstance(item, Header) else item.code
        if role == Qt.ItemDataRole.FontRole and isinstance(item, Header):
            return self.bold
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if index.isValid() and isinstance(self.rows[index.row()], Header):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class MatchList(QListView):
    """The list of matches; `count`, `row_text` and `current_text` read it as the officer sees it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = RowsModel(self)
        self.setModel(self.rows)
        self.setUniformItemSizes(True)

    def count(self) -> int:
        return len(self.rows.rows)

    def row_text(self, row: int) -> str:
        return self.rows.label(row)

    def current_row(self) -> int:
        return self.currentIndex().row() if self.currentIndex().isValid() else -1

    def current_text(self) -> str:
        row = self.current_row()
        return self.row_text(row) if row >= 0 else ""

    def current_choice(self) -> ProcedureChoice | None:
        row = self.current_row()
        item = self.rows.rows[row] if row >= 0 else None
        return item if isinstance(item, ProcedureChoice) else None

    def go_to(self, row: int) -> None:
        """Highlight `row`, scrolled into view with its field's header when that is just above it."""
        index = self.rows.index(row, 0)
        self.setCurrentIndex(index)
        if row > 0 and isinstance(self.rows.rows[row - 1], Header):
            self.scrollTo(self.rows.index(row - 1, 0))
        self.scrollTo(index)

    def procedure_rows(self) -> list[int]:
        return [i for i, item in enumerate(self.rows.rows) if isinstance(item, ProcedureChoice)]


class ProcedurePicker(QWidget):
    """Search field + match list + details of the highlighted procedure + the chosen procedure; emits
    `chosen(ProcedureChoice | None)`."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices: list[ProcedureChoice] = []
        self.current: ProcedureChoice | None = None
        self.search = QLineEdit(self)
        self.search.setObjectName("procedureSearch")
        self.search.setMaxLength(200)
        self.search.setPlaceholderText(self.tr("Type the procedure name, code or short name, then Enter"))
        self.search.setClearButtonEnabled(True)
        self.matches = MatchList(self)
        self.matches.setObjectName("procedureMatches")
        self.matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.matches.setMaximumHeight(VISIBLE_ROWS * 22)
        self.details = QLabel(self)
        self.details.setObjectName("procedureDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.selected = QLabel(self)
        self.selected.setObjectName("procedureChosen")
        self.selected.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.matches)
        layout.addWidget(self.details)
        layout.addWidget(self.selected)
        self.setFocusProxy(self.search)
        self.search.textEdited.connect(self._edited)
        self.search.installEventFilter(self)
        self.matches.activated.connect(self._pick_index)
        self.matches.clicked.connect(self._pick_index)
        self.matches.selectionModel().currentChanged.connect(self._show_details)
        for keys, step, text in (
            ("Ctrl+Down", 1, self.tr("Next field in the procedure list")),
            ("Ctrl+Up", -1, self.tr("Previous field in the procedure list")),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.search)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.setWhatsThis(text)
            shortcut.activated.connect(lambda step=step: self.jump_field(step))

    def set_choices(self, choices: list[ProcedureChoice]) -> None:
        """New choices (a refreshed catalogue); the chosen procedure stays chosen, without `chosen`."""
        self.choices = choices
        if self.current is not None:
            self.current = next((c for c in choices if c.code == self.current.code), self.current)
        self._filter(self.search.text())

    def _edited(self, text: str) -> None:
        self._show_list(True)
        self._filter(text)

    def _show_list(self, shown: bool) -> None:
        self.matches.setVisible(shown)
        self.details.setVisible(shown and self.matches.current_choice() is not None)

    def _filter(self, text: str) -> None:
        self.matches.rows.reset(picker_rows(self.choices, text), starred=not text.strip())
        rows = self.matches.procedure_rows()
        if rows:
            self.matches.go_to(rows[0])
        else:
            self._show_details()

    # ---- moving the highlight ------------------------------------------------------------------------

    def _move(self, step: int) -> None:
        """The highlight `step` procedures down (up when negative), headers skipped, within the list."""
        rows = self.matches.procedure_rows()
        if not rows:
            return
        current = self.matches.current_row()
        at = rows.index(current) if current in rows else 0
        self.matches.go_to(rows[max(0, min(len(rows) - 1, at + step))])

    def jump_field(self, step: int) -> None:
        """To the first procedure of the next (step 1) or previous (-1) field group."""
        items = self.matches.rows.rows
        headers = [i for i, item in enumerate(items) if isinstance(item, Header)]
        if not headers:
            return
        current = max(0, self.matches.current_row())
        mine = max((h for h in headers if h < current), default=headers[0])
        at = headers.index(mine)
        target = headers[max(0, min(len(headers) - 1, at + step))]
        if target + 1 < len(items):
            self.matches.go_to(target + 1)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            steps = {
                Qt.Key.Key_Down: 1,
                Qt.Key.Key_Up: -1,
                Qt.Key.Key_PageDown: VISIBLE_ROWS,
                Qt.Key.Key_PageUp: -VISIBLE_ROWS,
            }
            if key in steps and self.matches.count():
                self._show_list(True)
                self._move(steps[Qt.Key(key)])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.matches.current_choice() is not None:
                self._pick_index(self.matches.currentIndex())
                self.focusNextChild()
                # Enter moved the focus from the keyboard: show it on the first paper's tick box, which
                # the style frames only after a keyboard focus change (else the officer sees no cursor)
                self.window().setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, True)
                if (focused := QApplication.focusWidget()) is not None:
                    focused.update()
                return True
        return False

    # ---- the details of the highlighted procedure ----------------------------------------------------

    def _show_details(self, *_: object) -> None:
        choice = self.matches.current_choice()
        if choice is None:
            self.details.clear()
            self.details.hide()
            return
        self.details.setText(self.details_html(choice))
        self.details.setVisible(not self.matches.isHidden())

    def details_html(self, choice: ProcedureChoice) -> str:
        """Field, time limit, fee and papers of a procedure, as the details under the list show them."""
        e = html.escape
        if choice.time_confirmed:
            limit = e(choice.time_text) or self.tr("not stated")
        else:
            limit = '<b style="color:#b00020">{}</b>'.format(e(self.tr("Time limit not confirmed")))
        paid = [rule for rule in choice.fees if rule.amount > 0]
        if choice.fee_text:
            fee = e(choice.fee_text)
        elif paid:
            fee = ", ".join(f"{e(rule.name)} {money(rule.amount)} đ" for rule in paid)
        else:
            fee = e(self.tr("none"))
        lines = [
            self.tr("<b>Field:</b> {field}").format(field=e(choice.field) or e(self.tr("Other"))),
            self.tr("<b>Time limit:</b> {limit}").format(limit=limit),
            self.tr("<b>Fee:</b> {fee}").format(fee=fee),
            self.tr("<b>Papers ({count}):</b>").format(count=len(choice.documents)),
        ]
        for doc in choice.documents[:DETAIL_PAPERS]:
            if doc.shown:
                counts = self.tr("shown, not kept")
            else:
                counts = self.tr("{originals} original, {copies} copy").format(
                    originals=doc.originals, copies=doc.copies
                )
            form = f" ({e(doc.form)})" if doc.form else ""
            lines.append(f"• {e(doc.name)}{form} — {e(counts)}")
        if len(choice.documents) > DETAIL_PAPERS:
            lines.append(e(self.tr("… and {count} more").format(count=len(choice.documents) - DETAIL_PAPERS)))
        return "<br>".join(lines)

    # ---- choosing --------------------------------------------------------------------------------------

    def _pick_index(self, index: QModelIndex) -> None:
        code = index.data(Qt.ItemDataRole.UserRole) if index.isValid() else None
        if code:
            self.select(str(code))

    def select(self, code: str) -> None:
        """Choose the procedure with this code ('' clears the choice); a procedure hidden from the list
        is still found (a kept draft of it)."""
        choice = next((c for c in self.choices if c.code == code), None)
        self.current = choice
        if choice is None:
            self.selected.clear()
        else:
            self.selected.setText(f"<b>{html.escape(choice.code)}</b> — {html.escape(choice.name)}")
            self.search.setText(choice.name)
            self._filter("")
        self._show_list(choice is None)
        self.chosen.emit(choice)

    def reopen(self) -> None:
        """Show the match list again (F2 or editing the search text)."""
        self._filter(self.search.text() if self.current is None else "")
        self._show_list(True)
        self.search.setFocus()
        self.search.selectAll()

"""The papers received with the dossier: the procedure's documents pre-listed, plus free extra lines.

The listed papers start unticked: the officer ticks (Space) each paper really handed over, or all of them at
once with "All papers received" (Ctrl+Shift+R). Required papers left unticked make the intake view offer a
supplement request (form 02) or a refusal (form 03) instead of a receipt.

One row per paper: a tick box (received), the name (editable on extra lines), the number of originals and
of copies, and a "Scan" button. Rows are plain widgets in a grid, so Tab walks them in reading order.

Scanning during intake: the "Scan" button emits `scan_requested(row)`; the intake view's scan section
(`desktop/ui/intake/scans.py`) keeps the pages in the content store and calls `add_attachment(row, ref)`,
and the references travel with the draft to `receive_dossier`, which links them to the new dossier.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.intake_draft import (
    MAX_COUNT,
    MAX_DOCUMENT_NAME,
    MAX_DOCUMENTS,
    AttachmentRef,
    DocumentDraft,
)
from desktop.services.intake_lookup import DocumentTemplate
from desktop.ui.intake.fields import ERROR_STYLE

PAPER_NAME_WIDTH = 40  # characters per line of a listed paper's name


@dataclass
class _Row:
    tick: QCheckBox
    name: QLineEdit | None  # only on extra lines
    originals: QSpinBox
    copies: QSpinBox
    scan: QToolButton
    template: DocumentTemplate | None
    attachments: list[AttachmentRef] = field(default_factory=list)


class DocumentsTable(QWidget):
    """Editable list of the dossier's papers."""

    changed = Signal()
    rows_changed = Signal()  # rows added or replaced (the view re-links its Tab chain)
    scan_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[_Row] = []
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(0, 1)
        for column, title in enumerate(
            (self.tr("Paper (tick when received)"), self.tr("Originals"), self.tr("Copies"), "")
        ):
            self.grid.addWidget(QLabel(f"<b>{title}</b>", self), 0, column)
        self.add_button = QPushButton(self.tr("Add another paper (Ctrl+Shift+A)"), self)
        self.add_button.setObjectName("addDocument")
        self.add_button.clicked.connect(lambda: self.add_extra_line(focus=True))
        self.all_button = QPushButton(self.tr("All papers received (Ctrl+Shift+R)"), self)
        self.all_button.setObjectName("allReceived")
        self.all_button.clicked.connect(self.tick_all)
        self.message = QLabel(self)
        self.message.setObjectName("msg:documents")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.grid)
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    # ---- rows ----------------------------------------------------------------------------------------

    def _spin(self, value: int, what: str, row: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(0, MAX_COUNT)
        spin.setValue(value)
        spin.setObjectName(f"{what}{row}")
        spin.valueChanged.connect(self.changed)
        return spin

    def _add_row(self, draft: DocumentDraft, template: DocumentTemplate | None) -> _Row:
        index = len(self.rows)
        grid_row = index + 1
        tick = QCheckBox(self)
        tick.setObjectName(f"received{index}")
        tick.setChecked(draft.received)
        tick.toggled.connect(self.changed)
        name_edit: QLineEdit | None = None
        if template is not None:
            suffix = "" if template.required else self.tr(" (if any)")
            # some catalogue names already end in "(nếu có)": not "… (nếu có) (nếu có)"
            name = template.paper_name
            text = name if name.endswith(suffix) else name + suffix
            # on lines of at most PAPER_NAME_WIDTH characters: a long name on one line (up to 90 characters
            # in the catalogue) widened the papers column and squeezed the applicant's column beside it
            tick.setText(textwrap.fill(text, PAPER_NAME_WIDTH, break_long_words=False))
            tick.setAccessibleName(text)
            self.grid.addWidget(tick, grid_row, 0)
        else:
            name_edit = QLineEdit(draft.name, self)
            name_edit.setObjectName(f"documentName{index}")
            name_edit.setMaxLength(MAX_DOCUMENT_NAME)
            name_edit.setPlaceholderText(self.tr("Name of the paper"))
            name_edit.textChanged.connect(self.changed)
            holder = QWidget(self)
            box = QGridLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(tick, 0, 0)
            box.addWidget(name_edit, 0, 1)
            box.setColumnStretch(1, 1)
            self.grid.addWidget(holder, grid_row, 0)
        originals = self._spin(draft.originals, "originals", index)
        copies = self._spin(draft.copies, "copies", index)
        scan = QToolButton(self)
        scan.setObjectName(f"scan{index}")
        scan.setText(self.tr("Scan…"))
        scan.setToolTip(self.tr("Scan or import this paper (F6)"))
        scan.clicked.connect(lambda _=False, i=index: self.scan_requested.emit(i))
        self.grid.addWidget(originals, grid_row, 1)
        self.grid.addWidget(copies, grid_row, 2)
        self.grid.addWidget(scan, grid_row, 3)
        row = _Row(tick, name_edit, originals, copies, scan, template, list(draft.attachments))
        for widget in (tick.parentWidget() if name_edit is not None else tick, originals, copies, scan):
            if widget is not None and self.isVisible():
                widget.show()  # at once, so Tab and setFocus reach the new row (layouts show later)
        self._show_scans(row)
        self.rows.append(row)
        return row

    def _clear(self) -> None:
        for row in self.rows:
            for widget in (row.tick, row.originals, row.copies, row.scan):
                widget.deleteLater()
            if row.name is not None:
                holder = row.name.parentWidget()
                (holder or row.name).deleteLater()
        self.rows = []

    def set_templates(self, templates: tuple[DocumentTemplate, ...]) -> None:
        """Pre-list a procedure's documents with their default counts, unticked (the officer ticks them)."""
        self._clear()
        for t in templates:
            draft = DocumentDraft(t.paper_name, t.originals, t.copies, False, t.id, t.required)
            self._add_row(draft, t)
        self.clear_error()
        self.rows_changed.emit()
        self.changed.emit()

    def tick_all(self) -> None:
        """Every listed paper was handed over."""
        for row in self.rows:
            row.tick.setChecked(True)
        self.clear_error()

    def missing_required(self) -> list[str]:
        """Names of the required papers not ticked as received."""
        return [
            row.template.name
            for row in self.rows
            if row.template is not None and row.template.required and not row.tick.isChecked()
        ]

    def add_extra_line(self, name: str = "", focus: bool = False) -> None:
        if len(self.rows) >= MAX_DOCUMENTS:
            return
        row = self._add_row(DocumentDraft(name, originals=1, received=True), None)
        self.rows_changed.emit()
        if focus and row.name is not None:
            row.name.setFocus()
        self.changed.emit()

    def load(self, documents: list[DocumentDraft], templates: tuple[DocumentTemplate, ...]) -> None:
        """Restore lines from a draft (template lines matched by procedure document id)."""
        self._clear()
        by_id = {t.id: t for t in templates}
        for doc in documents[:MAX_DOCUMENTS]:
            self._add_row(doc, by_id.get(doc.procedure_document_id or -1))
        self.clear_error()
        self.rows_changed.emit()

    # ---- scans (seam for the scanning view) ----------------------------------------------------------

    def add_attachment(self, row: int, ref: AttachmentRef) -> None:
        self.set_attachments(row, [*self.rows[row].attachments, ref])

    def set_attachments(self, row: int, refs: list[AttachmentRef]) -> None:
        """Replace the scans of a paper (the scan panel re-saved them as one document, or removed them)."""
        self.rows[row].attachments = list(refs)
        self._show_scans(self.rows[row])
        self.changed.emit()

    def _show_scans(self, row: _Row) -> None:
        pages = sum(a.pages for a in row.attachments)
        row.scan.setText(self.tr("Scan…") if not pages else self.tr("{n} page(s)").format(n=pages))

    # ---- data ----------------------------------------------------------------------------------------

    def lines(self) -> list[DocumentDraft]:
        result = []
        for row in self.rows:
            t = row.template
            result.append(
                DocumentDraft(
                    name=t.paper_name if t is not None else (row.name.text() if row.name is not None else ""),
                    originals=row.originals.value(),
                    copies=row.copies.value(),
                    received=row.tick.isChecked(),
                    procedure_document_id=t.id if t is not None else None,
                    required=t.required if t is not None else False,
                    attachments=list(row.attachments),
                )
            )
        return result

    def focused_row(self) -> int | None:
        """The row holding the keyboard focus (None: focus is elsewhere)."""
        focus = QApplication.focusWidget()
        for index, row in enumerate(self.rows):
            if focus in (row.tick, row.name, row.originals, row.copies, row.scan):
                return index
        return None

    def first_missing_focus(self) -> QWidget:
        """The tick box of the first required paper not received (else the first row)."""
        for row in self.rows:
            if row.template is not None and row.template.required and not row.tick.isChecked():
                return row.tick
        return self.first_focus()

    def first_focus(self) -> QWidget:
        return self.rows[0].tick if self.rows else self.add_button

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def clear_error(self) -> None:
        self.show_error("")

"""The papers of a dossier: one row per document line (counts, received, digitised) with its scans below.

Row data: `LINE_ROLE` holds the document line id on line rows; `ATTACHMENT_ROLE` holds the
`AttachmentDetail` on attachment rows (children of their line).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from desktop.services.dossier_detail import AttachmentDetail, LineDetail

LINE_ROLE = Qt.ItemDataRole.UserRole
ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole + 1
NUMBER, NAME, COUNTS, RECEIVED, DIGITISED = range(5)


class DocumentLinesTable(QTreeWidget):
    """Emits `attachment_activated(AttachmentDetail)` on Enter/double-click on a scan."""

    attachment_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentLines")
        self.setColumnCount(5)
        self.setHeaderLabels(
            [
                self.tr("No."),
                self.tr("Paper"),
                self.tr("Originals / copies"),
                self.tr("Received"),
                self.tr("Digitised"),
            ]
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.header().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.header().setStretchLastSection(False)
        self.itemActivated.connect(self._activated)

    def show_lines(self, lines: tuple[LineDetail, ...]) -> None:
        selected = self.selected_line_id()
        self.clear()
        for line in lines:
            item = QTreeWidgetItem(
                [
                    str(line.number),
                    line.name
                    + (f" — {line.missing_note}" if line.missing_note and not line.received else ""),
                    f"{line.originals} / {line.copies}",
                    self.tr("Yes") if line.received else self.tr("Missing"),
                    self.digitised_text(line),
                ]
            )
            item.setData(0, LINE_ROLE, line.id)
            self.addTopLevelItem(item)
            for attachment in line.attachments:
                child = QTreeWidgetItem(["", self.attachment_text(attachment), "", "", ""])
                child.setData(0, LINE_ROLE, line.id)
                child.setData(0, ATTACHMENT_ROLE, attachment)
                item.addChild(child)
            item.setExpanded(True)
            if line.id == selected:
                self.setCurrentItem(item)
        for column in (NUMBER, COUNTS, RECEIVED, DIGITISED):
            self.resizeColumnToContents(column)
        first = self.topLevelItem(0)
        if self.currentItem() is None and first is not None:
            self.setCurrentItem(first)

    def digitised_text(self, line: LineDetail) -> str:
        if not line.attachments:
            return self.tr("Not yet")
        return "✓ " + self.tr("%n page(s)", "", line.pages)

    def attachment_text(self, attachment: AttachmentDetail) -> str:
        name = attachment.original_name or self.tr("Scan")
        pages = self.tr("%n page(s)", "", attachment.pages)
        size = f"{attachment.size / 1024:.0f} KB"
        return f"{name} · {pages} · {size} · {attachment.created_at:%d/%m/%Y %H:%M}"

    def line_item(self, line_id: int) -> QTreeWidgetItem | None:
        for row in range(self.topLevelItemCount()):
            item = self.topLevelItem(row)
            if item is not None and item.data(0, LINE_ROLE) == line_id:
                return item
        return None

    def selected_line_id(self) -> int | None:
        item = self.currentItem()
        value = item.data(0, LINE_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def selected_attachment(self) -> AttachmentDetail | None:
        item = self.currentItem()
        value = item.data(0, ATTACHMENT_ROLE) if item is not None else None
        first = item.child(0) if item is not None else None
        if value is None and first is not None:
            value = first.data(0, ATTACHMENT_ROLE)  # a line's first scan
        return value if isinstance(value, AttachmentDetail) else None

    def current_scan(self) -> AttachmentDetail | None:
        """The scan whose own row has the cursor (not a paper's row)."""
        item = self.currentItem()
        value = item.data(0, ATTACHMENT_ROLE) if item is not None else None
        return value if isinstance(value, AttachmentDetail) else None

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        value = item.data(0, ATTACHMENT_ROLE)
        if isinstance(value, AttachmentDetail):
            self.attachment_activated.emit(value)

"""Which document lines of a dossier are digitised: a small table for the dossier view.

table = DigitisedLines(store, parent)
table.show_dossier(dossier_id)       # loads off the GUI thread
table.line_activated.connect(...)    # (document_line_id) when the officer double-clicks a line
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from desktop.services import scanning
from desktop.store.engine import Store
from desktop.ui import tasks


class DigitisedLines(QTreeWidget):
    line_activated = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("No."), self.tr("Document"), self.tr("Digitised")])
        self.setRootIsDecorated(False)
        self.itemDoubleClicked.connect(self._activated)

    def show_dossier(self, dossier_id: str) -> None:
        tasks.run_query(lambda: scanning.line_scans(self.store, dossier_id), self._loaded, owner=self)

    def status_text(self, pages: int) -> str:
        return self.tr("Yes, %n page(s)", "", pages) if pages else self.tr("Not yet")

    def _loaded(self, lines: list[scanning.LineScan]) -> None:
        self.clear()
        for line in lines:
            item = QTreeWidgetItem([str(line.number), line.name, self.status_text(line.pages)])
            item.setData(0, Qt.ItemDataRole.UserRole, line.line_id)
            self.addTopLevelItem(item)
        for column in range(3):
            self.resizeColumnToContents(column)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.line_activated.emit(int(item.data(0, Qt.ItemDataRole.UserRole)))

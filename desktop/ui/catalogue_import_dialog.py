"""File → Import procedure catalogue… (administrators): the province's official list as a new catalogue
version, previewed before it is imported.

The administrator types or chooses the file; Preview reads and checks it on the query pool
(`desktop.services.catalogue_import.preview_import`, with progress) and lists what it adds, changes (which
items) and retires, and the rows whose time limit could not be read; Import stores it on the writer thread
(`apply_import`, one transaction), in force from today (`motcua catalogue import --effective-from` for a
later date). A refused file (another format, a bad or duplicate code) is shown under the form, with each
row's number and reason; nothing is imported. `desktop.ui.unit_menu` adds the menu entry.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core import limits
from desktop.services.catalogue_import import ImportPreview, apply_import, preview_import
from desktop.services.credentials import SignedIn
from desktop.store.engine import Store
from desktop.ui import tasks
from desktop.ui.form_helpers import error_label, show_failure, show_inline_error
from desktop.ui.text_limit import limit


class CatalogueImportDialog(QDialog):
    """File, Preview, the list of changes, Import; `imported` holds the new version's name after Import."""

    def __init__(
        self, store: Store, officer: SignedIn, parent: QWidget | None = None, path: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("catalogueImport")
        self.setWindowTitle(self.tr("Import procedure catalogue"))
        self.setMinimumSize(760, 520)
        self.store = store
        self.officer = officer
        self.preview: ImportPreview | None = None
        self.imported = ""

        intro = QLabel(
            self.tr(
                "Reads the province's official list: the national database's list export (.xlsx), an "
                "announcing decision's appendix (.xlsx, .csv) or procedure detail pages (.txt). Nothing "
                "changes until Import. Procedures missing from a national list export are retired; dossiers "
                "already received keep their procedure."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.file = QLineEdit(path, self)
        limit(self.file, limits.PATH)
        self.file.setObjectName("catalogueFile")
        choose = QPushButton(self.tr("C&hoose…"), self)
        choose.setObjectName("chooseCatalogueFile")
        choose.setAutoDefault(False)
        choose.clicked.connect(self._choose)
        self.preview_button = QPushButton(self.tr("&Preview"), self)
        self.preview_button.setObjectName("previewCatalogue")
        self.preview_button.setDefault(True)  # Enter in the file field: preview (never closes the dialog)
        self.preview_button.clicked.connect(self.start_preview)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(choose)
        row.addWidget(self.preview_button)
        form = QFormLayout()
        file_label = QLabel(self.tr("&File:"), self)
        file_label.setBuddy(self.file)
        form.addRow(file_label, row)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("catalogueProgress")
        self.progress.setRange(0, 3)
        self.progress.hide()
        self.summary = QLabel(self)
        self.summary.setObjectName("catalogueSummary")
        self.summary.setWordWrap(True)
        self.changes = QTreeWidget(self)
        self.changes.setObjectName("catalogueChanges")
        self.changes.setHeaderLabels([self.tr("Code"), self.tr("Procedure"), self.tr("What changes")])
        self.changes.setColumnWidth(0, 110)
        self.changes.setColumnWidth(1, 380)
        changes_label = QLabel(self.tr("&Changes:"), self)
        changes_label.setBuddy(self.changes)
        self.error = error_label(self)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.import_button = QPushButton(self.tr("&Import"), self)
        self.import_button.setObjectName("applyCatalogue")
        self.import_button.setAutoDefault(False)
        self.import_button.setEnabled(False)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.clicked.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(changes_label)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.file.setFocus(Qt.FocusReason.OtherFocusReason)
        if path:
            self.start_preview()

    def _choose(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Procedure catalogue file"),
            self.file.text(),
            self.tr("Catalogue files (*.xlsx *.csv *.txt);;All files (*)"),
        )
        if chosen:
            self.file.setText(chosen)
            self.start_preview()

    def _busy(self, busy: bool) -> None:
        self.preview_button.setEnabled(not busy)
        self.file.setReadOnly(busy)
        self.progress.setVisible(busy)
        self.import_button.setEnabled(not busy and self.preview is not None and not self.preview.empty)

    def start_preview(self) -> None:
        text = self.file.text().strip()
        if not text or not Path(text).is_file():
            show_inline_error(
                self.error, self.tr("Choose the catalogue file (.xlsx, .csv or .txt)."), self.file
            )
            return
        show_inline_error(self.error, "")
        self.preview = None
        self.changes.clear()
        self.summary.setText(self.tr("Reading the file…"))
        store, progress = self.store, tasks.Progress(self)
        progress.changed.connect(lambda done, _total, _text: self.progress.setValue(done))
        self.progress.setValue(0)
        self._busy(True)
        tasks.run_query(
            lambda: preview_import(store, Path(text), progress=progress),
            self._previewed,
            self._failed,
            owner=self,
        )

    def _previewed(self, preview: ImportPreview) -> None:
        self.preview = preview
        self._busy(False)
        summary = self.tr(
            "{file}: {kind}, {rows} procedures. New version {version}, in force from {day}."
        ).format(
            file=preview.file_name,
            kind=preview.kind_label,
            rows=preview.rows,
            version=preview.version,
            day=f"{preview.effective_from:%d/%m/%Y}",
        )
        if preview.empty:
            summary += " " + self.tr("The catalogue in use already matches the file: nothing to import.")
        else:
            summary += " " + self.tr("{count} procedures stay as they are.").format(count=preview.unchanged)
        self.summary.setText(summary)
        self._fill(preview)
        self.changes.setFocus(Qt.FocusReason.OtherFocusReason)

    def _group(self, title: str, count: int) -> QTreeWidgetItem:
        group = QTreeWidgetItem(self.changes, [f"{title} ({count})"])
        group.setFirstColumnSpanned(True)
        group.setExpanded(True)
        return group

    def _fill(self, preview: ImportPreview) -> None:
        if preview.added:
            group = self._group(self.tr("Added"), len(preview.added))
            unconfirmed = self.tr("time limit not confirmed")
            for entry in preview.added:
                QTreeWidgetItem(group, [entry.code, entry.name, "" if entry.time_confirmed else unconfirmed])
        if preview.changed:
            group = self._group(self.tr("Changed"), len(preview.changed))
            for entry in preview.changed:
                QTreeWidgetItem(group, [entry.code, entry.name, ", ".join(entry.changes)])
        if preview.retired:
            group = self._group(self.tr("Retired"), len(preview.retired))
            for entry in preview.retired:
                QTreeWidgetItem(group, [entry.code, entry.name, self.tr("not in the province's list")])
        if preview.notes:
            group = self._group(self.tr("Notes"), len(preview.notes))
            for note in preview.notes:
                where = self.tr("row {row}").format(row=note.row)
                QTreeWidgetItem(group, [note.code, where, note.reason])
        first = self.changes.topLevelItem(0)
        if first is not None:
            self.changes.setCurrentItem(first)

    def start_import(self) -> None:
        preview = self.preview
        if preview is None or preview.empty:
            return
        store, officer = self.store, self.officer
        self.progress.setRange(0, 0)  # one transaction: busy, no steps
        self._busy(True)
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Importing…"))
        tasks.run_write(
            lambda: apply_import(store, preview, officer), self._imported, self._failed, owner=self
        )

    def _imported(self, version: str) -> None:
        day = f"{self.preview.effective_from:%d/%m/%Y}" if self.preview is not None else ""
        self.imported = version
        self.preview = None
        self.progress.setRange(0, 3)
        self._busy(False)
        self.summary.setText(
            self.tr("Imported: catalogue version {version}, in force from {day}.").format(
                version=version, day=day
            )
        )

    def _failed(self, exc: BaseException) -> None:
        self.progress.setRange(0, 3)
        self._busy(False)
        self.summary.setText("")
        show_failure(self.error, exc, {"file": self.file}, self)

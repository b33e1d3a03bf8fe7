"""Scanning during intake: the scan panel working on the current paper (document line) of the form.

The section stays hidden until the officer asks for it ("Scan…" on a paper's row, or F6 for the paper
that has focus), so opening the view never probes scanners. The panel then scans or imports into that
paper; "Save scan" stores one PDF in the content store (fsynced, no database row yet) and the reference
is added to the row, from where it travels with the autosaved draft to `receive_dossier`, which links it
to the new dossier's document line.

Choosing a paper that already has scans shows them in the panel to add, reorder, rotate or delete pages;
"Save scan" then replaces them with one new document, and deleting every page removes the paper's scan.
The stored references stay on the row (and in the draft) until then.

While the panel holds pages that are not saved yet, it stays on its paper: choosing another paper asks
the officer to save or delete those pages first. When the papers are replaced (another procedure), such
pages stay in the panel and go to the first paper. The view refuses to save the dossier while pages are
unsaved, so nothing scanned is silently dropped.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from desktop.services.attachments import BlobRef
from desktop.services.intake_draft import AttachmentRef
from desktop.store.engine import Store
from desktop.ui.intake.documents_table import DocumentsTable
from desktop.ui.scan.panel import ScanPanel


class IntakeScans(QGroupBox):
    """The "Scans" section of the intake view, bound to its documents table."""

    notice = Signal(str, bool)  # (message for the officer, is an error): the view's notice line

    def __init__(
        self, store: Store, officer_id: int | None, documents: DocumentsTable, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("intakeScans")
        self.setTitle(self.tr("5. Scans (F6)"))
        self.store = store
        self.officer_id = officer_id
        self.documents = documents
        self.panel: ScanPanel | None = None
        self.row: int | None = None
        self.editing = False  # the panel shows the row's stored scans (Save replaces them)
        self._layout = QVBoxLayout(self)
        self.hide()
        documents.scan_requested.connect(self.scan_into)

    def pending_pages(self) -> int:
        """Pages scanned, imported or changed but not yet saved into a paper."""
        panel = self.panel
        return panel.page_count() if panel is not None and panel.modified else 0

    def busy(self) -> bool:
        return self.panel is not None and self.panel.cancel_button.isEnabled()

    def _ensure_panel(self) -> ScanPanel:
        if self.panel is None:
            self.panel = ScanPanel(self.store, self.officer_id, self)
            self.panel.setObjectName("intakeScanPanel")
            self.panel.document_saved.connect(self._stored)
            self.panel.pages_changed.connect(self._pages_changed)
            self._layout.addWidget(self.panel)
        return self.panel

    def _paper_name(self, row: int) -> str:
        line = self.documents.lines()[row]
        return line.name or self.tr("Paper {n}").format(n=row + 1)

    def scan_into(self, row: int) -> bool:
        """Make `row` the paper the panel scans into; False (and a notice) while other pages are unsaved."""
        if not 0 <= row < len(self.documents.rows):
            return False
        if self.row is not None and row != self.row and (self.pending_pages() or self.busy()):
            self.notice.emit(
                self.tr(
                    "{n} scanned page(s) of '{paper}' are not saved yet: press 'Save scan' or delete them first."
                ).format(n=self.pending_pages(), paper=self._paper_name(self.row)),
                True,
            )
            return False
        panel = self._ensure_panel()
        switched = row != self.row
        self.row = row
        if (switched or not panel.page_count()) and not panel.modified and not self.busy():
            panel.clear()
            refs = self.documents.rows[row].attachments
            self.editing = bool(refs)
            if refs:
                panel.load_blobs([BlobRef.of(ref) for ref in refs])
        panel.set_title(self.tr("Scanning into: <b>{paper}</b>").format(paper=self._paper_name(row)))
        self.show()
        target = panel.scan_button if panel.scan_button.isEnabled() else panel.import_button
        target.setFocus()
        return True

    def scan_focused(self) -> None:
        """F6: scan into the paper whose row has focus (else the current one, else the first)."""
        row = self.documents.focused_row()
        if row is None:
            row = self.row if self.row is not None else 0
        self.scan_into(row)

    def _stored(self, ref: BlobRef) -> None:
        panel = self.panel
        if self.row is None or panel is None or self.row >= len(self.documents.rows):
            return
        saved = AttachmentRef(**ref.to_dict())
        if self.editing:
            self.documents.set_attachments(self.row, [saved])
        else:
            self.documents.add_attachment(self.row, saved)
        self.editing = False
        panel.clear()
        self.documents.rows[self.row].scan.setFocus()  # back to the paper (the panel's Save is now disabled)
        self.notice.emit(
            self.tr("{n} page(s) saved to '{paper}'.").format(n=ref.pages, paper=self._paper_name(self.row)),
            False,
        )

    def _pages_changed(self, count: int) -> None:
        panel = self.panel
        if count or not self.editing or self.row is None or panel is None or not panel.modified:
            return
        self.documents.set_attachments(self.row, [])  # every page deleted: the paper has no scan now
        self.editing = False
        panel.modified = False
        self.notice.emit(
            self.tr("The scan of '{paper}' was removed.").format(paper=self._paper_name(self.row)), False
        )

    def reset(self) -> None:
        """The papers were replaced (another procedure, a loaded draft, a saved dossier).

        Pages not saved yet are kept and now go to the first paper, which the officer can change."""
        self.row = None
        self.editing = False
        if self.pending_pages() or self.busy():
            self.scan_into(0)
        else:
            self.hide()

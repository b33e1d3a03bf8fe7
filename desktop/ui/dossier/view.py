"""The dossier view: one dossier's header, papers (with their scans), history and follow-up actions.

    view = DossierView(store, officer, dossier_id, parent)   # loads off the GUI thread
    view.loaded.connect(...)     # (DossierDetail) after each (re)load
    view.changed.connect(...)    # a service changed the dossier (the main window refreshes its list)

The papers table drives the scan panel: "Scan or import" (Ctrl+I) opens it in the "Scan" tab beside the
history, targeted at the selected paper (`ScanPanel.set_target`), and after the panel's `attached` the view reloads and shows the paper digitised.
Enter or double-click on a scan (or Ctrl+O on a paper) views it; Ctrl+Del on a scan's row takes it off the
paper after a confirmation (an `attachment_removed` event; the stored file stays). Scans of a dossier
received at another workstation of the unit are fetched from the province when the view first opens it
(`sync.client.scan_fetch`, on the network lane); when they cannot be, the notice says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMessageBox, QSplitter, QTabWidget, QToolBar, QVBoxLayout, QWidget

from desktop.services.accounts import SignedIn
from desktop.services.attachments import blob_store
from desktop.services.dossier_detail import (
    AttachmentDetail,
    DossierDetail,
    LineDetail,
    attachment_file,
    load_detail,
)
from desktop.services.scanning import remove_scan
from desktop.store.engine import Store
from desktop.ui import tasks
from desktop.ui.dossier.actions import DossierActions
from desktop.ui.dossier.attachment_viewer import AttachmentViewer
from desktop.ui.dossier.header import DossierHeader
from desktop.ui.dossier.lines import DocumentLinesTable
from desktop.ui.dossier.timeline import EventTimeline
from desktop.ui.scan.panel import ScanPanel

if TYPE_CHECKING:
    from sync.client.scan_fetch import ScanFetch

SCAN_SHORTCUT = "Ctrl+I"
VIEW_SHORTCUT = "Ctrl+O"
REMOVE_SHORTCUT = "Ctrl+Del"


class DossierView(QWidget):
    loaded = Signal(object)
    changed = Signal()

    def __init__(
        self,
        store: Store,
        officer: SignedIn,
        dossier_id: str,
        parent: QWidget | None = None,
        *,
        detail: DossierDetail | None = None,
    ) -> None:
        """`detail`: the dossier read already (return by code), shown at once instead of read again."""
        super().__init__(parent)
        self.setObjectName("dossierView")
        self.store = store
        self.officer = officer
        self.dossier_id = dossier_id
        self.detail: DossierDetail | None = None
        self.scan_panel: ScanPanel | None = None
        self._scan_line: LineDetail | None = None  # the paper the scan panel saves into
        self.viewer: AttachmentViewer | None = None

        self.header = DossierHeader(self)
        self.lines = DocumentLinesTable(self)
        self.timeline = EventTimeline(self)
        self.notice = QLabel(self)
        self.notice.setObjectName("dossierNotice")
        self.notice.setWordWrap(True)
        self.follow_up = DossierActions(self, store, officer)
        self.follow_up.done.connect(self._after_change)

        self.action_scan = self._local_action(self.tr("&Scan or import…"), SCAN_SHORTCUT, "scan")
        self.action_scan.triggered.connect(self.scan_selected)
        self.action_view = self._local_action(self.tr("&View scan"), VIEW_SHORTCUT, "viewScan")
        self.action_view.triggered.connect(self.view_selected)
        self.action_remove = self._local_action(self.tr("&Remove scan…"), REMOVE_SHORTCUT, "removeScan")
        self.action_remove.triggered.connect(self.remove_selected)
        self.confirm_remove: QMessageBox | None = None
        self.lines.attachment_activated.connect(self.view_attachment)
        self.lines.currentItemChanged.connect(lambda *_: self._update_scan_actions())

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("dossierActions")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name in (
            "accept_online",
            "supplement",
            "supplement_received",
            "refuse",
            "extend",
            "apologise",
            "stop",
            "hand_over",
            "result_ready",
            "request_obligation",
            "obligation_met",
            "return_result",
            "result_delivered",
            "withdraw",
            "rate",
            "undo",
            "collect_fee",
            "resolve_review",
        ):
            self.toolbar.addAction(self.follow_up.actions[name])
        self.print_bar = QToolBar(self)  # a second row: printing again, scanning, viewing scans
        self.print_bar.setObjectName("dossierPrintScan")
        self.print_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name in ("reprint_receipt", "reprint_letter", "control_slip"):
            self.print_bar.addAction(self.follow_up.actions[name])
        self.print_bar.addSeparator()
        self.print_bar.addAction(self.action_scan)
        self.print_bar.addAction(self.action_view)
        self.print_bar.addAction(self.action_remove)

        papers = QWidget(self)
        papers_layout = QVBoxLayout(papers)
        papers_layout.setContentsMargins(0, 0, 0, 0)
        papers_layout.addWidget(QLabel(self.tr("<b>Papers</b>"), papers))
        papers_layout.addWidget(self.lines)
        self.bottom = QTabWidget(self)  # the history, and the scan panel once the officer scans
        self.bottom.setObjectName("dossierBottom")
        self.bottom.setDocumentMode(True)
        self.bottom.addTab(self.timeline, self.tr("History"))
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(papers)
        self.splitter.addWidget(self.bottom)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.header)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.print_bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)
        self.notice.hide()
        if detail is not None:
            self.show_detail(detail)
        else:
            self.reload()

    # ---- loading -------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the dossier off the GUI thread (after an action, a scan, or a sync)."""
        store, dossier_id = self.store, self.dossier_id
        tasks.run_query(lambda: load_detail(store, dossier_id), self.show_detail, owner=self)

    def outside_change(self, *_: object) -> None:
        """The main window re-read its list or a sync pass ended: the dossier may have changed."""
        self.reload()

    def show_detail(self, detail: DossierDetail) -> None:
        """Fill the tab with `detail` (a read just made) and enable the actions its status allows."""
        if self.detail is None and _lacks_scans(self.store, detail):  # another workstation's scans
            self._fetch_scans(detail.id)
        self.detail = detail
        self.header.show_detail(detail)
        self.lines.show_lines(detail.lines)
        self.timeline.show_events(detail.events)
        self.follow_up.update(detail)
        self._update_scan_actions()
        self.loaded.emit(detail)

    def _fetch_scans(self, dossier_id: str) -> None:
        """Scans of a dossier received at another workstation, fetched on the network lane and verified
        by hash (`sync.client.scan_fetch`); offline, the notice says they could not be fetched."""
        from sync.client.scan_fetch import fetch_scans

        store = self.store
        tasks.run_network(
            lambda: fetch_scans(store, dossier_id, blob_store(store)), self._scans_fetched, owner=self
        )

    def _scans_fetched(self, outcome: ScanFetch) -> None:
        if outcome.message:
            self.show_notice(outcome.message)
        if outcome.fetched:
            self.reload()

    def _after_change(self) -> None:
        self.reload()
        self.changed.emit()

    def set_busy(self, busy: bool) -> None:
        """While a change is being saved no second action starts; `show_detail` re-enables by status."""
        self.toolbar.setEnabled(not busy)
        if busy:
            for action in self.follow_up.actions.values():
                action.setEnabled(False)

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _local_action(self, text: str, shortcut: str, name: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({shortcut})")
        self.addAction(action)
        return action

    def _update_scan_actions(self) -> None:
        self.action_scan.setEnabled(self.detail is not None and self.lines.selected_line_id() is not None)
        self.action_view.setEnabled(self.lines.selected_attachment() is not None)
        self.action_remove.setEnabled(self.detail is not None and self.lines.current_scan() is not None)

    # ---- scanning and viewing ------------------------------------------------------------------------

    def scan_selected(self) -> ScanPanel | None:
        """Open the scan panel on the selected paper; what it saves is linked to that document line."""
        line_id = self.lines.selected_line_id()
        detail = self.detail
        if detail is None or line_id is None:
            return None
        line = next(line for line in detail.lines if line.id == line_id)
        panel = self.scan_panel
        if panel is None:
            panel = self.scan_panel = ScanPanel(self.store, self.officer.officer_id, self)
            panel.setObjectName("dossierScanPanel")
            panel.attached.connect(self._attached)
            self.bottom.addTab(panel, self.tr("Scan"))
        self.bottom.setCurrentWidget(panel)
        if (
            self._scan_line is not None
            and self._scan_line.id != line.id
            and panel.modified
            and panel.page_count()
        ):
            # never throw away pages the officer has not saved: finish (or clear) that paper first
            self.show_notice(
                self.tr(
                    "Save or delete the pages scanned for paper {number} before scanning another paper."
                ).format(number=self._scan_line.number)
            )
            return panel
        if self._scan_line is None or self._scan_line.id != line.id:
            panel.clear()
            panel.set_target(detail.id, line.id)
            panel.set_title(
                self.tr("Scanning into paper {number}: {name}").format(number=line.number, name=line.name)
            )
            self._scan_line = line
        self.show_notice("")
        panel.import_button.setFocus()
        return panel

    def _attached(self, _ref: object) -> None:
        if self.scan_panel is not None:
            self.scan_panel.clear()
        self.show_notice(self.tr("The scan was saved with the dossier."))
        self._after_change()

    def view_selected(self) -> None:
        attachment = self.lines.selected_attachment()
        if attachment is not None:
            self.view_attachment(attachment)

    def view_attachment(self, attachment: AttachmentDetail) -> None:
        store = self.store
        title = attachment.original_name or (self.detail.code if self.detail else "")
        tasks.run_query(
            lambda: attachment_file(store, attachment.sha256),
            lambda path: self._open_viewer(path, title),
            owner=self,
        )

    def _open_viewer(self, path: Path | bytes, title: str) -> None:
        if self.viewer is not None:
            self.viewer.close()
        self.viewer = AttachmentViewer(path, title, self)
        self.viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewer.destroyed.connect(lambda *_: setattr(self, "viewer", None))
        self.viewer.open()

    def remove_selected(self) -> QMessageBox | None:
        """Ask, then take the scan whose row has the cursor off its paper (on the writer thread)."""
        scan = self.lines.current_scan()
        if scan is None or self.detail is None:
            return None
        line = next((ln for ln in self.detail.lines if scan in ln.attachments), None)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove scan"),
            self.tr(
                "Remove this scan ({pages} page(s)) from paper {number}? The paper then counts as not "
                "digitised unless it has other scans; the removal is kept in the history."
            ).format(pages=scan.pages, number=line.number if line is not None else "?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda button: self._remove(scan) if button is yes else None)
        box.destroyed.connect(lambda *_: setattr(self, "confirm_remove", None))
        self.confirm_remove = box
        box.open()
        return box

    def _remove(self, scan: AttachmentDetail) -> None:
        store, dossier_id, officer_id = self.store, self.dossier_id, self.officer.officer_id
        self.action_remove.setEnabled(False)
        tasks.run_write(
            lambda: remove_scan(store, dossier_id, scan.id, officer_id),
            lambda _none: self._removed(),
            self._remove_failed,
            owner=self,
        )

    def _removed(self) -> None:
        self.show_notice(self.tr("The scan was removed from the dossier; the stored file is kept."))
        self._after_change()

    def _remove_failed(self, exc: BaseException) -> None:
        from desktop.ui.errors import show_error

        self.reload()  # removed meanwhile (another window, a sync): show what the store holds
        show_error(exc, self)


def _lacks_scans(store: Store, detail: DossierDetail) -> bool:
    """Whether a scan of the dossier is not in this workstation's blob store (a few file checks)."""
    blobs = blob_store(store)
    return any(not blobs.exists(a.sha256, a.size) for line in detail.lines for a in line.attachments)

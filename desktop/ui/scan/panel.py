"""The scan panel: scan or import the pages of ONE document line, arrange them, and store the result.

Hosted by the intake view (before the dossier exists) and by a dossier view (afterwards):

    panel = ScanPanel(store, officer_id, parent)
    panel.set_title("Giấy chứng sinh")
    panel.document_saved.connect(on_saved)        # BlobRef, after "Save" (intake: keep it in the draft)
    panel.set_target(dossier_id, document_line_id) # optional: "Save" links to this line instead; emits attached

`panel.watch_folder(path)` (or the "Scan-to-folder…" button, remembered) also imports what a network copier
drops into a "scan to folder" share from then on; files already in the share are left alone
(`desktop.ui.scan.folder_watch`: a share that goes offline is reported once in the panel, not in a box).
Signals: `pages_changed(int)` (page count), `document_saved(object)` (a `BlobRef`, stored and fsynced,
not linked), `attached(object)` (a `BlobRef` linked to the target line), `busy_changed(bool)`.
Device, source, resolution, colour mode, profile, auto-rotate and the watched folder are remembered in the
profile's settings. Scanning,
import and saving run off the GUI thread (`desktop.ui.tasks`); a jam or a cancel keeps the pages done.
Thumbnails of imported PDF pages are rendered afterwards, off the GUI thread, each PDF loaded once
(`desktop.ui.scan.thumbs`), with their own progress; the pages can be arranged and saved meanwhile.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap, QTransform
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.scan.devices import ADF, FLATBED, Capabilities, DeviceInfo, ScanSettings
from desktop.scan.document import PageItem, PdfPageRef
from desktop.scan.pipeline import PipelineOptions
from desktop.services import scanning
from desktop.services.attachments import BlobRef
from desktop.store.engine import Store
from desktop.ui import tasks
from desktop.ui.errors import show_error
from desktop.ui.scan.folder_watch import FolderWatch
from desktop.ui.scan.thumbs import pdf_thumbnails
from desktop.ui.scan.viewer import PageViewer
from desktop.ui.shortcuts import give_shortcut

ITEM_ROLE = Qt.ItemDataRole.UserRole
THUMB_ROLE = Qt.ItemDataRole.UserRole + 1
IMPORT_FILTER = "*.pdf *.jpg *.jpeg *.png *.tif *.tiff"


class ScanPanel(QWidget):
    pages_changed = Signal(int)
    document_saved = Signal(object)
    attached = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, store: Store, officer_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.officer_id = officer_id
        self._caps: dict[str, Capabilities] = {}
        self._remembered: dict[str, str] = {}
        self._target: tuple[str, int] | None = None
        self._progress: tasks.Progress | None = None
        self._thumbs: tasks.Progress | None = None  # thumbnails being rendered (never blocks the panel)
        self._source_label = "import"
        self.modified = False  # pages scanned, imported, moved, rotated or deleted since the last load/save
        self.stored = False  # the pages shown are a stored document (saved, or loaded to keep editing)
        # only the panel the officer sees takes a copier's file (the intake one or a dossier tab's)
        self.folder_watch = FolderWatch(lambda: self.isVisible() and not self.cancel_button.isEnabled(), self)

        self.title = QLabel(self)
        self.device = QComboBox(self)
        self.source = QComboBox(self)
        self.resolution = QComboBox(self)
        self.mode = QComboBox(self)
        for combo in (self.device, self.source, self.resolution, self.mode):
            # filled in the background after the panel is shown: grow with the entries (else the combo
            # keeps its empty first-show width and "No scanner found…" reads "Không th")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.profile = QComboBox(self)
        self.profile.addItem(self.tr("Text (black and white)"), "text")
        self.profile.addItem(self.tr("Photo (grey or colour)"), "photo")
        self.auto_rotate = QCheckBox(self.tr("Turn pages upright"), self)
        self.auto_rotate.setToolTip(self.tr("Detect pages fed sideways or upside down and turn them"))
        self.scan_button = QPushButton(self.tr("&Scan"), self)
        self.import_button = QPushButton(self.tr("&Import files…"), self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.folder_button = QPushButton(self.tr("Scan-to-folder…"), self)
        self.folder_button.setToolTip(
            self.tr("Import what a network copier saves into a shared folder from now on")
        )
        self.folder_label = QLabel(self)
        self.folder_label.setObjectName("scanFolderStatus")
        self.folder_watch.status_changed.connect(self.folder_label.setText)
        self.folder_watch.files_ready.connect(self._inbox_files)
        self.stop_folder_button = QPushButton(self.tr("Stop watching"), self)
        self.stop_folder_button.hide()
        self.progress = QProgressBar(self)
        self.status = QLabel(self)
        self.pages = QListWidget(self)
        self.pages.setViewMode(QListView.ViewMode.IconMode)
        self.pages.setIconSize(QSize(*scanning.THUMB_BOX))
        # one fixed cell per page: without a grid, a thumbnail rendered (or rotated) after the layout was
        # made kept its first small size in the layout and the pages overlapped
        label_height = self.pages.fontMetrics().height()
        self.pages.setGridSize(QSize(scanning.THUMB_BOX[0] + 16, scanning.THUMB_BOX[1] + label_height + 16))
        self.pages.setMovement(QListView.Movement.Snap)
        self.pages.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        self.pages.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.pages.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.pages.setResizeMode(QListView.ResizeMode.Adjust)
        self.pages.setSpacing(6)
        self.rotate_left = QPushButton(self.tr("Rotate left"), self)
        self.rotate_right = QPushButton(self.tr("Rotate right"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.view_button = QPushButton(self.tr("View"), self)
        self.save_button = QPushButton(self.tr("Save scan"), self)
        # by keyboard alone (issue 21), while the focus is in the panel (the dossier view around it has
        # Ctrl+O and Ctrl+Del for its stored scans); the tooltips name the keys
        for button, keys in (
            (self.import_button, "Ctrl+Shift+O"),
            (self.save_button, "Ctrl+Shift+S"),  # Ctrl+S saves the whole intake form
            (self.rotate_left, "Ctrl+["),
            (self.rotate_right, "Ctrl+]"),
            (self.delete_button, "Del"),
            (self.folder_button, "Ctrl+Shift+W"),
        ):
            give_shortcut(button, keys, self)

        # two rows: in one, the eleven widgets needed the whole width of a 1024-pixel screen and the
        # scanner's name (or "No scanner found…") was cut to a few letters
        device_row = QHBoxLayout()
        settings_row = QHBoxLayout()
        for row, label, combo in (
            (device_row, self.tr("Scanner"), self.device),
            (device_row, self.tr("Source"), self.source),
            (settings_row, self.tr("Resolution"), self.resolution),
            (settings_row, self.tr("Colour"), self.mode),
            (settings_row, self.tr("Profile"), self.profile),
        ):
            row.addWidget(QLabel(label, self))
            row.addWidget(combo)
        device_row.addStretch(1)
        settings_row.addWidget(self.auto_rotate)
        settings_row.addStretch(1)
        actions = QHBoxLayout()
        for button in (self.scan_button, self.import_button, self.cancel_button, self.folder_button):
            actions.addWidget(button)
        actions.addWidget(self.progress, 1)
        actions.addWidget(self.folder_label)
        actions.addWidget(self.stop_folder_button)
        edit_row = QHBoxLayout()
        for button in (self.rotate_left, self.rotate_right, self.delete_button, self.view_button):
            edit_row.addWidget(button)
        edit_row.addWidget(self.status, 1)
        edit_row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(device_row)
        layout.addLayout(settings_row)
        layout.addLayout(actions)
        layout.addWidget(self.pages, 1)
        layout.addLayout(edit_row)

        self.device.currentIndexChanged.connect(self._device_changed)
        self.scan_button.clicked.connect(self.start_scan)
        self.import_button.clicked.connect(self._choose_files)
        self.folder_button.clicked.connect(self._choose_folder)
        self.stop_folder_button.clicked.connect(self._stop_folder)
        self.auto_rotate.toggled.connect(lambda _on: self._remember())
        self.cancel_button.clicked.connect(self.cancel)
        self.rotate_left.clicked.connect(lambda: self.rotate_selected(270))
        self.rotate_right.clicked.connect(lambda: self.rotate_selected(90))
        self.delete_button.clicked.connect(self.delete_selected)
        self.view_button.clicked.connect(self.view_current)
        self.pages.itemDoubleClicked.connect(lambda _item: self.view_current())
        self.pages.model().rowsMoved.connect(lambda *_: self._edited())
        self.save_button.clicked.connect(self.save)
        self._set_busy(False)
        self._changed()
        tasks.run_query(lambda: scanning.load_settings(store), self._settings_loaded, owner=self)

    # ---- public API ------------------------------------------------------------------------------

    def set_title(self, text: str) -> None:
        self.title.setText(text)

    def set_target(self, dossier_id: str | None, document_line_id: int | None = None) -> None:
        """Save links to this document line of an existing dossier (None: just store, for intake)."""
        self._target = (dossier_id, document_line_id) if dossier_id and document_line_id else None

    def items(self) -> list[PageItem]:
        """The pages in their current order, with their rotations."""
        return [self.pages.item(i).data(ITEM_ROLE) for i in range(self.pages.count())]

    def page_count(self) -> int:
        return self.pages.count()

    def clear(self) -> None:
        self._stop_thumbs()
        self.pages.clear()
        self.modified = False
        self.stored = False
        self._changed()

    def add_pages(self, result: scanning.PagesResult) -> None:
        for item, thumb in zip(result.items, result.thumbs, strict=True):
            self._append(item, thumb)
        self._changed()
        self._render_thumbs([i for i, t in zip(result.items, result.thumbs, strict=True) if t is None])

    def load_blob(self, ref: BlobRef) -> None:
        """Show an already stored document (e.g. a draft's scan) to keep editing it."""
        self.load_blobs([ref])

    def load_blobs(self, refs: Sequence[BlobRef]) -> None:
        """Show already stored documents, one after the other, to keep editing them (not `modified`)."""
        wanted = list(refs)
        self._set_busy(True)  # no scan or import may land before the stored pages
        tasks.run_query(
            lambda: scanning.load_blobs(self.store, wanted), self._replace_pages, self._failed, owner=self
        )

    def import_files(self, paths: Sequence[Path]) -> None:
        self._source_label = "import"
        progress = self._start_progress(len(paths))
        options = self._options()
        tasks.run_query(
            lambda: scanning.import_paths(list(paths), options, progress),
            self._pages_arrived,
            self._failed,
            owner=self,
        )

    def _import_inbox(self, paths: Sequence[Path]) -> None:
        """Like `import_files`; the originals then leave the copier's folder for the sealed store."""
        self._source_label = "folder"
        progress = self._start_progress(len(paths))
        options = self._options()
        tasks.run_query(
            lambda: scanning.import_inbox(self.store, list(paths), options, progress),
            self._pages_arrived,
            self._failed,
            owner=self,
        )

    def watch_folder(self, folder: Path | None) -> None:
        """Import what a network copier drops into `folder` from now on ("scan to folder"); files already
        there are left alone. None stops watching."""
        self.stop_folder_button.setVisible(folder is not None)
        self.folder_watch.watch(folder)

    def poll_inbox(self) -> None:
        """Take the files that became stable in the watched folder (the timer does it every 2 s)."""
        if not self.cancel_button.isEnabled():
            self.folder_watch.poll()

    def _inbox_files(self, paths: list[Path]) -> None:
        self._import_inbox(paths)

    def start_scan(self) -> None:
        device_id = self.device.currentData()
        if not device_id:
            return
        settings = ScanSettings(
            source=self.source.currentData() or FLATBED,
            resolution=int(self.resolution.currentData() or 200),
            mode=self.mode.currentData() or "gray",
        )
        self._remember()
        self._source_label = device_id
        progress = self._start_progress(0)
        options = self._options()
        tasks.run_query(
            lambda: scanning.scan_batch(device_id, settings, options, progress),
            self._pages_arrived,
            self._failed,
            owner=self,
        )

    def cancel(self) -> None:
        if self._progress is not None:
            self._progress.cancel()

    def save(self) -> None:
        """Store the pages as one PDF (and link it when a target line is set)."""
        items = self.items()
        if not items:
            return
        profile = self.profile.currentData() or "text"
        source = self._source_label
        self._set_busy(True)
        if self._target is None:
            tasks.run_write(
                lambda: scanning.save_document(self.store, items, profile, source),
                self._saved,
                self._failed,
                owner=self,
            )
            return
        dossier_id, line_id = self._target
        tasks.run_write(
            lambda: scanning.attach_document(
                self.store, dossier_id, line_id, items, profile, source, self.officer_id
            ),
            self._attached,
            self._failed,
            owner=self,
        )

    def rotate_selected(self, clockwise: int) -> None:
        for item in self.pages.selectedItems():
            page = item.data(ITEM_ROLE)
            page.rotation = (page.rotation + clockwise) % 360
            item.setData(ITEM_ROLE, page)
            self._show_thumb(item)
        self._edited()

    def delete_selected(self) -> None:
        for item in self.pages.selectedItems():
            self.pages.takeItem(self.pages.row(item))
        self._edited()

    def view_current(self) -> None:
        item = self.pages.currentItem()
        if item is not None:
            PageViewer(item.data(ITEM_ROLE), self).open()

    # ---- internals -------------------------------------------------------------------------------

    def _options(self) -> PipelineOptions:
        return PipelineOptions(
            profile=self.profile.currentData() or "text", auto_rotate=self.auto_rotate.isChecked()
        )

    def _start_progress(self, total: int) -> tasks.Progress:
        progress = tasks.Progress(self)
        progress.changed.connect(self._progress_changed)
        self._progress = progress
        self.progress.setRange(0, total)
        self.progress.setValue(0)
        self._set_busy(True)
        return progress

    def _progress_changed(self, done: int, total: int, _text: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        else:
            self.progress.setRange(0, 0)  # the scanner does not know how many sheets are in the feeder
        self.status.setText(self.tr("%n page(s) scanned", "", done) if not total else "")

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.scan_button, self.import_button, self.save_button, self.device):
            widget.setEnabled(not busy)
        self.scan_button.setEnabled(not busy and bool(self.device.currentData()))
        self.cancel_button.setEnabled(busy)
        self.progress.setVisible(busy)
        self.busy_changed.emit(busy)

    def _append(self, page: PageItem, thumb: bytes | None) -> None:
        item = QListWidgetItem()
        item.setData(ITEM_ROLE, page)
        pixmap = QPixmap()
        if thumb is not None:
            pixmap.loadFromData(thumb, "PNG")
        item.setData(THUMB_ROLE, pixmap)  # PDF pages: empty until `_thumbs_ready`
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsDragEnabled)
        self.pages.addItem(item)
        self._show_thumb(item)

    def _render_thumbs(self, pages: Sequence[PageItem]) -> None:
        refs = [page for page in pages if isinstance(page, PdfPageRef)]
        if not refs:
            return
        self._stop_thumbs()
        progress = self._thumbs = tasks.Progress(self)
        progress.changed.connect(self._thumbs_progress)
        self._thumbs_progress(0, len(refs), "")
        tasks.run_query(
            lambda: pdf_thumbnails(refs, scanning.THUMB_BOX[1], progress),
            lambda found: self._thumbs_ready(progress, found),
            lambda _exc: self._thumbs_ready(progress, []),  # cancelled or unreadable: pages stay unpictured
            owner=self,
        )

    def _stop_thumbs(self) -> None:
        if self._thumbs is not None:
            self._thumbs.cancel()
            self._thumbs = None
            self.progress.setVisible(self.cancel_button.isEnabled())

    def _thumbs_progress(self, done: int, total: int, _text: str = "") -> None:
        if self.cancel_button.isEnabled() or self.sender() not in (None, self._thumbs):
            return  # a scan or import owns the bar
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setVisible(True)

    def _thumbs_ready(self, progress: tasks.Progress, found: list[tuple[PdfPageRef, QImage]]) -> None:
        images = {id(ref): image for ref, image in found}
        for row in range(self.pages.count()):
            item = self.pages.item(row)
            image = images.get(id(item.data(ITEM_ROLE)))
            if image is not None:
                item.setData(THUMB_ROLE, QPixmap.fromImage(image))
                self._show_thumb(item)
        if progress is self._thumbs:
            self._thumbs = None
            self.progress.setVisible(self.cancel_button.isEnabled())

    def _show_thumb(self, item: QListWidgetItem) -> None:
        pixmap: QPixmap = item.data(THUMB_ROLE)
        rotation = item.data(ITEM_ROLE).rotation
        if rotation and not pixmap.isNull():
            pixmap = pixmap.transformed(QTransform().rotate(rotation))
        item.setIcon(pixmap)

    def _edited(self) -> None:
        self.modified = True
        self._changed()

    def _changed(self) -> None:
        count = self.pages.count()
        for i in range(count):
            self.pages.item(i).setText(str(i + 1))
        has_pages = count > 0
        for button in (self.rotate_left, self.rotate_right, self.delete_button, self.view_button):
            button.setEnabled(has_pages)
        self.save_button.setEnabled(has_pages and not self.cancel_button.isEnabled())
        if self.stored and not self.modified and count:
            self.status.setText(self.tr("Saved %n page(s)", "", count))
        else:
            self.status.setText(self.tr("%n page(s)", "", count))
        self.pages_changed.emit(count)

    def _pages_arrived(self, result: scanning.PagesResult) -> None:
        self._progress = None
        self._set_busy(False)
        self.modified = self.modified or bool(result.items)
        self.add_pages(result)
        inbox = self.folder_watch.inbox
        if result.originals_sealed and inbox is not None:
            self.folder_label.setText(
                self.tr("Watching: %1. Scans moved from it into the encrypted store: %2.")
                .replace("%1", str(inbox.folder))
                .replace("%2", str(result.originals_sealed))
            )
        for problem in (result.error, result.notice):
            if problem is not None:
                show_error(problem, self)

    def _replace_pages(self, result: scanning.PagesResult) -> None:
        self._set_busy(False)
        self._stop_thumbs()
        self.pages.clear()
        self.modified = False
        self.stored = bool(result.items)
        self.add_pages(result)

    def _failed(self, exc: BaseException) -> None:
        self._progress = None
        self._set_busy(False)
        self._changed()
        show_error(exc, self)

    def _saved(self, ref: BlobRef) -> None:
        self.modified = False
        self.stored = True
        self._set_busy(False)
        self._changed()
        self.document_saved.emit(ref)

    def _attached(self, ref: BlobRef) -> None:
        self.modified = False
        self.stored = True
        self._set_busy(False)
        self._changed()
        self.attached.emit(ref)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder where the copier saves scans"))
        if folder:
            self.watch_folder(Path(folder))
            self._remember()

    def _stop_folder(self) -> None:
        self.watch_folder(None)
        self._remembered["inbox"] = ""
        self._remember()

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import scanned files"), "", self.tr("Documents (%1)").replace("%1", IMPORT_FILTER)
        )
        if paths:
            self.import_files([Path(p) for p in paths])

    # ---- devices and remembered settings -----------------------------------------------------------

    def _settings_loaded(self, values: dict[str, str]) -> None:
        self._remembered = values
        index = self.profile.findData(values.get("profile") or "text")
        self.profile.setCurrentIndex(max(0, index))
        self.auto_rotate.blockSignals(True)
        self.auto_rotate.setChecked(values.get("auto_rotate") == "1")
        self.auto_rotate.blockSignals(False)
        if values.get("inbox"):
            self.watch_folder(Path(values["inbox"]))
        tasks.run_query(scanning.list_devices, self._devices_listed, self._no_devices, owner=self)

    def _devices_listed(self, found: list[tuple[DeviceInfo, Capabilities]]) -> None:
        self.device.blockSignals(True)
        self.device.clear()
        self._caps = {device.id: caps for device, caps in found}
        for device, _caps in found:
            self.device.addItem(device.name, device.id)
        if not found:
            self.device.addItem(self.tr("No scanner found: import files instead"), "")
        wanted = self.device.findData(self._remembered.get("device", ""))
        self.device.setCurrentIndex(max(0, wanted))
        self.device.blockSignals(False)
        self._device_changed()

    def _no_devices(self, _exc: BaseException) -> None:
        self._devices_listed([])

    def _device_changed(self, *_: Any) -> None:
        caps = self._caps.get(self.device.currentData() or "", Capabilities())
        names = {FLATBED: self.tr("Flatbed"), ADF: self.tr("Document feeder")}
        modes = {"gray": self.tr("Grey"), "color": self.tr("Colour"), "lineart": self.tr("Black and white")}
        fill = (
            (self.source, [(names[s], s) for s in caps.sources], "source"),
            (
                self.resolution,
                [(self.tr("%1 dpi").replace("%1", str(r)), r) for r in caps.resolutions],
                "resolution",
            ),
            (self.mode, [(modes[m], m) for m in caps.modes if m in modes], "mode"),
        )
        for combo, entries, key in fill:
            combo.clear()
            for text, data in entries:
                combo.addItem(text, data)
            remembered = self._remembered.get(key, "")
            index = combo.findData(
                int(remembered) if key == "resolution" and remembered.isdigit() else remembered
            )
            if index < 0 and key == "resolution":
                index = combo.findData(200)
            combo.setCurrentIndex(max(0, index))
        self.scan_button.setEnabled(bool(self.device.currentData()) and not self.cancel_button.isEnabled())

    def _remember(self) -> None:
        values = {
            "device": str(self.device.currentData() or ""),
            "source": str(self.source.currentData() or ""),
            "resolution": str(self.resolution.currentData() or ""),
            "mode": str(self.mode.currentData() or ""),
            "profile": str(self.profile.currentData() or "text"),
            "auto_rotate": "1" if self.auto_rotate.isChecked() else "0",
            "inbox": str(inbox.folder) if (inbox := self.folder_watch.inbox) is not None else "",
        }
        # an empty value (devices not listed yet, share unreachable today) keeps what was remembered
        values = {key: value or self._remembered.get(key, "") for key, value in values.items()}
        self._remembered = values
        tasks.run_write(lambda: scanning.save_settings(self.store, values), owner=self)

"""Viewing a stored scan of a dossier: the PDF in a window, or in the system's own PDF program.

A sealed scan (a profile with a store key) comes as its bytes, decrypted in memory and read by the viewer
from a buffer: no clear copy reaches the disk, so no other program can be handed one either."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from desktop.ui.form_helpers import fit_to_screen
from desktop.ui.shortcuts import give_shortcut


class AttachmentViewer(QDialog):
    """Read-only: the blob store file is never modified, so the viewer reads it in place (or from memory)."""

    def __init__(self, source: Path | bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentViewer")
        self.setWindowTitle(title)
        fit_to_screen(self, 820, 980)
        self.path = source if isinstance(source, Path) else None
        self.pdf = QPdfDocument(self)
        if isinstance(source, Path):
            self.pdf.load(str(source))
        else:
            self.buffer = QBuffer(self)
            self.buffer.setData(QByteArray(source))
            self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.pdf.load(self.buffer)
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.external = QPushButton(self.tr("Open in another program"), self)
        give_shortcut(self.external, "Ctrl+Shift+O")
        buttons.addButton(self.external, QDialogButtonBox.ButtonRole.ActionRole)
        self.external.setVisible(self.path is not None)
        self.external.clicked.connect(self.open_externally)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    def page_count(self) -> int:
        return self.pdf.pageCount()

    def open_externally(self) -> None:
        if self.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

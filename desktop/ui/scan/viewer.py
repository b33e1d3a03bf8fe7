"""Full-size view of one page (imported PDF pages are rendered by `desktop.ui.scan.thumbs`)."""

from __future__ import annotations

import io

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QTransform
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.scan.document import PageItem, PdfPageRef
from desktop.scan.pipeline import EncodedPage
from desktop.ui.form_helpers import fit_to_screen
from desktop.ui.scan.thumbs import render_pdf_pages

VIEW_HEIGHT = 1400


def pdf_page_pixmap(ref: PdfPageRef, height: int) -> QPixmap:
    """Render one page of an imported PDF at the given height (unrotated: callers rotate)."""
    image = render_pdf_pages(ref.pdf.data, [ref.index], height).get(ref.index)
    return QPixmap.fromImage(image) if image is not None else QPixmap()


def page_pixmap(page: PageItem, height: int = VIEW_HEIGHT) -> QPixmap:
    """The page as the officer should see it, rotation applied."""
    if isinstance(page, EncodedPage):
        buf = io.BytesIO()
        page.image().save(buf, "PNG")
        pixmap = QPixmap()
        pixmap.loadFromData(buf.getvalue(), "PNG")
        if pixmap.height() > height:
            pixmap = pixmap.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)
        return pixmap
    pixmap = pdf_page_pixmap(page, height)
    if page.rotation and not pixmap.isNull():
        pixmap = pixmap.transformed(QTransform().rotate(page.rotation))
    return pixmap


class PageViewer(QDialog):
    """A scrollable full-size view of one page."""

    def __init__(self, page: PageItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Scanned page"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.image = QLabel(self)
        self.image.setPixmap(page_pixmap(page))
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea(self)
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 900, 1000)

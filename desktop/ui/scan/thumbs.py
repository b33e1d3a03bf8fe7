"""Rendering pages of imported PDFs (QtPdf) for thumbnails and the full-size view.

`render_pdf_pages` loads a document ONCE and renders the pages asked for; `pdf_thumbnails` does that for
every imported PDF among a list of page references, reporting progress per page. Both return QImages
(never QPixmaps), so they may run on a worker thread (`tasks.run_query`); the scan panel turns the
images into pixmaps on the GUI thread. A 2,000-page PDF is loaded once, not once per thumbnail.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument

from desktop.scan.document import ImportedPdf, PdfPageRef
from desktop.scan.pipeline import ProgressFn


def render_pdf_pages(
    data: bytes, indices: Sequence[int], height: int, after_page: Callable[[], None] | None = None
) -> dict[int, QImage]:
    """The pages `indices` of one PDF at `height` pixels (unrotated); pages that fail are left out.

    `after_page()` is called after each page when given; it may raise `Interrupted` to stop.
    """
    content = QByteArray(data)  # kept referenced: the buffer does not own it
    buffer = QBuffer(content)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    images: dict[int, QImage] = {}
    try:
        document.load(buffer)
        ready = document.status() == QPdfDocument.Status.Ready
        count = document.pageCount() if ready else 0
        for index in indices:
            if 0 <= index < count:
                size = document.pagePointSize(index)
                scale = height / max(1.0, size.height())
                image = document.render(index, QSize(max(1, int(size.width() * scale)), height))
                if not image.isNull():
                    images[index] = image
            if after_page is not None:
                after_page()
        return images
    finally:
        document.close()
        buffer.close()


def pdf_thumbnails(
    refs: Sequence[PdfPageRef], height: int, progress: ProgressFn | None = None
) -> list[tuple[PdfPageRef, QImage]]:
    """A thumbnail for each reference, each imported PDF loaded once (worker thread)."""
    groups: dict[int, tuple[ImportedPdf, list[PdfPageRef]]] = {}
    for ref in refs:
        groups.setdefault(id(ref.pdf), (ref.pdf, []))[1].append(ref)
    found: list[tuple[PdfPageRef, QImage]] = []
    done = [0]

    def after_page() -> None:
        done[0] += 1
        if progress is not None:
            progress(done[0], len(refs))

    for pdf, pages in groups.values():
        images = render_pdf_pages(pdf.data, [r.index for r in pages], height, after_page)
        found.extend((r, images[r.index]) for r in pages if r.index in images)
    return found

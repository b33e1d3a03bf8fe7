"""Sending a finished PDF to a printer through Qt: QtPdf renders each page, QPainter paints it on a QPrinter.

Works with whatever the OS offers (CUPS on Linux, the Windows spooler), because QPrinter talks to it.
`print_pdf` may run on a worker thread (QPainter on a QPrinter is allowed off the GUI thread); it creates
and keeps its own QPrinter and QPdfDocument for the whole job. A missing or stopped printer raises
AppError with a message for the officer; the PDF itself is already saved by then. Qt is asked nothing
while the print service does not answer (`desktop.forms.print_service`: its calls would freeze the app).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF, QRect, QSize, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from desktop.core.errors import AppError
from desktop.forms import print_service

PRINT_DPI = 300


def available_printers() -> list[str]:
    return list(QPrinterInfo.availablePrinterNames()) if print_service.answers() else []


def default_printer() -> str:
    return QPrinterInfo.defaultPrinterName() if print_service.answers() else ""


def printer_problem(name: str) -> str | None:
    """Why `name` cannot print now (translated), or None when it looks ready."""
    if not print_service.answers():
        return QCoreApplication.translate(
            "printing",
            "The computer's print service ({server}) does not answer. The PDF is saved; restart the print "
            "service or the computer, then print again.",
        ).format(server=print_service.scheduler())
    if not name:
        return QCoreApplication.translate("printing", "No printer is installed on this computer.")
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        return QCoreApplication.translate(
            "printing", 'The printer "{name}" is not available (disconnected or removed).'
        ).format(name=name)
    if info.state() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        return QCoreApplication.translate("printing", 'The printer "{name}" is offline or stopped.').format(
            name=name
        )
    return None


def load_pdf(source: Path | bytes, into: QPdfDocument | None = None) -> QPdfDocument:
    """The PDF at a path, or from its bytes in memory (a sealed copy is never written out in clear)."""
    doc = into if into is not None else QPdfDocument()
    if isinstance(source, Path):
        error = doc.load(str(source))
    else:
        buffer = QBuffer(doc)  # owned by the document: alive as long as it reads
        buffer.setData(QByteArray(source))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        doc.load(buffer)
        error = doc.error()
    if error != QPdfDocument.Error.None_:
        raise AppError(
            QCoreApplication.translate("printing", "Cannot open the PDF {path}.").format(
                path=source if isinstance(source, Path) else ""
            )
        )
    return doc


def print_pdf(path: Path | bytes, printer_name: str, title: str, dpi: int = PRINT_DPI) -> int:
    """Print every page of the PDF (at `path`, or its bytes) on `printer_name`; returns the pages sent."""
    problem = printer_problem(printer_name)
    if problem is not None:
        raise AppError(problem)
    doc = load_pdf(path)
    try:
        printer = QPrinter(QPrinterInfo.printerInfo(printer_name), QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        printer.setFullPage(True)
        size = doc.pagePointSize(0)
        orientation = (
            QPageLayout.Orientation.Landscape
            if size.width() > size.height()
            else QPageLayout.Orientation.Portrait
        )
        page_size = QPageSize(size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
        if orientation == QPageLayout.Orientation.Landscape:
            page_size = QPageSize(
                size.transposed(), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch
            )
        printer.setPageLayout(QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0)))
        painter = QPainter()
        if not painter.begin(printer):
            raise AppError(
                QCoreApplication.translate("printing", 'The printer "{name}" did not accept the job.').format(
                    name=printer_name
                )
            )
        try:
            for page in range(doc.pageCount()):
                if page:
                    printer.newPage()
                pts = doc.pagePointSize(page)
                image = doc.render(page, QSize(round(pts.width() * dpi / 72), round(pts.height() * dpi / 72)))
                target = painter.viewport()
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.topLeft(), scaled), image)
        finally:
            painter.end()
        return doc.pageCount()
    finally:
        doc.close()

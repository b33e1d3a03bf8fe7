"""Print preview of a form: pages and zoom on screen, the printer remembered per form, one click to print.

Entry point for the screens: `show_print_preview(parent, store, "receipt", code, ...)`; a document made
elsewhere (the fee receipts, the cash statement): `prepared` on a worker, then `open_preview`.
The PDF is built off the GUI thread (`desktop.ui.tasks`), saved under the profile's `printed/` folder
first, then shown in a `QPdfView`. The officer may change the paper (A4, A5, the 80 mm roll for the
receipt) and "2 liên" (receipt); the PDF is then rebuilt off the GUI thread. Printing also runs off the GUI
thread; a successful print remembers printer, paper and copies for that form. When the printer is missing
or offline the officer is told so, and where the saved PDF is.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.forms import print_service
from desktop.services.printing import (
    PrintChoice,
    PrintedDocument,
    PrintJob,
    papers_for,
    produce,
    remember_choice,
    remembered_choice,
)
from desktop.store.engine import Store
from desktop.ui import errors, tasks
from desktop.ui.form_helpers import fit_to_screen
from desktop.ui.printing import available_printers, default_printer, load_pdf, print_pdf, printer_problem
from desktop.ui.shortcuts import give_shortcut

ZOOM_STEP = 1.25


class PrintPreviewDialog(QDialog):
    """Shows one rendered form and prints it on the chosen printer."""

    def __init__(
        self,
        store: Store,
        document: PrintedDocument,
        job: PrintJob,
        remembered: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.store = store
        self.document = document
        self.job = job
        self.printed_pages = 0
        self._generation = 0  # bumped on every rebuild; stale rebuild results are dropped
        self.setWindowTitle(self.tr("Print preview: {title}").format(title=document.title))
        fit_to_screen(self, 900, 1000)

        self.pdf = QPdfDocument(self)
        load_pdf(document.pdf, self.pdf)  # from memory: the kept copy may be sealed
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.printers = QComboBox(self)
        self.printers.setObjectName("printerChoice")
        names = available_printers()
        self.printers.addItems(names)
        wanted = remembered if remembered in names else default_printer()
        if wanted in names:
            self.printers.setCurrentText(wanted)

        self.paper = QComboBox(self)
        self.paper.setObjectName("paperChoice")
        paper_names = {"A4": self.tr("A4"), "A5": self.tr("A5"), "roll80": self.tr("80 mm roll")}
        for key in papers_for(job.form):
            self.paper.addItem(paper_names[key], key)
        self.paper.setCurrentIndex(max(0, self.paper.findData(job.paper)))
        self.paper_label = QLabel(self.tr("Pa&per:"), self)
        self.paper_label.setBuddy(self.paper)
        self.two_copies = QCheckBox(self.tr("&Two copies (2 liên)"), self)
        self.two_copies.setObjectName("twoCopies")
        self.two_copies.setChecked(job.two_copies)
        self.paper.setVisible(self.paper.count() > 1)
        self.paper_label.setVisible(self.paper.count() > 1)
        self.two_copies.setVisible(job.form == "receipt")

        self.page_label = QLabel(self)
        self.page_label.setObjectName("pageLabel")
        self.prev_button = QPushButton(self.tr("Previous page"), self)
        self.next_button = QPushButton(self.tr("Next page"), self)
        self.zoom_out_button = QPushButton(self.tr("Zoom out"), self)
        self.zoom_in_button = QPushButton(self.tr("Zoom in"), self)
        self.fit_button = QPushButton(self.tr("Fit width"), self)
        self.print_button = QPushButton(self.tr("Print"), self)
        self.print_button.setObjectName("printButton")
        self.print_button.setDefault(True)
        self.folder_button = QPushButton(self.tr("Open folder"), self)
        self.close_button = QPushButton(self.tr("&Close"), self)
        self.status = QLabel(self)
        self.status.setObjectName("printStatus")
        self.status.setWordWrap(True)
        self.status.setText(self.tr("Saved as {path}").format(path=document.path))
        self.label_warnings = QLabel(self)  # the refused parts of the profile's label override, in Vietnamese
        self.label_warnings.setObjectName("labelWarnings")
        self.label_warnings.setWordWrap(True)
        self.label_warnings.setStyleSheet("color: #b35900;")
        self._show_label_warnings(document)
        if not names:
            self.print_button.setEnabled(False)
            silent = printer_problem("") if not print_service.answers() else None
            self.status.setText(
                silent + "\n" + self.tr("Saved as {path}").format(path=document.path)
                if silent
                else self.tr("No printer is installed. The PDF is saved as {path}").format(path=document.path)
            )

        bar = QHBoxLayout()
        for w in (
            self.prev_button,
            self.page_label,
            self.next_button,
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_button,
        ):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.paper_label)
        bar.addWidget(self.paper)
        bar.addWidget(self.two_copies)
        # The printer and Print sit under the page, beside Close: in the top row with the paper and
        # "2 liên" the receipt's preview was wider than a 1024-pixel counter screen.
        printer_label = QLabel(self.tr("P&rinter:"), self)
        printer_label.setBuddy(self.printers)
        bottom = QHBoxLayout()
        bottom.addWidget(printer_label)
        bottom.addWidget(self.printers)
        bottom.addWidget(self.print_button)
        bottom.addStretch(1)
        bottom.addWidget(self.folder_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.label_warnings)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(bottom)

        self.prev_button.clicked.connect(lambda: self.go_to(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.current_page() + 1))
        self.zoom_in_button.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        self.fit_button.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.print_button.clicked.connect(self.print_now)
        self.folder_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.reject)
        self.paper.currentIndexChanged.connect(self.rebuild)
        self.two_copies.toggled.connect(self.rebuild)
        self._keyboard()
        self.view.pageNavigator().currentPageChanged.connect(self._update_page_label)
        self._update_page_label()

    # --- paper and copies -------------------------------------------------------------------------------

    def chosen_job(self) -> PrintJob:
        """The job as the paper choice and the "2 liên" box now say."""
        paper = self.paper.currentData() if self.paper.count() else self.job.paper
        return replace(self.job, paper=str(paper), two_copies=self.two_copies.isChecked())

    def rebuild(self, *_: object) -> None:
        """Render the form again for the chosen paper/copies, off the GUI thread, and show it."""
        job = self.chosen_job()
        if job == self.job:
            return
        self._generation += 1
        generation = self._generation
        self.print_button.setEnabled(False)
        self.status.setText(self.tr("Preparing the PDF…"))
        store = self.store
        tasks.run_query(
            lambda: produce(store, job),
            lambda printed: self._rebuilt(generation, job, printed),
            lambda exc: self._rebuild_failed(generation, exc),
            owner=self,
        )

    def _rebuilt(self, generation: int, job: PrintJob, printed: PrintedDocument) -> None:
        if generation != self._generation:
            return
        self.job, self.document = job, printed
        self.pdf.close()
        load_pdf(printed.pdf, self.pdf)
        self.go_to(0)
        self.print_button.setEnabled(self.printers.count() > 0)
        self.status.setText(self.tr("Saved as {path}").format(path=printed.path))
        self._show_label_warnings(printed)

    def _show_label_warnings(self, document: PrintedDocument) -> None:
        self.label_warnings.setText("\n".join(document.warnings))
        self.label_warnings.setVisible(bool(document.warnings))

    def _rebuild_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        for widget in (self.paper, self.two_copies):
            widget.blockSignals(True)
        self.paper.setCurrentIndex(max(0, self.paper.findData(self.job.paper)))
        self.two_copies.setChecked(self.job.two_copies)
        for widget in (self.paper, self.two_copies):
            widget.blockSignals(False)
        self.print_button.setEnabled(self.printers.count() > 0)
        self.status.setText(self.tr("Saved as {path}").format(path=self.document.path))
        errors.show_error(exc, self)

    # --- pages and zoom ---------------------------------------------------------------------------------

    def page_count(self) -> int:
        return self.pdf.pageCount()

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        page = max(0, min(page, self.page_count() - 1))
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())
        self._update_page_label()

    def zoom(self, factor: float) -> None:
        current = self.view.zoomFactor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(current * factor, 5.0)))

    def _update_page_label(self, *_: object) -> None:
        self.page_label.setText(
            self.tr("Page {page}/{pages}").format(page=self.current_page() + 1, pages=self.page_count())
        )
        self.prev_button.setEnabled(self.current_page() > 0)
        self.next_button.setEnabled(self.current_page() < self.page_count() - 1)

    # --- printing -----------------------------------------------------------------------------------------

    def print_now(self) -> None:
        name = self.printers.currentText()
        problem = printer_problem(name)
        if problem is not None:
            self._warn(problem)
            return
        self._printing(True)
        self.status.setText(self.tr("Printing on {name}…").format(name=name))
        pdf, title = self.document.pdf, self.document.title
        tasks.run_query(
            lambda: print_pdf(pdf, name, title),
            lambda pages: self._printed(name, pages),
            self._failed,
            owner=self,
        )

    def _printed(self, name: str, pages: int) -> None:
        self.printed_pages = pages
        self.status.setText(self.tr("Sent {pages} page(s) to {name}.").format(pages=pages, name=name))
        self._printing(False)
        store, form = self.store, self.job.form
        choice = PrintChoice(name, self.job.paper, self.job.two_copies)

        def remember() -> None:
            with store.transaction() as session:
                remember_choice(session, form, choice)

        if not store.read_only:  # a damaged store prints, and keeps the printer it had
            tasks.run_write(remember, owner=self)
        self.accept()

    def _printing(self, busy: bool) -> None:
        """While a job is sent, neither print again nor change what is being printed."""
        for widget in (self.print_button, self.paper, self.two_copies):
            widget.setEnabled(not busy)

    def _failed(self, exc: BaseException) -> None:
        self._printing(False)
        self._warn(errors.user_message(exc))

    def _warn(self, message: str) -> None:
        text = self.tr("{problem}\nThe PDF is saved as {path}").format(
            problem=message, path=self.document.path
        )
        self.status.setText(text)
        errors.warn(self.tr("Cannot print"), text, self, "printProblem")

    def _keyboard(self) -> None:
        """Every button by a key (named in its tooltip), Tab in the order of the rows (issue 21)."""
        for button, keys in (
            (self.prev_button, "Ctrl+PgUp"),
            (self.next_button, "Ctrl+PgDown"),
            (self.zoom_out_button, "Ctrl+-"),
            (self.zoom_in_button, "Ctrl++"),
            (self.fit_button, "Ctrl+0"),
            (self.print_button, "Ctrl+P"),
            (self.folder_button, "Ctrl+Shift+O"),
        ):
            give_shortcut(button, keys)
        order: list[QWidget] = [self.prev_button, self.next_button, self.zoom_out_button, self.zoom_in_button]
        order += [self.fit_button, self.paper, self.two_copies, self.view, self.printers]
        order += [self.print_button, self.folder_button, self.close_button]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.view.setFocus()  # opens on the page (arrows scroll it), not on Print; Enter still prints

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.document.path.parent)))


def _prepare(
    store: Store, job: PrintJob, paper: str | None, two_copies: bool | None
) -> tuple[PrintedDocument, PrintJob, str]:
    """Worker side: fill the paper/copies not given from the choice remembered for this form, render
    and save the PDF; also return the printer last used for this form."""
    with store.session() as session:
        choice = remembered_choice(session, job.form)
    job = replace(
        job,
        paper=choice.paper if paper is None else paper,
        two_copies=choice.two_copies if two_copies is None else two_copies,
    )
    return produce(store, job), job, choice.printer


def prepared(store: Store, document: PrintedDocument) -> tuple[PrintedDocument, PrintJob, str]:
    """Worker side, for a document made elsewhere (the fee receipts and cash statement,
    `desktop.services.fee_documents`: one paper, never rebuilt): it, its job and the printer last used."""
    with store.session() as session:
        printer = remembered_choice(session, document.form).printer
    return document, PrintJob(document.form), printer


_open_dialogs: set[PrintPreviewDialog] = set()


def open_preview(parent: QWidget | None, store: Store, result: tuple[PrintedDocument, PrintJob, str]) -> None:
    """GUI side: open the (non-modal) preview of what `_prepare` or `prepared` returned."""
    printed, used, remembered = result
    dialog = PrintPreviewDialog(store, printed, used, remembered, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open_dialogs.add(dialog)
    dialog.finished.connect(lambda _r: _open_dialogs.discard(dialog))
    dialog.open()


def show_print_preview(
    parent: QWidget | None,
    store: Store,
    form: str,
    dossier_code: str = "",
    *,
    paper: str | None = None,
    two_copies: bool | None = None,
    reprint: bool = False,
    date_from: date | None = None,
    date_to: date | None = None,
) -> Future[tuple[PrintedDocument, PrintJob, str]]:
    """Build the form off the GUI thread, then open the (non-modal) preview. Errors go to show_error.

    `paper`/`two_copies` left as None take the choice remembered for this form (else A4; the receipt
    in "2 liên", the usual practice)."""
    job = PrintJob(form, dossier_code, "A4", False, reprint, date_from, date_to)
    return tasks.run_query(
        lambda: _prepare(store, job, paper, two_copies),
        lambda result: open_preview(parent, store, result),
        owner=parent,
    )

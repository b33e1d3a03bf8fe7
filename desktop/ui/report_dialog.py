"""Reports → Make a report…: the kind (form II.06a, the register, satisfaction, fees), the period (or the
register's dates), the format; the file is chosen, made off the GUI thread with a busy bar, then opened.
Below, the form II.06a reports made before (their snapshots, `desktop.services.report_snapshots`), newest
first; Enter or a double click opens one's file.

The same services as `motcua report …` (`desktop.services.reports`). A malformed period is refused in the
dialog's error line before anything runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QLineEdit,
    QProgressBar,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from desktop.core import limits
from desktop.core.errors import ValidationError
from desktop.core.period import Period, parse_period
from desktop.core.timeutil import today_local
from desktop.forms import periodic
from desktop.services import report_snapshots, reports
from desktop.services.report_snapshots import Snapshot
from desktop.store.engine import Store
from desktop.ui import tasks
from desktop.ui.dossier.dialogs import NO_PROBLEM, Problem, _ActionDialog
from desktop.ui.form_helpers import show_failure, show_inline_error
from desktop.ui.text_limit import limit

# kind -> the formats it can be saved as
FORMATS = {
    "periodic": (".pdf", ".xlsx"),
    "register": (".xlsx",),
    "satisfaction": (".pdf",),
    "fees": (".pdf", ".xlsx"),
}


def open_file(path: Path) -> None:
    """Open the saved report in the system's viewer (tests replace this)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ReportDialog(_ActionDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Make a report"),
            self.tr("The report is saved to a file of your choice and opened."),
            self.tr("&Save…"),
            parent,
        )
        self.setObjectName("reportDialog")
        self.store = store
        self.saved: Path | None = None
        self.kind = QComboBox(self)
        self.kind.setObjectName("reportKind")
        for text, key in (
            (self.tr("Results of handling procedures (form II.06a)"), "periodic"),
            (self.tr("Tracking register (form 07)"), "register"),
            (self.tr("Satisfaction of applicants"), "satisfaction"),
            (self.tr("Fee statement"), "fees"),
        ):
            self.kind.addItem(text, key)
        today = today_local()
        self.period = QLineEdit(f"{today.year}-Q{(today.month - 1) // 3 + 1}", self)
        limit(self.period, limits.PERIOD)
        self.period.setObjectName("reportPeriod")
        self.period.setPlaceholderText(self.tr("e.g. 2026-Q4, 2026-11, 2026"))
        self.cutoff = QCheckBox(self.tr("Cut-off dates (from the 15th to the 14th)"), self)
        self.cutoff.setObjectName("reportCutoff")
        self.date_from = QDateEdit(QDate(today.year, today.month, 1), self)
        self.date_to = QDateEdit(QDate(today.year, today.month, today.day), self)
        for edit, name in ((self.date_from, "reportFrom"), (self.date_to, "reportTo")):
            edit.setObjectName(name)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
        self.format = QComboBox(self)
        self.format.setObjectName("reportFormat")
        self.busy = QProgressBar(self)
        self.busy.setObjectName("reportBusy")
        self.busy.setRange(0, 0)  # busy: the report has no steps to count
        self.busy.hide()
        self.form.addRow(self.tr("&Report"), self.kind)
        self.form.addRow(self.tr("&Period"), self.period)
        self.form.addRow("", self.cutoff)
        self.form.addRow(self.tr("&From"), self.date_from)
        self.form.addRow(self.tr("&To"), self.date_to)
        self.form.addRow(self.tr("F&ormat"), self.format)
        self.form.addRow(self.busy)
        self.history = QTreeWidget(self)
        self.history.setObjectName("reportHistory")
        self.history.setRootIsDecorated(False)
        self.history.setHeaderLabels([self.tr("Made"), self.tr("Period"), self.tr("Received"),
                                      self.tr("Resolved"), self.tr("In progress"), self.tr("Not synced"),
                                      self.tr("File")])  # fmt: skip
        self.history.itemActivated.connect(self._open_previous)
        self.form.addRow(self.tr("Reports made &before"), self.history)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        tasks.run_query(lambda: report_snapshots.list_snapshots(store, 50), self._show_history, owner=self)

    def _show_history(self, snapshots: Sequence[Snapshot]) -> None:
        self.history.clear()
        for s in snapshots:
            figures = [str(s.figures.get(str(n), 0)) for n in (3, 7, 11)]
            item = QTreeWidgetItem([f"{s.made_at:%d/%m/%Y %H:%M}", s.label, *figures, str(s.unsynced),
                                    Path(s.file).name])  # fmt: skip
            item.setData(0, Qt.ItemDataRole.UserRole, s.file)
            item.setToolTip(6, s.file)
            self.history.addTopLevelItem(item)
        for column in range(self.history.columnCount() - 1):
            self.history.resizeColumnToContents(column)

    def _open_previous(self, item: QTreeWidgetItem) -> None:
        open_file(Path(item.data(0, Qt.ItemDataRole.UserRole)))

    def _kind_changed(self) -> None:
        key = self.kind.currentData()
        register = key == "register"
        for widget in (self.period, self.cutoff, self.date_from, self.date_to):
            widget.setEnabled(register == isinstance(widget, QDateEdit))
        self.format.clear()
        for suffix in FORMATS[key]:
            self.format.addItem("PDF" if suffix == ".pdf" else self.tr("Excel (XLSX)"), suffix)

    def chosen_period(self) -> Period:
        return parse_period(self.period.text(), cutoff=self.cutoff.isChecked())

    def dates(self) -> tuple[date, date]:
        a, b = self.date_from.date(), self.date_to.date()
        return date(a.year(), a.month(), a.day()), date(b.year(), b.month(), b.day())

    def problem(self) -> Problem:
        if self.kind.currentData() == "register":
            first, last = self.dates()
            if last < first:
                return self.tr("The end date must not be before the start date."), self.date_to
            return NO_PROBLEM
        try:
            self.chosen_period()
        except ValidationError as exc:
            return str(exc), self.period
        return NO_PROBLEM

    def suggested_name(self) -> str:
        key = self.kind.currentData()
        if key == "register":
            first, last = self.dates()
            subject = f"{first:%Y%m%d}-{last:%Y%m%d}"
        else:
            period = self.chosen_period()
            subject = f"{period.start:%Y%m%d}-{period.end:%Y%m%d}"
        names = {
            "periodic": "bieu-II.06a",
            "register": "so-theo-doi",
            "satisfaction": "hai-long",
            "fees": "phi",
        }
        return f"{names[key]}-{subject}{self.format.currentData()}"

    def choose_path(self, suggested: str) -> Path | None:
        """Where to save (tests replace this); None when the officer cancels. The dialog opens in the
        officer's Documents folder, not under the profile: a register or a fee statement lists citizens'
        names, and the profile keeps only sealed copies (its `printed/` among them)."""
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = str(Path(documents or Path.home()) / suggested)
        suffix = self.format.currentData()
        pattern = f"{self.format.currentText()} (*{suffix})"
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the report"), start, pattern)
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def accept(self) -> None:
        message, field = self.problem()
        show_inline_error(self.error, message, field)
        if message:
            return
        path = self.choose_path(self.suggested_name())
        if path is None:
            return
        key, store = self.kind.currentData(), self.store
        if key == "register":
            first, last = self.dates()

            def work() -> Path:
                reports.register_report(store, first, last, path)
                return path

        elif key == "periodic":  # the document off the GUI thread, then its snapshot on the writer
            period = self.chosen_period()

            def made(view: periodic.PeriodicReportView) -> None:
                def keep() -> Path:
                    report_snapshots.record_periodic(store, period, view, path)
                    return path

                tasks.run_write(keep, self._done, self._failed, owner=self)

            self._running(True)
            tasks.run_query(
                lambda: reports.write_periodic(store, period, path), made, self._failed, owner=self
            )
            return
        else:
            period = self.chosen_period()
            make = {"satisfaction": reports.satisfaction_report, "fees": reports.fee_report}[key]

            def work() -> Path:
                make(store, period, path)
                return path

        self._running(True)
        tasks.run_query(work, self._done, self._failed, owner=self)

    def _running(self, running: bool) -> None:
        self.busy.setVisible(running)
        self.buttons.setEnabled(not running)
        for widget in (self.kind, self.format):
            widget.setEnabled(not running)

    def _done(self, path: Path) -> None:
        self._running(False)
        self.saved = path
        open_file(path)
        QDialog.accept(self)

    def _failed(self, exc: BaseException) -> None:
        self._running(False)
        show_failure(self.error, exc, {"output": self.format, "period": self.period}, self)

"""The report documents (issue 17, lifecycle §6.4): the periodic report (Biểu số II.06a), the register
(form 07) as a spreadsheet, the satisfaction report and the fee statement of a period.

Each `*_report(store, …, output)` reads the store in one session, renders the document in the format the
output's suffix names (`.pdf` or `.xlsx`) and writes it atomically; a Vietnamese ValidationError for an
unknown suffix, a StorageError when the file cannot be written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.core.errors import ValidationError
from desktop.core.period import Kind, Period
from desktop.core.periodic import tabulate
from desktop.core.timeutil import now_local
from desktop.forms import labels, periodic, register, satisfaction
from desktop.forms.fees import CashStatementView, build_statement, statement_xlsx
from desktop.forms.model import PrintOptions, RegisterView
from desktop.services.fee_documents import period_statement_view
from desktop.services.form_data import load_register_view, register_unit, unit_view
from desktop.services.printing import write_file
from desktop.services.report_snapshots import record_periodic
from desktop.store import reports
from desktop.store.engine import Store

FORMATS = {".pdf": "PDF", ".xlsx": "Excel"}


def output_format(output: Path, allowed: tuple[str, ...] = (".pdf", ".xlsx")) -> str:
    """The suffix of `output` (".pdf" or ".xlsx"), or a ValidationError naming the allowed ones."""
    suffix = output.suffix.lower()
    if suffix not in allowed:
        names = " hoặc ".join(allowed)
        raise ValidationError(f"Tệp kết quả '{output.name}' phải có đuôi {names}.", "output")
    return suffix


def period_text(period: Period) -> str:
    """'Quý IV/2026 (từ ngày 01/10/2026 đến ngày 31/12/2026)': the period's name with its days."""
    label = period.label_vi()
    if period.cutoff or period.kind is Kind.RANGE:
        return label  # names its days already
    return f"{label} (từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y})"


def periodic_view(store: Store, period: Period) -> periodic.PeriodicReportView:
    now = now_local()
    start, end = period.bounds()
    with store.session() as session:
        rows = reports.periodic_rows(session, start, end, min(end, now))
        unsynced = reports.unsynced_count(session, start, end)
        unit = register_unit(session)
        view_unit, province = unit_view(unit), unit.province
    table = tabulate(rows, start, end, now)
    return periodic.PeriodicReportView(view_unit, province, period_text(period), table, unsynced, now)


def periodic_report(store: Store, period: Period, output: Path) -> periodic.PeriodicReportView:
    """Biểu số II.06a for `period`, written to `output` (PDF or XLSX by its suffix) and kept as a snapshot
    (`desktop.services.report_snapshots`)."""
    view = write_periodic(store, period, output)
    record_periodic(store, period, view, output)
    return view


def write_periodic(store: Store, period: Period, output: Path) -> periodic.PeriodicReportView:
    """The document of `periodic_report` alone (reads the store, writes only the file)."""
    suffix = output_format(output)
    view = periodic_view(store, period)
    if suffix == ".pdf":
        data = periodic.build_pdf(view, PrintOptions(printed_at=view.made_at))
    else:
        data = periodic.build_xlsx(view)
    write_file(output, data, FORMATS[suffix])
    return view


def register_report(store: Store, first: date, last: date, output: Path) -> RegisterView:
    """The tracking register (form 07) of the dossiers received from `first` to `last`, as XLSX: the
    rows the printed register is made of (`form_data.load_register_view`)."""
    output_format(output, (".xlsx",))
    with labels.profile_labels(store.profile.root), store.session() as session:
        view = load_register_view(session, first, last)
        data = register.build_xlsx(view)
    write_file(output, data, "Excel")
    return view


def satisfaction_report(store: Store, period: Period, output: Path) -> satisfaction.SatisfactionView:
    """Ratings per level and the reasons of the dissatisfied, for `period`, as PDF."""
    output_format(output, (".pdf",))
    now = now_local()
    with store.session() as session:
        given = reports.ratings(session, *period.bounds())
        unit = unit_view(register_unit(session))
    view = satisfaction.SatisfactionView(unit, period_text(period), tuple(given), now)
    write_file(output, satisfaction.build_pdf(view, PrintOptions(printed_at=now)), "PDF")
    return view


def fee_report(store: Store, period: Period, output: Path) -> CashStatementView:
    """Every receipt line of `period` with the sums per fee, kind and method, as PDF or XLSX."""
    suffix = output_format(output)
    with store.session() as session:
        view = period_statement_view(session, period.start, period.end, period_text(period))
    if suffix == ".pdf":
        data = build_statement(view, PrintOptions(printed_at=now_local()))
    else:
        data = statement_xlsx(view)
    write_file(output, data, FORMATS[suffix])
    return view

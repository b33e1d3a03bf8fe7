"""The report documents (issue 17, lifecycle §6.4): the periodic report (Biểu số II.06a), the register
(form 07) as a spreadsheet, the satisfaction report and the fee statement of a period.

Each `*_report(store, …, output)` reads the store in one session, renders the document in the format the
output's suffix names (`.pdf` or `.xlsx`) and writes it atomically; a Vietnamese ValidationError for an
unknown suffix, a StorageError when the file cannot be written.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.errors import ValidationError
from desktop.core.periodic import tabulate
from desktop.core.report_period import Period
from desktop.core.timeutil import now_local
from desktop.forms import periodic
from desktop.forms.model import PrintOptions
from desktop.services.form_data import register_unit, unit_view
from desktop.services.printing import write_file
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


def periodic_view(store: Store, period: Period) -> periodic.PeriodicReportView:
    now = now_local()
    with store.session() as session:
        rows = reports.periodic_rows(session, period.start_at, period.end_at, min(period.end_at, now))
        unsynced = reports.unsynced_count(session, period.start_at, period.end_at)
        unit = register_unit(session)
        view_unit, province = unit_view(unit), unit.province
    table = tabulate(rows, period.start_at, period.end_at, now)
    return periodic.PeriodicReportView(view_unit, province, period.label, period.dates, table, unsynced, now)


def periodic_report(store: Store, period: Period, output: Path) -> periodic.PeriodicReportView:
    """Biểu số II.06a for `period`, written to `output` (PDF or XLSX by its suffix)."""
    suffix = output_format(output)
    view = periodic_view(store, period)
    if suffix == ".pdf":
        data = periodic.build_pdf(view, PrintOptions(printed_at=view.made_at))
    else:
        data = periodic.build_xlsx(view)
    write_file(output, data, FORMATS[suffix])
    return view

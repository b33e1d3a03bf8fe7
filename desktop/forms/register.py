"""Mẫu 07: the dossier tracking register (Sổ theo dõi hồ sơ) over a date range, on landscape A4.

Fourteen columns; the table flows over as many pages as needed with its header row repeated.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.core.timeutil import now_local
from desktop.forms import labels, layout
from desktop.forms.layout import esc, para
from desktop.forms.model import PrintOptions, RegisterView
from desktop.forms.xlsx import Cell, Sheet, workbook

FORM = "register"
# relative column widths (mm, scaled to the landscape A4 frame)
_WIDTHS = (9, 37, 30, 12, 26, 30, 22, 17, 17, 19, 17, 15, 12, 14)


def story(r: RegisterView, p: layout.Paper, when: datetime) -> list[Flowable]:
    st = layout.styles(p.name)
    out: list[Flowable] = [layout.national_header(r.unit, p, when)]
    out.append(para(esc(labels.text(FORM, "title")), st.title))
    out.append(
        para(
            esc(
                labels.text(
                    FORM,
                    "range",
                    date_from=labels.short_date(r.date_from),
                    date_to=labels.short_date(r.date_to),
                )
            ),
            st.center_italic,
        )
    )
    scale = p.frame_width / (sum(_WIDTHS) * mm)
    widths = [w * mm * scale for w in _WIDTHS]
    rows = [[_text(value) for value in row] for row in values(r)]
    header = [str(c) for c in labels.raw(FORM, "cols")]
    out.append(Spacer(1, p.size))
    if rows:
        out.append(layout.table(p, header, rows, widths, center_cols=(0, 3)))
    else:
        out += [layout.table(p, header, [], widths), para(esc(labels.text(FORM, "empty")), st.center_italic)]
    return out


def values(r: RegisterView) -> list[list[Cell]]:
    """The register's cells, row by row, as values (times as datetimes): the PDF prints them, the
    spreadsheet keeps them as numbers and dates."""
    return [
        [
            i,
            row.code,
            row.procedure_name,
            row.sets_count,
            row.applicant_name,
            row.applicant_contact,
            row.processing_unit,
            row.received_at,
            row.due_at,
            row.handed_over_at,
            row.result_ready_at,
            row.returned_at,
            "",
            row.note,
        ]
        for i, row in enumerate(r.rows, 1)
    ]


def _text(value: Cell) -> str:
    if isinstance(value, datetime):
        return _dt(value)
    return "" if value is None else str(value)


def _dt(value: datetime | None) -> str:
    if value is None:
        return ""
    parts = labels.date_parts(value)
    return f"{parts['hour']}:{parts['minute']} {labels.short_date(value)}"


def build_xlsx(r: RegisterView) -> bytes:
    """The register as a spreadsheet: the same columns and rows as the printed form."""
    heading = [
        r.unit.parent_name,
        labels.text(FORM, "title"),
        labels.text(
            FORM, "range", date_from=labels.short_date(r.date_from), date_to=labels.short_date(r.date_to)
        ),
    ]
    header = [str(c) for c in labels.raw(FORM, "cols")]
    sheet = Sheet("Sổ theo dõi hồ sơ", heading, header, values(r), widths=[w * 0.9 for w in _WIDTHS])
    return workbook([sheet])


def build(r: RegisterView, options: PrintOptions) -> bytes:
    p = layout.paper("A4-landscape")
    title = f"{labels.text(FORM, 'title')} {labels.short_date(r.date_from)}-{labels.short_date(r.date_to)}"
    return layout.build_pdf(p, [story(r, p, options.printed_at or now_local())], options, title, r.unit.name)

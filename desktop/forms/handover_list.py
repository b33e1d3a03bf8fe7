"""The batch hand-over list (Danh sách bàn giao hồ sơ): the dossiers the counter hands to a processing body
in one go, with both sides' signatures. Landscape A4; the table flows over pages with its header repeated.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.forms import labels, layout
from desktop.forms.layout import esc, para, rich
from desktop.forms.model import HandOverListView, PrintOptions, list_number

FORM = "handover_list"
# relative column widths (mm, scaled to the landscape A4 frame)
_WIDTHS = (10, 40, 62, 42, 13, 15, 26, 26, 26)


def _dt(value: datetime | None) -> str:
    if value is None:
        return ""
    parts = labels.date_parts(value)
    return f"{parts['hour']}:{parts['minute']} {labels.short_date(value)}"


def story(v: HandOverListView, p: layout.Paper) -> list[Flowable]:
    st = layout.styles(p.name)
    out: list[Flowable] = [layout.national_header(v.unit, p, v.handed_over_at)]
    out.append(para(esc(labels.text(FORM, "title")), st.title))
    out.append(para(esc(labels.text(FORM, "number", number=list_number(v.batch_id))), st.center_italic))
    out.append(Spacer(1, p.size * 0.5))
    out.append(para(rich(FORM, "time", value=labels.long_time(v.handed_over_at)), st.body))
    out.append(para(rich(FORM, "giver", reception=v.unit.reception_name, unit=v.unit.name), st.body))
    out.append(para(rich(FORM, "taker", to_unit=v.to_unit), st.body))
    if v.to_person:
        out.append(para(rich(FORM, "taker_person", name=v.to_person), st.body))
    scale = p.frame_width / (sum(_WIDTHS) * mm)
    widths = [w * mm * scale for w in _WIDTHS]
    rows = [
        [
            str(i),
            row.code,
            row.procedure_name,
            row.applicant_name,
            str(row.sets_count),
            str(row.documents_count),
            _dt(row.received_at),
            _dt(row.due_at),
            "",
        ]
        for i, row in enumerate(v.rows, 1)
    ]
    header = [str(c) for c in labels.raw(FORM, "cols")]
    out += [Spacer(1, p.size * 0.5), layout.table(p, header, rows, widths, center_cols=(0, 4, 5))]
    out.append(para(esc(labels.text(FORM, "total", count=len(v.rows))), st.body))
    hint = labels.text("common", "sign_hint")
    out.append(
        layout.signatures(
            p,
            [
                (labels.text(FORM, "giver_sign"), hint, v.officer_name),
                (labels.text(FORM, "taker_sign"), hint, v.to_person),
            ],
        )
    )
    return out


def build(v: HandOverListView, options: PrintOptions) -> bytes:
    p = layout.paper("A4-landscape")
    title = f"{labels.text(FORM, 'title')} {list_number(v.batch_id)}"
    return layout.build_pdf(p, [story(v, p)], options, title, v.unit.name)

"""Mẫu 06: process control slip (Phiếu kiểm soát quá trình giải quyết hồ sơ).

One row per hand-over recorded in the store (the first is the counter handing the dossier to the
processing body), then blank rows the bodies fill in by hand as the dossier travels.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from desktop.core.errors import ValidationError
from desktop.forms import fonts, labels, layout
from desktop.forms.layout import esc, para, plain, rich
from desktop.forms.model import DossierView, HandOverView, PrintOptions

FORM = "control"


def _sign_box(p: layout.Paper, width: float) -> Table:
    st = layout.styles(p.name)
    box = Table(
        [
            [
                para(esc(labels.text(FORM, "giver")), st.cell_center),
                para(esc(labels.text(FORM, "taker")), st.cell_center),
            ],
            ["", ""],
        ],
        colWidths=[width / 2, width / 2],
        rowHeights=[None, 12 * mm],
    )
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return box


def _row(p: layout.Paper, h: HandOverView | None, widths: list[float]) -> list[object]:
    st = layout.styles(p.name)
    if h is None:
        body: list[Flowable] = [
            para(esc(line), st.cell) for line in labels.text(FORM, "blank_body").split("\n")
        ]
        when = labels.long_time(None)
        result, note = "", ""
    else:
        body = [
            para(plain(FORM, "give", from_name=h.from_name), st.cell),
            para(plain(FORM, "take", to_name=h.to_name), st.cell),
        ]
        when, result, note = labels.long_time(h.at), h.result, h.note
    time_cell: list[Flowable] = [para(esc(when), st.cell), Spacer(1, 1 * mm), _sign_box(p, widths[1] - 6)]
    return [body, time_cell, para(esc(result), st.cell_center), para(esc(note), st.cell)]


def story(d: DossierView, p: layout.Paper) -> list[Flowable]:
    st = layout.styles(p.name)
    out: list[Flowable] = [layout.national_header(d.unit, p, d.received_at, d.code)]
    out += layout.title_block(p, labels.text(FORM, "title"), d.code)
    out.append(para(esc(labels.text(FORM, "attached", name=d.applicant_name)), st.center_italic))
    out.append(Spacer(1, p.size * 0.5))
    out.append(para(rich(FORM, "place", reception=d.unit.reception_name, unit=d.unit.name), st.body))
    out.append(para(rich(FORM, "received", value=labels.long_time(d.received_at)), st.body))
    due = d.extended_due_at or d.due_at
    out.append(para(rich(FORM, "due", value=labels.long_time(due)), st.body))
    w = p.frame_width
    widths = [w * 0.30, w * 0.34, w * 0.18, w * 0.18]
    header = [
        para(esc(labels.text(FORM, k)), st.cell_head)
        for k in ("col_body", "col_time", "col_result", "col_note")
    ]
    rows: list[list[object]] = [list(header)]
    rows += [_row(p, h, widths) for h in d.handovers]
    rows += [_row(p, None, widths) for _ in range(int(labels.raw(FORM, "blank_rows")))]
    t = Table(rows, colWidths=widths, repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                ("VALIGN", (0, 1), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    out += [Spacer(1, p.size * 0.5), t]
    return out


def build(d: DossierView, options: PrintOptions) -> bytes:
    p = layout.paper(options.paper)
    if p.name == "roll80":
        raise ValidationError("Khổ giấy cuộn 80 mm chỉ dùng cho phiếu hẹn trả kết quả.", "paper")
    return layout.build_pdf(p, [story(d, p)], options, labels.text(FORM, "title") + " " + d.code, d.unit.name)

"""Mẫu 01: receipt and appointment slip (Giấy tiếp nhận hồ sơ và hẹn trả kết quả), A4 or A5.

"2 liên" prints the slip twice, one copy kept with the process control slip, one for the applicant; on an
80 mm roll the short appointment slip (`desktop.forms.slip`) is printed instead.

A copy that would run onto a second page only because of long names or an address (each at most its limit,
`desktop.core.limits`) is set up to `TIGHTEN` points smaller, so that it stays on one page; a long list of
papers still flows onto more pages at the normal size.
"""

from __future__ import annotations

import dataclasses

from reportlab.platypus import Flowable

from desktop.forms import labels, layout, slip
from desktop.forms.layout import esc, para, rich
from desktop.forms.model import DossierView, PrintOptions

FORM = "receipt"
TIGHTEN = (0.5, 1.0, 1.5, 2.0)  # points off the body size, tried in turn


def story(d: DossierView, p: layout.Paper, copy_label: str = "") -> list[Flowable]:
    st = layout.styles(p.name, p.size)
    out: list[Flowable] = [layout.national_header(d.unit, p, d.received_at, d.code, with_qr=True)]
    out += layout.title_block(p, labels.text(FORM, "title"), d.code, copy_label, barcode=True)

    def line(key: str, **values: object) -> None:
        out.append(para(rich(FORM, key, **values), st.body))

    line("reception", reception=d.unit.reception_name, unit=d.unit.name)
    line("received_from", name=d.applicant_name)
    if d.submitter_name and d.submitter_name != d.applicant_name:
        line("submitter", name=d.submitter_name)
    if d.applicant_id_number:
        line("id_number", value=d.applicant_id_number)
    if d.applicant_address:
        line("address", value=d.applicant_address)
    if d.applicant_phone:
        line("phone", value=d.applicant_phone)
    if d.applicant_email:
        line("email", value=d.applicant_email)
    extra = d.summary if d.summary and d.summary != d.procedure_name else ""
    request = d.procedure_name + (f" ({extra})" if extra else "")
    line("request", value=request)
    due = labels.long_time(d.due_at) if d.due_at else labels.text(FORM, "due_unset")
    numbered: list[str | Flowable] = [
        esc(labels.text(FORM, "item_documents")),
        layout.document_table(p, d.documents),
        rich(FORM, "item_sets", count=d.sets_count),
    ]
    if d.time_text:
        numbered.append(rich(FORM, "item_time", value=d.time_text))
    numbered += [
        rich(FORM, "item_received", value=labels.long_time(d.received_at)),
        rich(FORM, "item_due", value=due),
        rich(FORM, "item_delivery", value=layout.delivery_text(d)),
    ]
    if d.fee_text:
        numbered.append(rich(FORM, "item_fee", value=d.fee_text))
    out += layout.items(p, numbered)
    if d.register_book or d.register_number is not None:
        book = d.register_book or "……"
        number = d.register_number if d.register_number is not None else "……"
        line("register", book=book, number=number)
    out.append(
        layout.signatures(
            p,
            [
                (
                    labels.text(FORM, "sign_left"),
                    labels.text("common", "sign_hint"),
                    d.submitter_name or d.applicant_name,
                ),
                (labels.text(FORM, "sign_right"), labels.text("common", "sign_hint"), d.officer_name),
            ],
        )
    )
    return out


def build(d: DossierView, options: PrintOptions) -> bytes:
    if options.paper == "roll80":
        return slip.build(d, options)
    p = _fitting(
        d, layout.paper(options.paper), labels.text("common", "copy_1") if options.two_copies else ""
    )
    if options.two_copies:
        copies = [story(d, p, labels.text("common", "copy_1")), story(d, p, labels.text("common", "copy_2"))]
    else:
        copies = [story(d, p)]
    return layout.build_pdf(p, copies, options, labels.text(FORM, "title") + " " + d.code, d.unit.name)


def _fitting(d: DossierView, p: layout.Paper, copy_label: str) -> layout.Paper:
    """`p`, or `p` at a smaller body size when that keeps each copy of the receipt on one page."""
    if layout.fits_one_page(p, story(d, p, copy_label)):
        return p
    for points in TIGHTEN:
        smaller = dataclasses.replace(p, size=p.size - points)
        if layout.fits_one_page(smaller, story(d, smaller, copy_label)):
            return smaller
    return p

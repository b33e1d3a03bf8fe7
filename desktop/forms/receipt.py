"""Mẫu 01: receipt and appointment slip (Giấy tiếp nhận hồ sơ và hẹn trả kết quả), A4 or A5.

"2 liên" prints the slip twice, one copy kept with the process control slip, one for the applicant; on an
80 mm roll the short appointment slip (`desktop.forms.slip`) is printed instead.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from desktop.forms import labels, layout, slip
from desktop.forms.layout import esc, para, rich
from desktop.forms.model import DossierView, PrintOptions

FORM = "receipt"


def story(d: DossierView, p: layout.Paper, copy_label: str = "") -> list[Flowable]:
    st = layout.styles(p.name)
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
    p = layout.paper(options.paper)
    if options.two_copies:
        copies = [story(d, p, labels.text("common", "copy_1")), story(d, p, labels.text("common", "copy_2"))]
    else:
        copies = [story(d, p)]
    return layout.build_pdf(p, copies, options, labels.text(FORM, "title") + " " + d.code, d.unit.name)

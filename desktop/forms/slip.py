"""The short appointment slip for 80 mm roll printers: who, what, when to come back, and the QR.

The page is as long as its content. No Code 128 here: at >= 0.33 mm bars it is wider than the roll.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.forms import labels, layout
from desktop.forms.codes import QrFlowable, qr_payload
from desktop.forms.layout import esc, para, rich
from desktop.forms.model import DossierView, PrintOptions

FORM = "slip"


def _when(value: datetime | None) -> str:
    if value is None:
        return labels.text("receipt", "due_unset")
    return labels.text(FORM, "short_time", **labels.date_parts(value, numeric=True))


def story(d: DossierView, p: layout.Paper, copy_label: str = "") -> list[Flowable]:
    st = layout.styles(p.name)
    qr = QrFlowable(qr_payload(d.code, d.unit.lookup_url), module=p.qr_module)
    qr.hAlign = "CENTER"
    out: list[Flowable] = [
        para(esc(d.unit.parent_name.upper()), st.center),
        para(esc(d.unit.reception_name.upper()), st.center_bold),
        *layout.title_block(p, labels.text(FORM, "title"), d.code, copy_label),
        qr,
        Spacer(1, 2 * mm),
    ]
    for key, value in (
        ("name", d.applicant_name),
        ("procedure", d.procedure_name),
        ("received", _when(d.received_at)),
        ("due", _when(d.due_at)),
        ("delivery", layout.delivery_text(d)),
        ("officer", d.officer_name),
    ):
        if value:
            out.append(para(rich(FORM, key, value=value), st.body))
    if d.unit.lookup_url:
        out.append(para(esc(labels.text(FORM, "lookup")), st.center_italic))
    out.append(para(esc(layout.place_date(d.unit, d.received_at)), st.center_italic))
    return out


def build(d: DossierView, options: PrintOptions) -> bytes:
    p = layout.paper("roll80")
    copies = [story(d, p)]
    if options.two_copies:
        copies = [story(d, p, labels.text("common", "copy_1")), story(d, p, labels.text("common", "copy_2"))]
    return layout.build_pdf(p, copies, options, labels.text(FORM, "title") + " " + d.code, d.unit.name)

"""Mẫu 02, 03, 04 and 05, and the result hand-over receipt: the letters about one dossier that share a shape.

Header, title, dossier code, a few paragraphs from the labels, one signature block on the right:
02 request to supplement (what is missing and why), 03 refusal (the reason), 04 apology and extension
(the original and the proposed new date, the reason for the delay), 05 notice of stopping (the reason).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from reportlab.platypus import Flowable, Table

from desktop.core.errors import ValidationError
from desktop.core.timeutil import now_local
from desktop.forms import labels, layout
from desktop.forms.layout import esc, para, plain, rich
from desktop.forms.model import DossierView, PrintOptions


def _frame(d: DossierView, p: layout.Paper, form: str, when: datetime) -> list[Flowable]:
    out: list[Flowable] = [layout.national_header(d.unit, p, when, d.code)]
    out += layout.title_block(p, labels.text(form, "title"), d.code)
    return out


def _opening(d: DossierView, p: layout.Paper, form: str, when: datetime) -> list[Flowable]:
    """The frame, then who received the dossier from whom, and for which procedure (02 and 03)."""
    st = layout.styles(p.name)
    out = _frame(d, p, form, when)
    intro = rich(form, "intro", reception=d.unit.reception_name, unit=d.unit.name, name=d.applicant_name)
    out.append(para(intro, st.body))
    out.append(para(rich(form, "request", value=d.procedure_name), st.body))
    return out


def _signature(p: layout.Paper, title: str, hint: str, name: str) -> Table:
    blank = ("", "", "")
    return layout.signatures(p, [blank, (title, hint, name)])


def _require(value: str, what: str) -> str:
    if not value.strip():
        raise ValidationError(f"Hồ sơ chưa có {what}: hãy ghi {what} trước khi in.", "reason")
    return value


def supplement(d: DossierView, p: layout.Paper, when: datetime) -> list[Flowable]:
    form = "supplement"
    st = layout.styles(p.name)
    out = _opening(d, p, form, when)
    out.append(para(rich(form, "received", value=labels.long_time(d.received_at)), st.body))
    out.append(para(esc(labels.text(form, "body")), st.body))
    # what was asked for, and required papers not received; an optional ("nếu có") paper the citizen did not
    # bring is not something to supplement unless the officer asked for it
    missing = [doc for doc in d.documents if doc.missing_note or not (doc.received or doc.optional)]
    lines = [
        plain(form, "missing_line", name=doc.name, note=doc.missing_note)
        if doc.missing_note
        else esc(doc.name)
        for doc in missing
    ]
    if not lines and not d.reason:
        raise ValidationError("Chưa ghi giấy tờ cần bổ sung hoặc lý do yêu cầu bổ sung.", "reason")
    out += layout.items(p, lines)
    if d.reason:
        out.append(para(rich(form, "reason", value=d.reason), st.body))
    officer = d.officer_name or "……"
    out.append(
        para(
            esc(
                labels.text(
                    form, "contact", reception=d.unit.reception_name, unit=d.unit.name, officer=officer
                )
            ),
            st.prose,
        )
    )
    out.append(_signature(p, labels.text(form, "sign"), labels.text("common", "sign_hint"), d.officer_name))
    return out


def refusal(d: DossierView, p: layout.Paper, when: datetime) -> list[Flowable]:
    form = "refusal"
    st = layout.styles(p.name)
    reason = _require(d.reason, "lý do từ chối")
    out = _opening(d, p, form, when)
    out.append(para(esc(labels.text(form, "body")), st.prose))
    out.append(para(f"<b>{esc(reason)}</b>", st.prose))
    out.append(para(esc(labels.text(form, "closing")), st.prose))
    out.append(_signature(p, labels.text(form, "sign"), labels.text("common", "sign_hint"), d.officer_name))
    return out


def apology(d: DossierView, p: layout.Paper, when: datetime) -> list[Flowable]:
    form = "apology"
    st = layout.styles(p.name)
    late = bool(d.late_apology_signer)  # the late apology: no new appointment, the result is (nearly) there
    if d.extended_due_at is None and not late:
        raise ValidationError(
            "Hồ sơ chưa có ngày hẹn trả mới hay văn bản xin lỗi: hãy gia hạn hoặc ghi nhận xin lỗi trước khi in.",
            "due",
        )
    reason = _require(d.delay_reason, "lý do chậm trả kết quả")
    out = _frame(d, p, form, when)
    out.append(para(rich("common", "addressee", name=d.applicant_name), st.center))
    due = labels.long_time(d.due_at) if d.due_at else labels.text("receipt", "due_unset")
    out.append(
        para(
            rich(
                form,
                "body",
                received=labels.long_date(d.received_at),
                reception=d.unit.reception_name,
                unit=d.unit.name,
                procedure=d.procedure_name,
                due=due,
            ),
            st.prose,
        )
    )
    out.append(para(rich(form, "late", reason=reason), st.prose))
    if late:
        out.append(para(esc(labels.text(form, "late_apology")), st.prose))
    else:
        out.append(para(rich(form, "apology", new_due=labels.long_time(d.extended_due_at)), st.prose))
    out.append(para(esc(labels.text(form, "closing")), st.prose))
    signer = d.late_apology_signer if late else ""
    out.append(_signature(p, labels.text(form, "sign"), labels.text("common", "sign_stamp_hint"), signer))
    return out


def stop(d: DossierView, p: layout.Paper, when: datetime) -> list[Flowable]:
    form = "stop"
    st = layout.styles(p.name)
    reason = _require(d.reason, "lý do dừng giải quyết")
    out = _frame(d, p, form, when)
    out.append(para(rich("common", "addressee", name=d.applicant_name), st.center))
    out.append(
        para(
            rich(
                form,
                "body",
                reception=d.unit.reception_name,
                unit=d.unit.name,
                procedure=d.procedure_name,
                received=labels.long_date(d.received_at),
            ),
            st.prose,
        )
    )
    out.append(para(rich(form, "reason", value=reason), st.prose))
    out.append(para(esc(labels.text(form, "closing")), st.prose))
    out.append(_signature(p, labels.text(form, "sign"), labels.text("common", "sign_stamp_hint"), ""))
    return out


def handback(d: DossierView, p: layout.Paper, when: datetime) -> list[Flowable]:
    """The result hand-over receipt (Biên nhận trả kết quả): which result, who took it, the originals."""
    form = "handback"
    st = layout.styles(p.name)
    r = d.result
    if r is None or not r.receiver_kind or d.returned_at is None:
        raise ValidationError(
            "Hồ sơ chưa được trả kết quả tại bộ phận một cửa: chưa có biên nhận để in.", "status"
        )
    out = _frame(d, p, form, when)
    body = rich(
        form,
        "body",
        reception=d.unit.reception_name,
        unit=d.unit.name,
        procedure=d.procedure_name,
        received=labels.long_date(d.received_at),
    )
    out.append(para(body, st.prose))
    out.append(para(rich(form, "applicant", name=d.applicant_name), st.body))
    out.append(
        para(
            rich(form, "refused", reason=r.refused_reason) if r.kind == "refused" else rich(form, "granted"),
            st.body,
        )
    )
    if r.document_number or r.signer:
        issued = labels.long_date(r.issued_at) if r.issued_at else ""
        out.append(
            para(rich(form, "document", number=r.document_number, signer=r.signer, date=issued), st.body)
        )
    due = d.extended_due_at or d.due_at
    if due is not None and d.result_ready_at is not None and r.outcome:
        ready = labels.long_time(d.result_ready_at)
        out.append(
            para(rich(form, "due", due=labels.long_time(due), ready=ready, outcome=r.outcome), st.body)
        )
    receiver = rich(
        form,
        f"receiver_{r.receiver_kind}",
        name=r.receiver_name,
        id_number=r.receiver_id_number,
        authorisation=r.authorisation,
    )
    out.append(para(receiver, st.body))
    if r.originals_returned:
        out.append(para(rich(form, "originals", value=r.originals_returned), st.body))
    out.append(para(rich(form, "returned", time=labels.long_time(d.returned_at)), st.body))
    hint = labels.text("common", "sign_hint")
    sign = [
        (labels.text(form, "sign_receiver"), hint, r.receiver_name),
        (labels.text(form, "sign_officer"), hint, r.returned_by),
    ]
    out.append(layout.signatures(p, sign))
    return out


_STORIES: dict[str, Callable[[DossierView, layout.Paper, datetime], list[Flowable]]] = {
    "supplement": supplement,
    "refusal": refusal,
    "apology": apology,
    "stop": stop,
    "handback": handback,
}


def build(form: str, d: DossierView, options: PrintOptions) -> bytes:
    p = layout.paper(options.paper)
    if p.name == "roll80":
        raise ValidationError("Khổ giấy cuộn 80 mm chỉ dùng cho phiếu hẹn trả kết quả.", "paper")
    make = _STORIES[form]
    story = make(d, p, options.printed_at or now_local())
    return layout.build_pdf(p, [story], options, labels.text(form, "title") + " " + d.code, d.unit.name)

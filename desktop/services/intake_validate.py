"""Checking a whole intake draft at once, so the form can show every problem inline before saving.

`check_draft` is pure (no store): it returns `CheckedIntake` with typed values and soft warnings, or
raises `DraftInvalid` whose `errors` map each field path (`applicant.phone`, `documents.2.name`, …) to a
Vietnamese message. Rules that need the catalogue (the procedure exists, its required papers are ticked)
are checked inside the saving transaction (`desktop.services.intake`, with `missing_required` here).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import ParamSpec, TypeVar

from desktop.core import limits
from desktop.core.errors import ValidationError
from desktop.core.text import clean
from desktop.core.validation import (
    check_birth_date,
    check_email,
    check_old_id,
    check_personal_id,
    check_phone,
    digits_only,
    parse_date,
)
from desktop.services.addresses import compose_address
from desktop.services.intake_draft import (
    ORGANISATION,
    PERSON,
    ApplicantDraft,
    DocumentDraft,
    IntakeDraft,
)

P = ParamSpec("P")
T = TypeVar("T")

_HAS_LETTER = re.compile(r"[^\W\d_]")
_HAS_DIGIT = re.compile(r"\d")
_TAX_CODE = re.compile(r"^\d{10}(\d{3})?$")


class DraftInvalid(ValidationError):
    """The draft breaks one or more rules; `errors` maps field paths to Vietnamese messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        first_field, first = next(iter(errors.items()))
        more = len(errors) - 1
        message = first if not more else f"{first} (và {more} lỗi khác)"
        super().__init__(message, first_field)
        self.errors = errors


@dataclass(frozen=True)
class CheckedApplicant:
    kind: str
    full_name: str
    id_number: str
    old_id_number: str
    id_issue_date: date | None
    date_of_birth: date | None
    gender: str
    phone: str
    email: str
    address: str
    province_code: str
    ward_code: str


@dataclass(frozen=True)
class CheckedIntake:
    draft: IntakeDraft
    applicant: CheckedApplicant
    documents: list[DocumentDraft]
    submitter_id_number: str
    submitter_phone: str
    warnings: list[str] = field(default_factory=list)


def check_tax_code(text: str) -> str:
    """An organisation's tax code (mã số thuế): 10 or 13 digits, separators ignored."""
    number = digits_only(text)
    if not _TAX_CODE.match(number):
        raise ValidationError("Mã số thuế của tổ chức gồm 10 hoặc 13 chữ số.", "id_number")
    return number


class _Collector:
    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def run(self, path: str, check: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
        try:
            return check(*args, **kwargs)
        except ValidationError as exc:
            self.errors.setdefault(path, str(exc))
            return None

    def add(self, path: str, message: str) -> None:
        self.errors.setdefault(path, message)


def _check_name(c: _Collector, path: str, name: str, kind: str, what: str) -> None:
    if not name:
        c.add(path, f"Hãy nhập {what}.")
    elif not _HAS_LETTER.search(name):
        c.add(path, f"{what.capitalize()} phải có chữ cái.")
    elif kind == PERSON and _HAS_DIGIT.search(name):
        c.add(path, f"{what.capitalize()} không được chứa chữ số.")


def _check_applicant(c: _Collector, a: ApplicantDraft, today: date, warnings: list[str]) -> CheckedApplicant:
    person = a.kind == PERSON
    _check_name(c, "applicant.full_name", a.full_name, a.kind, "họ và tên" if person else "tên tổ chức")
    dob: date | None = None
    if a.date_of_birth:
        parsed = c.run("applicant.date_of_birth", parse_date, a.date_of_birth, "date_of_birth", "Ngày sinh")
        if parsed is not None:
            dob = c.run("applicant.date_of_birth", check_birth_date, parsed, today)
    issue: date | None = None
    if a.id_issue_date:
        issue = c.run("applicant.id_issue_date", parse_date, a.id_issue_date, "id_issue_date", "Ngày cấp")
        if issue is not None and issue > today:
            c.add("applicant.id_issue_date", "Ngày cấp không thể ở tương lai.")
    id_number = digits_only(a.id_number)
    if person:
        checked = c.run(
            "applicant.id_number",
            check_personal_id,
            a.id_number,
            dob,
            a.gender or None,
        )
        if checked is not None:
            warnings.extend(checked.warnings)
    elif id_number or a.id_number.strip():
        c.run("applicant.id_number", check_tax_code, a.id_number)
    old = c.run("applicant.old_id_number", check_old_id, a.old_id_number) or ""
    phone = c.run("applicant.phone", check_phone, a.phone) or ""
    email = c.run("applicant.email", check_email, a.email) or ""
    address = compose_address(a.address, a.province_code, a.ward_code)
    if not address:
        c.add("applicant.address", "Hãy nhập địa chỉ.")
    return CheckedApplicant(
        kind=a.kind if a.kind in (PERSON, ORGANISATION) else PERSON,
        full_name=a.full_name,
        id_number=id_number,
        old_id_number=old,
        id_issue_date=issue,
        date_of_birth=dob,
        gender=a.gender if person else "",
        phone=phone,
        email=email,
        address=address,
        province_code=a.province_code,
        ward_code=a.ward_code,
    )


def _check_documents(c: _Collector, documents: list[DocumentDraft], complete: bool) -> list[DocumentDraft]:
    kept = [d for d in documents if d.name or d.received and (d.originals or d.copies)]
    for index, doc in enumerate(documents):
        if doc in kept and not doc.name:
            c.add(f"documents.{index}.name", "Hãy nhập tên giấy tờ.")
    if complete and not any(d.received for d in kept):
        c.add("documents", "Hồ sơ phải có ít nhất một giấy tờ đã nhận.")
    return kept


def _length(value: str, limit: int) -> int:
    """The length of `value` as it would be stored (cleaned); a value far over `limit` is not cleaned."""
    return len(value) if len(value) > 4 * limit else len(clean(value))


def length_problems(draft: IntakeDraft) -> dict[str, str]:
    """The name, address and notes fields of `draft` over their limits (`desktop.core.limits`), by path,
    each with a message saying both lengths: what an old draft shows when it is loaded."""
    fields = (
        ("applicant.full_name", draft.applicant.full_name, limits.NAME, "Họ và tên"),
        ("applicant.address", draft.applicant.address, limits.ADDRESS, "Địa chỉ"),
        ("submitter_name", draft.submitter_name, limits.NAME, "Họ tên người nộp"),
        ("delivery_address", draft.delivery_address, limits.ADDRESS, "Địa chỉ nhận kết quả"),
        ("notes", draft.notes, limits.NOTES, "Ghi chú"),
    )
    return {
        path: limits.too_long(what, n, limit)
        for path, value, limit, what in fields
        if (n := _length(value, limit)) > limit
    }


def _check_lengths(c: _Collector, draft: IntakeDraft) -> None:
    for path, message in length_problems(draft).items():
        c.add(path, message)


def check_draft(draft: IntakeDraft, today: date, *, complete: bool = True) -> CheckedIntake:
    """Check every field of the draft; raise DraftInvalid listing all problems, else typed values.

    `complete=False` (a dossier recorded to ask for a supplement or to refuse) allows no paper received.
    """
    c = _Collector()
    _check_lengths(c, draft)  # on what the caller built: a value over its limit is refused, never cut
    draft = IntakeDraft.from_dict(draft.to_dict())  # cleans (and caps, for a stored draft)
    warnings: list[str] = []
    applicant = _check_applicant(c, draft.applicant, today, warnings)
    submitter_id = ""
    submitter_phone = ""
    if draft.submitter_name:
        _check_name(c, "submitter_name", draft.submitter_name, PERSON, "họ tên người nộp")
        if draft.submitter_id_number:
            person = c.run("submitter_id_number", check_personal_id, draft.submitter_id_number)
            submitter_id = person.number if person is not None else ""
        submitter_phone = c.run("submitter_phone", check_phone, draft.submitter_phone) or ""
    elif draft.submitter_id_number or draft.submitter_phone:
        c.add("submitter_name", "Hãy nhập họ tên người nộp hồ sơ (nếu khác chủ hồ sơ).")
    if not draft.procedure_code:
        c.add("procedure_code", "Hãy chọn thủ tục hành chính.")
    documents = _check_documents(c, draft.documents, complete)
    if draft.delivery == "postal" and not (draft.delivery_address or applicant.address):
        c.add("delivery_address", "Hãy nhập địa chỉ nhận kết quả qua bưu chính.")
    if c.errors:
        raise DraftInvalid(c.errors)
    return CheckedIntake(
        draft=draft,
        applicant=applicant,
        documents=documents,
        submitter_id_number=submitter_id,
        submitter_phone=submitter_phone,
        warnings=warnings,
    )


def missing_required(documents: list[DocumentDraft], required: dict[int, str]) -> list[str]:
    """Names of the procedure's required papers (id -> name) not ticked as received in the draft."""
    ticked = {d.procedure_document_id for d in documents if d.received}
    return [name for doc_id, name in required.items() if doc_id not in ticked]

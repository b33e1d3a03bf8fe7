"""An intake draft from a JSON file (`motcua dossier receive FILE.json`): the same `IntakeDraft` the form
builds, then the same checks and the same transaction (`desktop.services.intake.receive_dossier`).

The file (UTF-8, at most `MAX_BYTES`) holds one object:

    {"procedure_code": "1.004884",
     "applicant": {"full_name": "…", "id_number": "…", "date_of_birth": "12/03/1991", "gender": "male",
                   "phone": "…", "address": "…"},
     "papers": [{"code": "…" | "name": "…", "originals": 1, "copies": 0, "received": true}],
     "submitter": {"name": "…", "id_number": "…", "phone": "…"},
     "channel": "direct", "delivery": "counter", "delivery_address": "", "summary": "", "notes": "",
     "sets_count": 1, "fees": {"method": "cash", "copies": 2}}

Without `papers` every paper of the procedure is received with the catalogue's counts; with it, each line
is matched to the procedure's paper by `code` or by name (diacritics and case ignored), the procedure's
other papers are listed unticked, and lines that match none are added as extra papers. The fee lines come
from the catalogue, never from the file; `fees` asks to collect those due at intake once the dossier is
saved, as the intake screen does (`method` cash or transfer, default cash; `copies`: the number of copies
or pages the lines charged per copy or page count). Anything malformed is a `ValidationError` naming the
field in Vietnamese; nothing is saved.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.errors import ValidationError
from desktop.core.fees import MAX_QUANTITY, METHODS
from desktop.core.text import fold
from desktop.services.intake import find_procedure
from desktop.services.intake_draft import MAX_COUNT, ApplicantDraft, DocumentDraft, IntakeDraft
from desktop.services.intake_validate import DraftInvalid
from desktop.store.engine import Store

MAX_BYTES = 1_000_000

# field path -> its name on the intake form, for messages
FIELD_NAMES = {
    "procedure_code": "mã thủ tục (procedure_code)",
    "applicant": "chủ hồ sơ (applicant)",
    "applicant.kind": "loại chủ hồ sơ (applicant.kind)",
    "applicant.full_name": "họ và tên chủ hồ sơ (applicant.full_name)",
    "applicant.id_number": "số định danh cá nhân (applicant.id_number)",
    "applicant.old_id_number": "số CMND cũ (applicant.old_id_number)",
    "applicant.id_issue_date": "ngày cấp (applicant.id_issue_date)",
    "applicant.date_of_birth": "ngày sinh (applicant.date_of_birth)",
    "applicant.gender": "giới tính (applicant.gender)",
    "applicant.phone": "số điện thoại (applicant.phone)",
    "applicant.email": "thư điện tử (applicant.email)",
    "applicant.address": "địa chỉ (applicant.address)",
    "papers": "giấy tờ (papers)",
    "documents": "giấy tờ (papers)",
    "submitter": "người nộp (submitter)",
    "submitter_name": "họ tên người nộp (submitter.name)",
    "submitter_id_number": "số định danh người nộp (submitter.id_number)",
    "submitter_phone": "số điện thoại người nộp (submitter.phone)",
    "delivery_address": "địa chỉ nhận kết quả (delivery_address)",
    "sets_count": "số bộ hồ sơ (sets_count)",
    "channel": "hình thức nộp (channel)",
    "delivery": "hình thức nhận kết quả (delivery)",
    "fees": "phí, lệ phí (fees)",
    "fees.method": "hình thức thu phí (fees.method)",
    "fees.copies": "số bản, số trang tính phí (fees.copies)",
}

_TOP = {
    "procedure_code", "applicant", "papers", "submitter", "channel", "delivery", "delivery_address",
    "summary", "notes", "sets_count", "fees",
}  # fmt: skip
_APPLICANT = set(ApplicantDraft.__dataclass_fields__)
_SUBMITTER = {"name", "id_number", "phone"}
_PAPER = {"code", "name", "originals", "copies", "received"}
_FEES = {"method", "copies"}
_GENDERS = {"male": "male", "nam": "male", "female": "female", "nu": "female", "": ""}
_CHOICES = {"channel": ("direct", "postal", "online"), "delivery": ("counter", "postal")}


@dataclass(frozen=True)
class FeeRequest:
    """The file's `fees`: collect the fees due at intake right after saving, by `method`; `copies` (None:
    1) counts the lines charged per copy or per page."""

    method: str = "cash"
    copies: int | None = None


@dataclass(frozen=True)
class JsonIntake:
    """The draft read from the file, and the fee collection it asks for (None: none)."""

    draft: IntakeDraft
    fees: FeeRequest | None = None


def field_name(path: str) -> str:
    """The Vietnamese name of a field path (`applicant.phone`, `papers.2.name`, …)."""
    if path.startswith(("documents.", "papers.")):
        index = path.split(".")[1]
        return f"giấy tờ thứ {int(index) + 1} (papers[{index}])" if index.isdigit() else FIELD_NAMES["papers"]
    return FIELD_NAMES.get(path, path)


def _bad(path: str, message: str) -> ValidationError:
    return ValidationError(f"{field_name(path)}: {message}", path)


def read_json(path: Path) -> Any:
    """The parsed file; ValidationError for a missing, oversized, non-UTF-8 or malformed file."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ValidationError(f"Không đọc được tệp '{path}': {exc.strerror or exc}.", "file") from exc
    if len(data) > MAX_BYTES:
        raise ValidationError(
            f"Tệp '{path}' lớn hơn {MAX_BYTES // 1_000_000} MB: không phải một hồ sơ tiếp nhận.", "file"
        )
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ValidationError(f"Tệp '{path}' không phải văn bản UTF-8.", "file") from exc
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"Tệp '{path}' không phải JSON hợp lệ: dòng {exc.lineno}, cột {exc.colno} ({exc.msg}).", "file"
        ) from exc


def _object(value: Any, path: str, keys: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _bad(path, "phải là một đối tượng JSON {…}.")
    unknown = sorted(set(value) - keys)
    if unknown:
        raise _bad(f"{path}.{unknown[0]}" if path else unknown[0], "trường không được hỗ trợ.")
    return value


def _string(data: dict[str, Any], key: str, path: str) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _bad(path, "phải là chuỗi ký tự.")
    return value


def _count(data: dict[str, Any], key: str, path: str, default: int, low: int = 0) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= MAX_COUNT:
        raise _bad(path, f"phải là số nguyên từ {low} đến {MAX_COUNT}.")
    return value


def _fees(value: Any) -> FeeRequest | None:
    if value is None:
        return None
    data = _object(value, "fees", _FEES)
    method = _string(data, "method", "fees.method") or "cash"
    if method not in METHODS:
        raise _bad("fees.method", "ghi 'cash' (tiền mặt) hoặc 'transfer' (chuyển khoản).")
    copies = data.get("copies")
    if copies is not None and (
        isinstance(copies, bool) or not isinstance(copies, int) or not 1 <= copies <= MAX_QUANTITY
    ):
        raise _bad("fees.copies", f"phải là số nguyên từ 1 đến {MAX_QUANTITY}.")
    return FeeRequest(method, copies)


def _applicant(value: Any) -> ApplicantDraft:
    data = _object(value, "applicant", _APPLICANT)
    fields = {key: _string(data, key, f"applicant.{key}") for key in data}
    gender = fold(fields.get("gender", "")).strip()
    if gender not in _GENDERS:
        raise _bad("applicant.gender", "ghi 'male' (Nam) hoặc 'female' (Nữ).")
    fields["gender"] = _GENDERS[gender]
    if fields.get("kind", "person") not in ("person", "organisation"):
        raise _bad("applicant.kind", "ghi 'person' (cá nhân) hoặc 'organisation' (tổ chức).")
    return ApplicantDraft.from_dict(fields)


def _papers(store: Store, procedure_code: str, value: Any) -> list[DocumentDraft]:
    with store.session() as session:
        procedure = find_procedure(session, procedure_code)
        if procedure is None:
            raise DraftInvalid({"procedure_code": f"Không tìm thấy thủ tục mã '{procedure_code}'."})
        own = [
            DocumentDraft(d.name, d.originals, d.copies, True, d.id, d.required) for d in procedure.documents
        ]
        codes = {d.id: d.code for d in procedure.documents}
    if value is None:
        return own
    if not isinstance(value, list):
        raise _bad("papers", "phải là một danh sách [...].")
    for doc in own:
        doc.received = False
    extra: list[DocumentDraft] = []
    for index, item in enumerate(value):
        path = f"papers.{index}"
        data = _object(item, path, _PAPER)
        code, name = _string(data, "code", f"{path}.code"), _string(data, "name", f"{path}.name")
        received = data.get("received", True)
        if not isinstance(received, bool):
            raise _bad(f"{path}.received", "ghi true hoặc false.")
        match = next(
            (
                d
                for d in own
                if code
                and codes.get(d.procedure_document_id or 0) == code
                or name
                and fold(d.name) == fold(name)
            ),
            None,
        )
        if match is None:
            if not name:
                raise _bad(f"{path}.name", f"không có giấy tờ mã '{code}' trong thủ tục; hãy ghi tên.")
            match = DocumentDraft(name)
            extra.append(match)
        match.originals = _count(data, "originals", f"{path}.originals", match.originals)
        match.copies = _count(data, "copies", f"{path}.copies", match.copies)
        match.received = received
    return own + extra


def intake_from_json(store: Store, value: Any) -> JsonIntake:
    """The intake draft `value` (parsed JSON) describes, its papers matched against the catalogue."""
    data = _object(value, "", _TOP)
    procedure_code = _string(data, "procedure_code", "procedure_code").strip()
    if not procedure_code:
        raise DraftInvalid({"procedure_code": "Hãy nhập mã thủ tục."})
    applicant = _applicant(data.get("applicant", {}))
    submitter = _object(data.get("submitter", {}) or {}, "submitter", _SUBMITTER)
    for key, choices in _CHOICES.items():
        if key in data and data[key] not in choices:
            raise _bad(key, f"chọn một trong: {', '.join(choices)}.")
    draft = IntakeDraft(
        procedure_code=procedure_code,
        applicant=applicant,
        documents=_papers(store, procedure_code, data.get("papers")),
        submitter_name=_string(submitter, "name", "submitter_name"),
        submitter_id_number=_string(submitter, "id_number", "submitter_id_number"),
        submitter_phone=_string(submitter, "phone", "submitter_phone"),
        channel=data.get("channel", "direct"),
        delivery=data.get("delivery", "counter"),
        delivery_address=_string(data, "delivery_address", "delivery_address"),
        summary=_string(data, "summary", "summary"),
        notes=_string(data, "notes", "notes"),
        sets_count=_count(data, "sets_count", "sets_count", 1, low=1),
    )
    return JsonIntake(draft, _fees(data.get("fees")))


def describe_invalid(exc: DraftInvalid) -> str:
    """Every problem of a refused draft, one per line, each naming its field in Vietnamese."""
    return "\n".join(f"{field_name(path)}: {message}" for path, message in exc.errors.items())

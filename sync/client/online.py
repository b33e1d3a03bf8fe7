"""Online submissions on the workstation (issue 20, Deliver 4): an `online_submission` item of `GET /changes`
becomes a local dossier in status 1 (Mới đăng ký), channel online, waiting in the worklist "Chờ tiếp nhận
trực tuyến" for an officer to accept (form 01) or refuse (form 03) it (`desktop.services.online_intake`).

Before the page's transaction, `fetch_files` downloads each file the page's submissions name that the
workstation lacks (`GET /blobs/sha256/{sha}`), keeps it in the profile's blob store only when its bytes
hash to that name, and reports the others; so once the pass is over the officer can check the papers
offline. `apply_online` (inside the page's transaction) then builds the rows:

- the applicant from the draft's `applicant` (fields by name; dates `DD/MM/YYYY` or ISO), the papers from
  its `papers` matched to the procedure's papers by code or by name (diacritics and case ignored), or the
  procedure's papers when it has none; each file attached to its `paper` (the first paper otherwise);
- no event: the dossier's chain starts with the officer's decision, which the server takes from status 1
  (`sync.common.lifecycle.step_allowed`);
- refused with a reason (the pass history), nothing stored: a dossier of another unit, a procedure not in
  the active catalogue, no applicant name, a file missing or whose bytes did not match its hash. Already
  there (the same page again): nothing more happens.

The full checks of the intake (identity numbers, dates, required papers) run when the officer accepts.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.status import Status, national_code
from desktop.core.text import clean, fold
from desktop.core.timeutil import as_local
from desktop.scan.blobstore import BlobStore
from desktop.store.catalogue import active_version
from desktop.store.list_keys import list_values
from desktop.store.models import Applicant, Attachment, DocumentLine, Dossier, Procedure, Unit
from sync.client.http import SyncHttp
from sync.protocol import ChangesPage, OnlineFile, OnlineSubmissionChange

log = logging.getLogger(__name__)
_APPLICANT_TEXT = ("kind", "full_name", "id_number", "old_id_number", "gender", "phone", "email", "address")
_APPLICANT_DATES = ("id_issue_date", "date_of_birth")
_GENDERS = {"male": "male", "nam": "male", "female": "female", "nu": "female"}


class OnlineRefused(Exception):
    """The submission cannot be taken; the message (Vietnamese) goes to the pass history."""


def fetch_files(
    http: SyncHttp, page: ChangesPage, blobs: BlobStore, retry: Callable[[Callable[[], Any]], Any]
) -> set[str]:
    """Download the files the page's submissions need and the store lacks; the hashes that could not be
    had intact (missing on the server, or bytes that do not hash to their name)."""
    broken: set[str] = set()
    for item in page.items:
        if not isinstance(item, OnlineSubmissionChange):
            continue
        for ref in item.files:
            if ref.sha256 in broken or blobs.exists(ref.sha256, ref.size):
                continue
            response = retry(partial(http.send, "GET", f"/blobs/sha256/{ref.sha256}", {}, ok=(404,)))
            content = response.content if response.status_code == 200 else b""
            if response.status_code != 200 or hashlib.sha256(content).hexdigest() != ref.sha256:
                log.warning("file %s of online submission %s not taken", ref.sha256[:12], item.dossier_code)
                broken.add(ref.sha256)
                continue
            blobs.put(content, pages=0, mime=ref.mime)
    return broken


def apply_online(
    session: Session, item: OnlineSubmissionChange, unit_code: str, blobs: BlobStore
) -> Dossier | None:
    """The local dossier of the submission (module docstring); None when it is there already."""
    code = item.dossier_code
    if not code.startswith(unit_code + "-"):
        raise OnlineRefused(f"Hồ sơ trực tuyến {code} không thuộc đơn vị {unit_code}: đã bỏ qua.")
    if session.get(Dossier, item.dossier_id) is not None:
        return None
    if session.scalar(select(Dossier.id).where(Dossier.code == code)) is not None:
        raise OnlineRefused(
            f"Mã hồ sơ trực tuyến {code} đã được dùng cho hồ sơ khác ở máy trạm này: đã bỏ qua."
        )
    for ref in item.files:
        if not blobs.exists(ref.sha256, ref.size):
            raise OnlineRefused(
                f"Hồ sơ trực tuyến {code}: tệp đính kèm '{ref.name or ref.sha256[:12]}' tải về bị lỗi (không "
                "khớp mã băm hoặc không có trên hệ thống tỉnh): chưa nhận hồ sơ, hãy báo cho tỉnh."
            )
    draft = item.draft
    procedure = _procedure(session, str(draft.get("procedure_code") or ""), code)
    unit = session.scalars(select(Unit).where(Unit.code == unit_code)).first()
    if unit is None:
        raise OnlineRefused(f"Máy trạm chưa có đơn vị {unit_code}: đã bỏ qua hồ sơ trực tuyến {code}.")
    applicant = _applicant(draft.get("applicant"), code)
    session.add(applicant)
    session.flush()
    given = draft.get("submitter")
    submitter: dict[str, Any] = given if isinstance(given, dict) else {}
    at = as_local(item.submitted_at)
    summary = _text(draft.get("summary")) or procedure.name
    dossier = Dossier(
        id=item.dossier_id,
        code=code,
        unit=unit,
        procedure=procedure,
        applicant=applicant,
        officer_id=None,
        status=Status.REGISTERED.value,
        status_code=national_code(Status.REGISTERED),
        channel="online",
        delivery="postal" if draft.get("delivery") == "postal" else "counter",
        delivery_address=_text(draft.get("delivery_address")),
        submitter_name=_text(submitter.get("name")),
        submitter_id_number=_text(submitter.get("id_number")),
        submitter_phone=_text(submitter.get("phone")),
        summary=summary,
        notes=_text(draft.get("notes")),
        submitted_at=at,
        received_at=at,
        due_at=None,
        fee_amount=procedure.fee_amount,
        **list_values(
            code=code,
            applicant_name=applicant.full_name,
            id_number=applicant.id_number,
            phone=applicant.phone,
            procedure_code=procedure.code,
            procedure_name=procedure.name,
            submitter_name=_text(submitter.get("name")),
            submitter_id_number=_text(submitter.get("id_number")),
            submitter_phone=_text(submitter.get("phone")),
        ),
    )
    _papers(dossier, procedure, draft.get("papers"), item.files, at)
    session.add(dossier)
    return dossier


def _text(value: Any) -> str:
    return clean(value, 2000) if isinstance(value, str) else ""


def _procedure(session: Session, procedure_code: str, code: str) -> Procedure:
    version = active_version(session)
    found = (
        session.scalars(
            select(Procedure).where(
                Procedure.catalogue_version_id == version.id,
                Procedure.code == procedure_code.strip(),
                Procedure.active,
            )
        ).first()
        if version is not None and procedure_code.strip()
        else None
    )
    if found is None:
        raise OnlineRefused(
            f"Hồ sơ trực tuyến {code}: không có thủ tục mã '{procedure_code}' trong danh mục của máy trạm: "
            "chưa nhận hồ sơ (hãy cập nhật danh mục)."
        )
    return found


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    return None


def _applicant(value: Any, code: str) -> Applicant:
    data = value if isinstance(value, dict) else {}
    fields: dict[str, Any] = {name: _text(data.get(name)) for name in _APPLICANT_TEXT}
    fields.update({name: _date(data.get(name)) for name in _APPLICANT_DATES})
    fields["kind"] = fields["kind"] if fields["kind"] in ("person", "organisation") else "person"
    fields["gender"] = _GENDERS.get(fold(fields["gender"]).strip(), "")
    if not fields["full_name"]:
        raise OnlineRefused(f"Hồ sơ trực tuyến {code} không có họ tên chủ hồ sơ: đã bỏ qua.")
    return Applicant(**fields)


def _count(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 99 else default


def _papers(
    dossier: Dossier, procedure: Procedure, papers: Any, files: list[OnlineFile], at: datetime
) -> None:
    """The dossier's papers: the draft's lines matched to the procedure's by code or name (the procedure's
    other papers listed unticked), or the procedure's own; each file on its paper."""
    own = list(procedure.documents)
    lines: list[DocumentLine] = [
        DocumentLine(
            procedure_document_id=doc.id,
            name=doc.name,
            originals=doc.originals,
            copies=doc.copies,
            received=not isinstance(papers, list),
        )
        for doc in own
    ]
    keys: dict[str, DocumentLine] = {}
    for doc, own_line in zip(own, lines, strict=True):
        keys[fold(doc.name)] = own_line
        if doc.code:
            keys[doc.code] = own_line
    for entry in papers if isinstance(papers, list) else []:
        if not isinstance(entry, dict):
            continue
        name, paper_code = _text(entry.get("name")), _text(entry.get("code"))
        line: DocumentLine | None = keys.get(paper_code) or keys.get(fold(name))
        if line is None:
            if not name:
                continue
            line = DocumentLine(name=name)
            lines.append(line)
            keys[fold(name)] = line
        line.originals = _count(entry.get("originals"), line.originals or 0)
        line.copies = _count(entry.get("copies"), line.copies or 0)
        line.received = entry.get("received", True) is not False
    for position, line in enumerate(lines, start=1):
        line.position = position
        dossier.documents.append(line)
    for ref in files:
        target = keys.get(ref.paper) or keys.get(fold(ref.paper)) or (lines[0] if lines else None)
        if target is None:
            continue
        target.attachments.append(
            Attachment(
                dossier_id=dossier.id,
                position=len(target.attachments) + 1,
                sha256=ref.sha256,
                size=ref.size,
                mime=ref.mime,
                source="online",
                original_name=ref.name,
                uploaded_at=at,  # the province holds it already
            )
        )

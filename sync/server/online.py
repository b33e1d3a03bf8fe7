"""Online submissions (issue 20, Deliver 4): a dossier a citizen submitted on the public service portal,
placed on the server for the unit's counter to check (`motcua-server admin submit-online --unit CODE
FILE.json`, for tests and training; the portal's own connector would call `submit_online` the same way).

The file is the same JSON draft as `motcua dossier receive` (`sync.protocol.DRAFT_KEYS`), plus optional
`files`: `[{"path": "cccd.pdf", "paper": "Tờ khai…", "mime": "application/pdf"}]`, paths relative to the
file. The server checks only what it needs (a procedure code, the applicant's name, known keys): the
workstation checks the draft against its catalogue when the item comes down, and refuses it with a reason
if it cannot take it. In one transaction:

- the dossier gets the province's next number of the day in the unit's format (`<unit>-YYMMDD-NNNN`,
  0001–0999 being the province's: `sync.server.store.ServerStore.reserve_numbers`), so the code never
  changes when the counter accepts it (the server refuses a changed `MaHoSo`);
- its record is status 1, channel online (`KenhThucHien` 2), without reception time or applicant fields:
  those are the counter's when it accepts (the `received` event), the first event of the dossier's chain;
- each file goes into the blob store by its SHA-256 and is counted as the unit's;
- an item `online_submission` (`sync.protocol.OnlineSubmissionChange`) goes into the unit's feed.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from sync.common.errors import ValidationError
from sync.common.timeutil import as_local, now_local
from sync.protocol import (
    CHANGE_ONLINE,
    DRAFT_KEYS,
    HoSo,
    OnlineFile,
    OnlineSubmissionChange,
    merge_record,
)
from sync.server.blobstore import BlobStorage
from sync.server.feed import serialise_feed
from sync.server.models import ServerChange, ServerDossier, StoredBlob
from sync.server.store import ServerStore

ONLINE_CHANNEL = 2  # KenhThucHien
MAX_FILE_BYTES = 50_000_000
_FILE_KEYS = {"path", "paper", "mime", "name"}


def _bad(message: str, field: str) -> ValidationError:
    return ValidationError(message, field)


def read_files(data: dict[str, Any], base: Path) -> list[tuple[OnlineFile, bytes]]:
    """The files the submission names (`files`, paths relative to `base`), read and hashed."""
    entries = data.get("files", [])
    if not isinstance(entries, list):
        raise _bad("files: phải là một danh sách [...].", "files")
    out: list[tuple[OnlineFile, bytes]] = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str) or set(entry) - _FILE_KEYS:
            raise _bad(f'files[{index}]: ghi {{"path": …, "paper": …, "mime": …}}.', "files")
        path = base / entry["path"]
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise _bad(f"Không đọc được tệp đính kèm '{path}': {exc.strerror or exc}.", "files") from None
        if len(content) > MAX_FILE_BYTES:
            raise _bad(f"Tệp đính kèm '{path}' lớn hơn {MAX_FILE_BYTES // 1_000_000} MB.", "files")
        out.append(
            (
                OnlineFile(
                    sha256=hashlib.sha256(content).hexdigest(),
                    size=len(content),
                    mime=str(entry.get("mime") or "application/pdf"),
                    name=str(entry.get("name") or path.name),
                    paper=str(entry.get("paper") or ""),
                ),
                content,
            )
        )
    return out


def check_draft(data: Any) -> dict[str, Any]:
    """The draft part of a submission (without `files`); ValidationError (Vietnamese) when it cannot be one."""
    if not isinstance(data, dict):
        raise _bad("Hồ sơ nộp trực tuyến phải là một đối tượng JSON {…}.", "file")
    draft = {key: value for key, value in data.items() if key != "files"}
    unknown = sorted(set(draft) - DRAFT_KEYS)
    if unknown:
        raise _bad(f"{unknown[0]}: trường không được hỗ trợ.", unknown[0])
    code = draft.get("procedure_code")
    if not isinstance(code, str) or not code.strip():
        raise _bad("Hãy nhập mã thủ tục (procedure_code).", "procedure_code")
    applicant = draft.get("applicant")
    if not isinstance(applicant, dict) or not str(applicant.get("full_name") or "").strip():
        raise _bad("Hãy nhập họ và tên chủ hồ sơ (applicant.full_name).", "applicant.full_name")
    draft["channel"] = "online"
    return draft


def store_blob(storage: BlobStorage, sha256: str, content: bytes) -> None:
    """Keep `content` as the verified blob `sha256` (nothing to do when it is there already)."""
    if storage.size(sha256) is not None:
        return
    if storage.begin(sha256):
        storage.discard(sha256)
        storage.begin(sha256)
    storage.append(sha256, 0, content)
    if not storage.finish(sha256):
        raise _bad("Tệp đính kèm không khớp mã băm khi lưu.", "files")


def submit_online(
    store: ServerStore, storage: BlobStorage, unit_code: str, data: Any, base: Path
) -> OnlineSubmissionChange:
    """Place the submission `data` (parsed JSON, files relative to `base`) for the unit (module docstring)."""
    draft = check_draft(data)
    files = read_files(data, base)
    at = as_local(now_local()).replace(microsecond=0)
    with store.transaction() as session:
        unit_id = store.unit_by_code(session, unit_code).id
    number, _last = store.reserve_numbers(unit_id, at.date(), 1, None)
    code = f"{unit_code}-{at:%y%m%d}-{number:04d}"
    for item, content in files:
        store_blob(storage, item.sha256, content)
    with store.transaction() as session:
        return place(session, unit_id, code, draft, [item for item, _ in files], at)


def place(
    session: Session, unit_id: int, code: str, draft: dict[str, Any], files: list[OnlineFile], at: Any
) -> OnlineSubmissionChange:
    """The dossier (status 1, online), its files counted as the unit's, and its item in the feed."""
    serialise_feed(session)
    dossier_id = str(uuid.uuid4())
    record = HoSo(MaHoSo=code, TrangThaiHoSo=1, KenhThucHien=ONLINE_CHANNEL)
    session.add(
        ServerDossier(
            id=dossier_id, unit_id=unit_id, code=code, record=merge_record({}, record), status_code=1
        )
    )
    for item in files:
        if session.get(StoredBlob, (item.sha256, unit_id)) is None:
            session.add(
                StoredBlob(
                    sha256=item.sha256, unit_id=unit_id, size=item.size, mime=item.mime, dossier_id=dossier_id
                )
            )
    change = OnlineSubmissionChange(
        dossier_id=dossier_id, dossier_code=code, submitted_at=at, draft=draft, files=files
    )
    session.flush()
    session.add(
        ServerChange(
            unit_id=unit_id, kind=CHANGE_ONLINE, dossier_id=dossier_id, body=change.model_dump(mode="json")
        )
    )
    return change

"""Scans on demand (issue 20, Deliver item 3): the scans of a dossier received at another workstation of
the unit come down when an officer opens it, not with the pull (records first, small).

`fetch_scans(store, dossier)` asks the province for each scan of the dossier this workstation lacks
(`GET /blobs/sha256/<sha256>`, `sync.server.tus`), one at a time, and keeps it in the local blob store
only when its content hashes to its name (a corrupted or altered answer is not kept; the next opening
asks again). Off the GUI thread (the dossier view runs it on the network lane); one quick attempt, no
retries: offline, or before enrolment, it answers at once with a Vietnamese message ("Chưa tải được bản
số hóa …") and the dossier shows everything else.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desktop.scan.blobstore import BlobStore, sha256_hex
from desktop.store.engine import Store
from desktop.store.models import Attachment, Dossier
from sync.client import credentials
from sync.client.config import DEVICE_ID, get_state, load_config
from sync.client.http import SyncHttp
from sync.common.errors import StorageError, SyncError

NOT_FETCHED = "Chưa tải được bản số hóa của hồ sơ từ máy chủ tỉnh ({count} bản): {why}"


@dataclass(frozen=True)
class ScanFetch:
    """What an opening fetched: scans kept, scans still lacking, and why (Vietnamese, "" when none)."""

    fetched: int = 0
    lacking: int = 0
    message: str = ""


def lacking_scans(store: Store, dossier: str, blobs: BlobStore | None = None) -> list[tuple[str, int, str]]:
    """(sha256, pages, mime) of the dossier's scans (by id or code) this workstation does not hold."""
    blobs = blobs or BlobStore(store.profile.attachments_dir)
    with store.session() as session:
        rows = session.execute(
            select(Attachment.sha256, Attachment.pages, Attachment.mime, Attachment.size)
            .join(Dossier, Dossier.id == Attachment.dossier_id)
            .where((Dossier.id == dossier) | (Dossier.code == dossier), Attachment.removed.is_(False))
            .order_by(Attachment.created_at, Attachment.id)
        ).all()
    wanted = {sha: (pages, mime) for sha, pages, mime, size in rows if not blobs.exists(sha, size)}
    return [(sha, pages, mime) for sha, (pages, mime) in wanted.items()]


def fetch_scans(store: Store, dossier: str, blobs: BlobStore | None = None) -> ScanFetch:
    """Fetch, verify and keep the scans of `dossier` (id or code) this workstation lacks; `blobs` the
    profile's attachment files (the services' `blob_store`, sealed with the store key)."""
    blobs = blobs or BlobStore(store.profile.attachments_dir)
    lacking = lacking_scans(store, dossier, blobs)
    if not lacking:
        return ScanFetch()
    with store.session() as session:
        config, device = load_config(session), get_state(session, DEVICE_ID)
    token = credentials.load_token(device) if device and config.server_url else None
    if not token:
        why = "máy trạm chưa đăng ký với máy chủ tỉnh."
        return ScanFetch(0, len(lacking), NOT_FETCHED.format(count=len(lacking), why=why))
    http = SyncHttp(config, token)
    fetched, problem = 0, ""
    try:
        for sha256, pages, mime in lacking:
            try:
                answer = http.send("GET", f"/blobs/sha256/{sha256}", {"Accept": mime or "*/*"}, ok=(404,))
            except SyncError as exc:
                problem = str(exc)
                break
            if answer.status_code == 404:
                problem = "máy trạm tiếp nhận hồ sơ chưa gửi bản này lên tỉnh; hãy mở lại hồ sơ sau."
                continue
            data = answer.content
            if sha256_hex(data) != sha256:
                problem = "bản nhận được không khớp mã kiểm tra nên không được lưu; hãy mở lại hồ sơ sau."
                continue
            try:
                blobs.put(data, pages, mime)
            except StorageError as exc:
                problem = str(exc)
                break
            fetched += 1
    finally:
        http.close()
    left = len(lacking) - fetched
    message = NOT_FETCHED.format(count=left, why=problem) if left else ""
    return ScanFetch(fetched, left, message)

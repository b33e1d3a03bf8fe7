"""Scans reach the province by tus 1.0 under `/api/v1/blobs/`: core, creation and checksum (design §3).

    OPTIONS /blobs/                    Tus-Version, Tus-Extension, Tus-Checksum-Algorithm, Tus-Max-Size
    POST    /blobs/                    create: Upload-Length, Upload-Metadata `sha256`, `filetype`,
                                       `dossier` (base64); 201, Location, Upload-Offset (bytes held);
                                       with a body (creation-with-upload), the first chunk as a PATCH's
    HEAD    /blobs/uploads/<sha256>    Upload-Offset of an upload in progress (404: none; 410: expired)
    PATCH   /blobs/uploads/<sha256>    a chunk at Upload-Offset, optionally with Upload-Checksum (sha1
                                       or sha256)
    HEAD    /blobs/sha256/<sha256>     200 when the server holds that scan verified ("already have it")
    GET     /blobs/sha256/<sha256>     the scan, for the unit's other workstations

An upload is named by the SHA-256 the scan must have, so a workstation that lost everything but the hash
resumes with a new POST. A chunk whose checksum does not match is answered 460 and not kept. A chunk
(PATCH, or the first one with the POST) cut on the way keeps the bytes that arrived, fsynced, as tus core
says a server should (`BoundedBodyMiddleware` hands the route what arrived): the client asks the offset
and goes on from there, so only the bytes lost in flight travel twice; a cut chunk with `Upload-Checksum`
is all or nothing (refused by its checksum). When the last byte arrives the whole file is hashed: a
match is moved into place and recorded for the unit (`blobs`), a mismatch (a chunk corrupted on the way
without a checksum) is deleted and answered 422 (the client sends the scan again from zero). A scan
larger than `MAX_BLOB_BYTES` is 413, a type outside `BLOB_TYPES` 415, a full disk 507 with Retry-After.
Only enrolled devices may call any of it. An upload left unfinished expires (the `expiration` extension,
`Upload-Expires`; `sync.server.uploads`): 410, its bytes removed.

Our own router rather than `tuspyserver` (4.x, a FastAPI router): its documentation lists resumable
chunked uploads under random ids in a files folder, metadata, expiry and hooks, but no checksum
extension, no content addressing (no "already have it" by hash, no verification against a name) and no
storage interface to put behind a province's shared storage, the parts this protocol needs
(`fastapi-tusd`, which has md5 checksums and storage backends, is a 0.100 release without SHA-1/SHA-256
or either of the others). The core of tus is a few headers over `BlobStorage`.
"""

import base64
import binascii
import contextlib
import hashlib
import re
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from sync.events import blob_hashes
from sync.protocol import (
    API_PREFIX,
    BLOB_TYPES,
    MAX_BLOB_BYTES,
    TUS_VERSION,
    UUID_PATTERN,
    EventResult,
    WireEvent,
)
from sync.server.blobstore import BlobStorage, StorageFull
from sync.server.models import BlobUpload, ServerDevice, ServerUnit, StoredBlob, utcnow
from sync.server.store import ServerStore
from sync.server.uploads import UPLOAD_MAX_AGE, drop_upload, expired, expired_uploads, expires_header

BLOBS = f"{API_PREFIX}/blobs"
FULL_RETRY_AFTER = 300  # seconds a client waits after 507 (the province frees or adds space)
_SHA = re.compile(r"^[0-9a-f]{64}$")
_CHECKSUMS: dict[str, Callable[[bytes], Any]] = {"sha1": hashlib.sha1, "sha256": hashlib.sha256}
_LOCKS = [threading.RLock() for _ in range(64)]  # striped by hash: one writer per upload at a time
Who = tuple[ServerDevice, ServerUnit]


def _lock(sha256: str) -> threading.RLock:
    return _LOCKS[int(sha256[:2], 16) % len(_LOCKS)]


def _tus(status: int, headers: dict[str, str] | None = None, detail: str | None = None) -> Response:
    base = {"Tus-Resumable": TUS_VERSION, "Cache-Control": "no-store", **(headers or {})}
    if detail is None:
        return Response(status_code=status, headers=base)
    return JSONResponse({"detail": detail}, status_code=status, headers=base)


def _metadata(header: str) -> dict[str, str] | None:
    """Upload-Metadata: `key base64,key base64`; None when malformed."""
    values: dict[str, str] = {}
    for pair in filter(None, (p.strip() for p in header.split(","))):
        key, _, encoded = pair.partition(" ")
        try:
            values[key] = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
    return values


def _int_header(request: Request, name: str) -> int | None:
    value = request.headers.get(name, "")
    return int(value) if value.isdigit() and len(value) < 19 else None


def _gone() -> Response:
    return _tus(410, detail="Lượt tải lên này đã hết hạn và bị xoá; hãy tạo lại (POST).")


def blob_router(
    store: ServerStore,
    storage: BlobStorage,
    device: Callable[..., Who],
    upload_max_age: timedelta = UPLOAD_MAX_AGE,
) -> APIRouter:
    """The tus routes over one server store and one blob storage; `device` is the bearer-token check;
    an upload not finished within `upload_max_age` of its creation expires."""
    router = APIRouter(tags=["blobs"])
    Device = Annotated[Who, Depends(device)]

    def _live(sha256: str) -> tuple[int, dict[str, str]] | None | Response:
        """The length and `Upload-Expires` of an upload in progress; None when there is none; 410 when it
        had expired: it is removed then (the caller holds its lock)."""
        with store.transaction() as session:
            upload = session.get(BlobUpload, sha256)
            if upload is None:
                return None
            if expired(upload, upload_max_age):
                drop_upload(session, storage, upload)
                gone = True
            else:
                gone, length, expires = False, upload.length, expires_header(upload, upload_max_age)
        return _gone() if gone else (length, expires)

    def _keep_whole(sha256: str, body: bytes, mime: str, dossier: str | None, who: Who) -> None:
        """A whole scan that matched its hash: put in place and recorded for the unit, in one step (no
        partial file); an upload of it in progress is forgotten."""
        dev, unit = who
        with _lock(sha256):
            storage.put(sha256, body)
            with store.transaction() as session:
                upload = session.get(BlobUpload, sha256)
                if upload is not None:
                    drop_upload(session, storage, upload)
                if session.get(StoredBlob, (sha256, unit.id)) is None:
                    session.add(
                        StoredBlob(
                            sha256=sha256, unit_id=unit.id, size=len(body), mime=mime, device_id=dev.id,
                            dossier_id=dossier,
                        )
                    )  # fmt: skip

    def _purge_expired() -> None:
        """Remove every expired upload, each under its own lock (run before a creation takes its own)."""
        with store.transaction() as session:
            old = expired_uploads(session, upload_max_age)
        for sha in old:
            with _lock(sha):
                _live(sha)

    def _version_refused(request: Request) -> Response | None:
        if request.headers.get("Tus-Resumable") != TUS_VERSION:
            return _tus(412, {"Tus-Version": TUS_VERSION}, f"Cần giao thức tus {TUS_VERSION}.")
        return None

    def _claim(sha256: str, unit_id: int, dev_id: str | None) -> int | None:
        """The size of a verified scan the server holds, recorded for this unit too; None if not held."""
        size = storage.size(sha256)
        if size is None:
            return None
        with store.transaction() as session:
            rows = session.scalars(select(StoredBlob).where(StoredBlob.sha256 == sha256)).all()
            if not rows:
                return None  # a file without its record (a crash between the two): uploaded again
            if all(row.unit_id != unit_id for row in rows):
                first = rows[0]
                session.add(
                    StoredBlob(sha256=sha256, unit_id=unit_id, size=size, mime=first.mime, device_id=dev_id)
                )
        return size

    @router.options(f"{BLOBS}/", status_code=204)
    def options() -> Response:
        """What this server speaks of tus."""
        return _tus(
            204,
            {
                "Tus-Version": TUS_VERSION,
                "Tus-Extension": "creation,creation-with-upload,checksum,expiration",
                "Tus-Checksum-Algorithm": ",".join(_CHECKSUMS),
                "Tus-Max-Size": str(MAX_BLOB_BYTES),
            },
        )

    @router.post(f"{BLOBS}/", status_code=201)
    async def create(request: Request, who: Device) -> Response:
        """Create (or find) the upload of one scan, named by its SHA-256; with a body
        (`creation-with-upload`), its first chunk."""
        body = await _arrived(request)
        return await run_in_threadpool(_create, request, body, who)

    def _create(request: Request, body: bytes, who: Who) -> Response:
        dev, unit = who
        refused = _version_refused(request)
        if refused is not None:
            return refused
        length = _int_header(request, "Upload-Length")
        meta = _metadata(request.headers.get("Upload-Metadata", ""))
        if length is None or meta is None:
            return _tus(400, detail="Thiếu hoặc sai Upload-Length / Upload-Metadata.")
        sha256 = meta.get("sha256", "")
        mime = meta.get("filetype", "application/pdf")
        dossier = meta.get("dossier") or None
        if not _SHA.match(sha256) or (dossier is not None and not re.match(UUID_PATTERN, dossier)):
            return _tus(400, detail="Upload-Metadata cần mã SHA-256 của bản số hoá (và mã hồ sơ hợp lệ).")
        if length > MAX_BLOB_BYTES:
            return _tus(
                413,
                detail=f"Bản số hoá quá lớn ({length // 1024} KB; tối đa {MAX_BLOB_BYTES // (1024 * 1024)} MB).",
            )
        if mime not in BLOB_TYPES:
            return _tus(
                415, detail=f"Máy chủ tỉnh không nhận tệp loại '{mime[:60]}' (chỉ PDF, JPEG, PNG, TIFF)."
            )
        held = _claim(sha256, unit.id, dev.id)
        if held is not None:
            return _tus(201, {"Location": f"{BLOBS}/sha256/{sha256}", "Upload-Offset": str(held)})
        if body and len(body) == length and _chunk_refused(request, body) is None:
            if hashlib.sha256(body).hexdigest() != sha256:
                body = b""  # not the scan it names: not kept (the client sends it again by PATCH)
            else:  # the whole scan in one request: kept at once
                try:
                    _keep_whole(sha256, body, mime, dossier, who)
                except StorageFull:
                    return _full()
                return _tus(201, {"Location": f"{BLOBS}/sha256/{sha256}", "Upload-Offset": str(length)})
        _purge_expired()  # abandoned uploads go as new ones come, so a running server frees them itself
        with _lock(sha256):
            with store.transaction() as session:
                upload = session.get(BlobUpload, sha256)
                if upload is not None and upload.length != length:
                    session.delete(upload)
                    session.flush()
                    storage.discard(sha256)
                    upload = None
                if upload is None:
                    upload = BlobUpload(
                        sha256=sha256, length=length, mime=mime, unit_id=unit.id, device_id=dev.id,
                        dossier_id=dossier, created_at=utcnow(),
                    )  # fmt: skip
                    session.add(upload)
                expires = expires_header(upload, upload_max_age)
                try:
                    offset = storage.begin(sha256)
                except StorageFull:
                    return _full()
            location = f"{BLOBS}/uploads/{sha256}"
            # the first chunk under the same lock: a client that lost the answer and asks again finds it
            if body and offset == 0 and _chunk_refused(request, body) is None:
                written = _write(sha256, 0, body, who)
                if written.status_code == 507:
                    return written
                if written.status_code == 204:  # otherwise not kept: the client goes on by PATCH
                    offset = int(written.headers["Upload-Offset"])
                    if offset >= length:
                        location = f"{BLOBS}/sha256/{sha256}"  # verified, as "already held"
        return _tus(201, {"Location": location, "Upload-Offset": str(offset), **expires})

    @router.head(f"{BLOBS}/uploads/{{sha256}}")
    def upload_offset(sha256: str, request: Request, _who: Device) -> Response:
        """How many bytes of an upload the server holds (resume from there)."""
        if not _SHA.match(sha256):
            return _tus(404)
        with _lock(sha256):
            live = _live(sha256)
            offset = storage.partial_size(sha256)
        if isinstance(live, Response):
            return live
        if live is None or offset is None:
            return _tus(404)
        length, expires = live
        return _tus(200, {"Upload-Offset": str(offset), "Upload-Length": str(length), **expires})

    @router.patch(f"{BLOBS}/uploads/{{sha256}}", status_code=204)
    async def append(sha256: str, request: Request, who: Device) -> Response:
        """One chunk at `Upload-Offset`; the last one is verified against the scan's SHA-256."""
        body = await _arrived(request)
        return await run_in_threadpool(_append, sha256, request, body, who)

    def _append(sha256: str, request: Request, body: bytes, who: Who) -> Response:
        refused = _version_refused(request) or _chunk_refused(request, body)
        if refused is not None:
            return refused
        offset = _int_header(request, "Upload-Offset")
        if offset is None:
            return _tus(400, detail="Thiếu Upload-Offset.")
        if not _SHA.match(sha256):
            return _tus(404)
        return _write(sha256, offset, body, who)

    def _write(sha256: str, offset: int, body: bytes, who: Who) -> Response:
        """A checked chunk at `offset`: kept (204 with the new offset; the whole scan verified after its
        last one) or refused (404, 409, 410, 413, 422, 507)."""
        with _lock(sha256):
            live = _live(sha256)
            if isinstance(live, Response):
                return live
            held = storage.partial_size(sha256)
            if live is None or held is None:
                return _tus(404)
            length, expires = live
            if held != offset:
                return _tus(409, {"Upload-Offset": str(held)}, "Upload-Offset không khớp với máy chủ.")
            if offset + len(body) > length:
                return _tus(413, detail="Dữ liệu vượt quá Upload-Length đã khai.")
            try:
                offset = storage.append(sha256, offset, body)
                if offset < length:
                    return _tus(204, {"Upload-Offset": str(offset), **expires})
                verified = storage.finish(sha256)
            except StorageFull:
                return _full()
            with store.transaction() as session:
                upload = session.get(BlobUpload, sha256)
                if upload is None:  # purged meanwhile by `admin purge-uploads` (another process)
                    return _gone()
                if verified and session.get(StoredBlob, (sha256, upload.unit_id)) is None:
                    session.add(
                        StoredBlob(
                            sha256=sha256, unit_id=upload.unit_id, size=length, mime=upload.mime,
                            device_id=upload.device_id, dossier_id=upload.dossier_id,
                        )
                    )  # fmt: skip
                session.delete(upload)
        if not verified:
            return _tus(
                422,
                detail="Bản số hoá nhận được không khớp mã SHA-256 của nó nên không được lưu: hãy gửi lại.",
            )
        _claim(sha256, who[1].id, who[0].id)
        return _tus(204, {"Upload-Offset": str(offset)})

    @router.head(f"{BLOBS}/sha256/{{sha256}}")
    def have(sha256: str, who: Device) -> Response:
        """200 when the server holds this scan verified (it is then counted for the unit); 404 otherwise."""
        dev, unit = who
        size = _claim(sha256, unit.id, dev.id) if _SHA.match(sha256) else None
        if size is None:
            return _tus(404)
        return _tus(200, {"Upload-Length": str(size)})

    @router.get(f"{BLOBS}/sha256/{{sha256}}", response_class=Response)
    def download(sha256: str, who: Device) -> Response:
        """A scan of the unit (attached at another workstation)."""
        _dev, unit = who
        if not _SHA.match(sha256):
            return _tus(404)
        with store.transaction() as session:
            mine = session.get(StoredBlob, (sha256, unit.id))
            mime = mine.mime if mine is not None else ""
        if mine is None or storage.size(sha256) is None:
            return _tus(404)
        with storage.open(sha256) as fh:
            return Response(fh.read(), media_type=mime or "application/octet-stream")

    return router


async def _arrived(request: Request) -> bytes:
    """The body, or, when the client went mid-way (a cut link), the bytes that arrived: tus core keeps
    them (a chunk with `Upload-Checksum` is then refused by its checksum, all or nothing); the whole scan
    is still hashed before it is kept."""
    pieces: list[bytes] = []
    with contextlib.suppress(ClientDisconnect):
        async for piece in request.stream():
            pieces.append(piece)
    return b"".join(pieces)


def _chunk_refused(request: Request, body: bytes) -> Response | None:
    """A chunk's type and `Upload-Checksum` (sha1 or sha256): 415, 400, or 460 when it was corrupted."""
    if request.headers.get("Content-Type") != "application/offset+octet-stream":
        return _tus(415, detail="Đoạn dữ liệu cần Content-Type application/offset+octet-stream.")
    checksum = request.headers.get("Upload-Checksum")
    if checksum is not None:
        algorithm, _, value = checksum.partition(" ")
        if algorithm not in _CHECKSUMS:
            return _tus(400, detail=f"Không hỗ trợ thuật toán kiểm tra '{algorithm[:20]}'.")
        if base64.b64encode(_CHECKSUMS[algorithm](body).digest()).decode() != value.strip():
            return _tus(460, detail="Đoạn dữ liệu bị hỏng trên đường truyền (sai mã kiểm tra): gửi lại.")
    return None


def _full() -> Response:
    return _tus(
        507,
        {"Retry-After": str(FULL_RETRY_AFTER)},
        "Máy chủ tỉnh hết chỗ lưu bản số hoá; máy trạm sẽ gửi lại sau.",
    )


def missing_blobs(
    session: Session, events: list[WireEvent], results: list[EventResult], unit_id: int
) -> list[str]:
    """SHA-256 of the scans the batch's accepted or already held events refer to that the unit does not
    hold verified yet, in the batch's order (the push answer's `missing_blobs`)."""
    held = {r.uuid for r in results if r.status in ("accepted", "duplicate")}
    wanted = list(
        dict.fromkeys(
            sha
            for event in events
            if event.uuid in held
            for sha in blob_hashes(event.type, event.payload, event.attachments)
            if sha
        )
    )
    if not wanted:
        return []
    have = set(
        session.scalars(
            select(StoredBlob.sha256).where(StoredBlob.unit_id == unit_id, StoredBlob.sha256.in_(wanted))
        )
    )
    return [sha for sha in wanted if sha not in have]

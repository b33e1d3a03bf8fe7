"""Scans to the province after the records: a small tus 1.0 client (core, creation, checksum; design §3).

For each scan the province lacks (the push answers' `missing_blobs`, and every scan of a dossier the
province already knows that was never confirmed uploaded): the file is read and hashed first (a file
missing or altered since it was attached is never sent: the reason goes on its dossier, the queue goes
on); `HEAD /blobs/sha256/<hash>` asks whether the province already has it (a page never travels twice);
otherwise `POST /blobs/` creates the upload (named by the hash, so a restarted workstation finds it again)
and `PATCH` sends chunks (for a scan the push answer has just said the province lacks, the first chunk
goes with the POST, tus `creation-with-upload`: a text page in one request). Chunks carry no
`Upload-Checksum`: the server then keeps the bytes of a chunk cut on the way (tus core), and after a drop
the server's offset is asked again and sending goes on from there, so only the bytes lost in flight are
sent twice (with a per-chunk checksum the whole cut chunk, a whole text page, went again). The integrity
check is the scan's SHA-256, its name: a chunk corrupted on the way makes the finished file mismatch, the
server deletes it (422) and the scan is sent again from zero (twice at most; nothing wrong is ever kept).
A chunk the server finds corrupted by a checksum (460, from other clients' habits) is sent again too.
Chunks start at 64 KB and follow the measured throughput (about `ChunkSizer.target` seconds each),
halved after a server failure. `Attachment.uploaded_at` is set only once the server has the whole scan
verified against its hash.

Our own client rather than `tuspy`: it is not installed here, pulls aiohttp and tinydb (its resume store)
into the counter application, and does not size chunks for the link; the requests session, timeouts,
TLS and proxy settings of `SyncHttp` are reused as they are.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from urllib.parse import urljoin

import requests
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from desktop.core.errors import StorageError
from desktop.scan.blobstore import BlobStore
from desktop.store.models import Attachment, Event
from sync.client.config import put_state
from sync.client.http import SyncHttp
from sync.client.status import SCAN_PROBLEMS, SCAN_WAITING, scan_problems
from sync.common.errors import SyncError, SyncErrorKind
from sync.common.timeutil import now_local
from sync.protocol import TUS_VERSION

ACKNOWLEDGED = ("accepted", "duplicate")


@dataclass(frozen=True)
class ScanQueue:
    """Scans waiting to reach the province: distinct files and their bytes."""

    count: int = 0
    bytes: int = 0


def waiting_scans(session: Session) -> ScanQueue:
    """What is waiting (for the sync screen and `motcua sync --status`): every distinct scan on a dossier
    not yet confirmed verified by the province (a scan taken off its dossier before it went is not sent)."""
    rows = session.execute(
        select(Attachment.sha256, func.max(Attachment.size)).where(*SCAN_WAITING).group_by(Attachment.sha256)
    ).all()
    return ScanQueue(len(rows), sum(int(size or 0) for _sha, size in rows))


@dataclass(frozen=True)
class ScanJob:
    sha256: str
    size: int
    mime: str
    dossier_id: str


def scans_to_send(session: Session, wanted: Iterable[str] = ()) -> list[ScanJob]:
    """The scans to upload now, oldest first, once per hash: those the server listed as missing and
    those of dossiers the province knows (an acknowledged event), never confirmed uploaded; not those
    taken off their dossier."""
    known = select(Event.dossier_id).where(Event.push_status.in_(ACKNOWLEDGED))
    rows = session.execute(
        select(Attachment.sha256, Attachment.size, Attachment.mime, Attachment.dossier_id)
        .where(
            *SCAN_WAITING,
            or_(Attachment.dossier_id.in_(known), Attachment.sha256.in_(list(wanted))),
        )
        .order_by(Attachment.created_at, Attachment.id)
    ).all()
    jobs: dict[str, ScanJob] = {}
    for sha, size, mime, dossier in rows:
        jobs.setdefault(sha, ScanJob(sha, int(size or 0), mime or "application/pdf", dossier))
    return list(jobs.values())


def record_outcome(session: Session, sha256: str, problem: str | None) -> list[str]:
    """After one scan: verified on the server (`problem` None: its rows marked uploaded, an earlier
    problem cleared) or not sent (the reason kept). Returns the dossiers concerned."""
    problems = scan_problems(session)
    if problem is None:
        session.execute(
            update(Attachment)
            .where(Attachment.sha256 == sha256, Attachment.uploaded_at.is_(None))
            .values(uploaded_at=now_local())
            .execution_options(synchronize_session=False)
        )
        problems.pop(sha256, None)
    else:
        problems[sha256] = problem
    put_state(session, SCAN_PROBLEMS, json.dumps(problems, ensure_ascii=False, sort_keys=True))
    return list(session.scalars(select(Attachment.dossier_id).where(Attachment.sha256 == sha256).distinct()))


class ChunkSizer:
    """Chunk sizes for the link: `start` first, then about `target` seconds of the measured throughput
    (an even 4 KB, between `low` and `high`); halved after a chunk the server failed on."""

    def __init__(
        self, start: int = 64 * 1024, low: int = 16 * 1024, high: int = 4 * 1024 * 1024, target: float = 4.0
    ) -> None:
        self.low, self.high, self.target = low, high, target
        self.current = self._bound(start)

    def _bound(self, size: float) -> int:
        return max(self.low, min(self.high, int(size) // 4096 * 4096))

    def measured(self, sent: int, seconds: float) -> None:
        if sent >= self.current // 2 and seconds > 0:  # a short last chunk says little about the link
            self.current = self._bound(min(sent / seconds * self.target, self.current * 4))

    def failed(self) -> None:
        self.current = self._bound(self.current / 2)


@dataclass
class _Upload:
    job: ScanJob
    data: bytes
    location: str = ""
    offset: int = 0
    stale: bool = True  # the offset must be asked from the server before the next chunk
    created: bool = False  # created (POST sent) once in this pass
    verified: bool = False  # the server said it holds the whole scan verified
    corrupted: int = 0
    restarts: int = 0
    steps: int = 0


class ScanUploader:
    """Uploads scans through one `SyncHttp`; `retry` runs a step with the pass's retry policy."""

    def __init__(
        self,
        http: SyncHttp,
        blobs: BlobStore,
        retry: Callable[[Callable[[], None]], None],
        sizer: ChunkSizer | None = None,
        clock: Callable[[], float] = time.monotonic,
        *,
        on_bytes: Callable[[int], None] | None = None,
    ) -> None:
        """`on_bytes(n)`: called after each chunk the server took, with its size (progress)."""
        self.http = http
        self.blobs = blobs
        self.retry = retry
        self.sizer = sizer or ChunkSizer()
        self.clock = clock
        self.on_bytes = on_bytes
        self.lacking: set[str] = set()  # scans the server said it lacks (the push answers' missing_blobs)
        self.payload_bytes = 0  # scan bytes put on the wire (chunks sent again included)
        self.verified = 0  # scans the server now holds verified
        self._started = 0.0  # when the request carrying the last chunk left

    def send(self, job: ScanJob) -> str | None:
        """Upload one scan until the server holds it verified: None, or the Vietnamese reason it was not
        sent (the local file, or the server refused it as too large or of a wrong type). Network and
        server trouble that outlasts the retries raises SyncError."""
        short = job.sha256[:12]
        try:
            data = self.blobs.read(job.sha256)
        except StorageError:
            return f"Tệp bản số hoá {short}… không còn trên máy trạm nên chưa gửi được; hãy quét lại giấy tờ."
        if hashlib.sha256(data).hexdigest() != job.sha256:
            return (
                f"Tệp bản số hoá {short}… đã bị thay đổi sau khi gắn vào hồ sơ (không khớp mã kiểm tra) nên "
                "không được gửi; hãy quét lại giấy tờ."
            )
        upload = _Upload(replace(job, size=len(data)), data)  # the bytes, hashed, are the truth
        try:
            while not upload.verified:
                self.retry(lambda: self._step(upload))
        except SyncError as exc:
            if exc.kind is SyncErrorKind.REJECTED:
                return str(exc)
            raise
        self.verified += 1
        return None

    def _headers(self, **extra: str) -> dict[str, str]:
        return {"Tus-Resumable": TUS_VERSION, **extra}

    def _have(self, sha256: str) -> bool:
        response = self.http.send("HEAD", f"/blobs/sha256/{sha256}", self._headers(), ok=(404,))
        return response.status_code == 200

    def _chunk(self, upload: _Upload) -> tuple[bytes, dict[str, str]]:
        """The next chunk from the upload's offset, and its headers."""
        chunk = upload.data[upload.offset : upload.offset + self.sizer.current]
        return chunk, {"Content-Type": "application/offset+octet-stream"}

    def _create(self, upload: _Upload) -> None:
        """POST the upload. The first time in a pass for a scan the server has just said it lacks, the first
        chunk goes with it (tus `creation-with-upload`: one round trip less a scan, the whole scan for a
        text page); the server ignores it if it already holds some bytes (an upload of an earlier pass)."""
        job = upload.job
        meta = {"sha256": job.sha256, "filetype": job.mime, "dossier": job.dossier_id}
        encoded = ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in meta.items())
        headers = {"Upload-Length": str(job.size), "Upload-Metadata": encoded}
        chunk = b""
        if not upload.created and job.sha256 in self.lacking:
            upload.offset = 0
            chunk, chunk_headers = self._chunk(upload)
            headers.update(chunk_headers)
        upload.created = True
        response = self._timed(upload, "POST", "/blobs/", self._headers(**headers), chunk)
        upload.location = urljoin(self.http.config.api + "/", response.headers.get("Location", ""))
        upload.offset = int(response.headers.get("Upload-Offset", "0"))
        upload.verified = "/blobs/sha256/" in upload.location  # already held, verified
        if chunk and upload.offset == len(chunk):  # the chunk was kept
            self._took(len(chunk))

    def _timed(
        self,
        upload: _Upload,
        method: str,
        url: str,
        headers: dict[str, str],
        chunk: bytes,
        ok: tuple[int, ...] = (),
    ) -> requests.Response:
        """One request carrying `chunk`, timed for the chunk sizer; a failure makes the offset unsure."""
        self._started = self.clock()
        self.payload_bytes += len(chunk)
        try:
            return self.http.send(method, url, headers, chunk or None, ok=ok)
        except SyncError as exc:
            upload.stale = True
            if chunk and exc.kind is SyncErrorKind.SERVER:  # a cut chunk is kept as far as it went
                self.sizer.failed()
            raise

    def _took(self, size: int) -> None:
        """The server kept a chunk of `size` bytes: the sizer learns the link, progress moves."""
        self.sizer.measured(size, self.clock() - self._started)
        if self.on_bytes is not None:
            self.on_bytes(size)

    def _resume(self, upload: _Upload) -> None:
        """Where to go on from: the server's offset, or done when it already holds the scan. A scan the
        server has not just said it lacks is first asked by hash; the POST answers "already held" too
        (its offset is then the whole length), so a scan it lacks costs one request less."""
        if not upload.location and upload.job.sha256 not in self.lacking and self._have(upload.job.sha256):
            upload.offset, upload.verified = upload.job.size, True
            return
        if upload.location and "/uploads/" in upload.location:
            response = self.http.send("HEAD", upload.location, self._headers(), ok=(404, 410))
            if response.status_code == 200:
                upload.offset = int(response.headers.get("Upload-Offset", "0"))
                return
        self._create(upload)

    def _step(self, upload: _Upload) -> None:
        """One chunk, after asking the server's offset when unsure (one retried unit: a failure at either
        point is retried by the pass's policy, and gives up when the attempts are used up)."""
        if upload.stale:
            self._resume(upload)
            upload.stale = False
            if upload.verified:
                return
        # at the end an empty chunk: every byte is there (an answer lost, or a full disk when the file
        # was put in place) and the server checks the whole scan now
        upload.steps += 1
        if upload.steps > 4 * (upload.job.size // 4096 + 10):  # answers that never move the offset
            raise SyncError("Máy chủ tỉnh không nhận tiếp bản số hoá đang gửi.", SyncErrorKind.SERVER)
        chunk, headers = self._chunk(upload)
        headers["Upload-Offset"] = str(upload.offset)
        response = self._timed(
            upload, "PATCH", upload.location, self._headers(**headers), chunk, ok=(404, 409, 410, 422, 460)
        )
        status = response.status_code
        if status == 460:  # corrupted on the way: not kept; send it again
            upload.corrupted += 1
            if upload.corrupted > 5:
                raise SyncError("Đường truyền làm hỏng dữ liệu bản số hoá nhiều lần.", SyncErrorKind.NETWORK)
        elif status == 422:  # the whole file did not match its hash: the server deleted it
            upload.restarts += 1
            if upload.restarts > 2:
                raise SyncError(str(response.json().get("detail", "")), SyncErrorKind.REJECTED)
            upload.stale, upload.location = True, ""
        elif status in (404, 409, 410):  # gone (expired on the server: created again) or elsewhere
            upload.stale = True
        else:
            upload.offset = int(response.headers.get("Upload-Offset", upload.offset + len(chunk)))
            upload.verified = upload.offset >= upload.job.size  # the last chunk's 204: verified
            self._took(len(chunk))

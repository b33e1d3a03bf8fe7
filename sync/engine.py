"""One sync pass: probe, measure the clock, top up dossier numbers, push the outbox (design §3).

A pass is single-flight per profile (`PassLock`, across the GUI and `motcua sync`) and resumable: the
answers of every batch are committed locally before the next batch leaves, so a crash or a kill at any
moment only causes a resend, which the server answers `duplicate`. Network errors, timeouts and 5xx are
retried with backoff and jitter; 429/503 wait for Retry-After; 401 ends the pass with outcome `auth`
and keeps the queue. Progress goes to a plain callback `progress(done, total, text, bytes_sent)` (events
settled of those waiting, and the bytes put on the wire so far in this pass), which may raise
`Interrupted` to cancel (as `desktop.ui.tasks.Progress` does).

Small records go first, then the scans (`_upload_blobs`, tus through `sync.client.scans`): those the push
answers list as `missing_blobs` and those of dossiers the province knows that were never confirmed
uploaded; a scan whose file is missing or altered is reported on its dossier and the rest go on.

Then what came back (`_pull_changes`, `GET /changes` from the stored cursor, page by page): each page is
applied in one local transaction with its cursor (`sync.client.changes`); a page that cannot be applied
ends the pass with nothing of it applied; the next page is fetched in a background thread while one is
applied. The province's steps appended to the dossiers' chains are pushed
back in the same pass; the unit's other workstations' dossiers come down the same way
(`sync.client.unit_dossiers`).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from desktop.scan.blobstore import BlobStore
from desktop.store import settings
from desktop.store.engine import Store
from desktop.store.events import CLOCK_OFFSET_KEY, pending_count
from desktop.store.models import SyncRun, Unit
from sync.client import changes, corrections, credentials, online
from sync.client.compat import server_health
from sync.client.config import (
    DEVICE_ID,
    LAST_EOD,
    LAST_SUCCESS,
    ClientConfig,
    get_state,
    load_config,
    put_state,
)
from sync.client.demo import DemoRefused, refuse_demo_unless_training
from sync.client.http import SyncHttp
from sync.client.numbers import reservation_days, top_up_numbers
from sync.client.outbox import Tally, apply_results, next_batch, outstanding_problems, refresh_dossiers
from sync.client.reconcile import reconcile_day
from sync.client.retry import RetryPolicy, with_retries
from sync.client.scans import (
    ChunkSizer,
    ScanUploader,
    record_outcome,
    scans_to_send,
    waiting_scans,
)
from sync.common.errors import Interrupted, SyncError, SyncErrorKind
from sync.common.text import kilobytes
from sync.common.timeutil import now_local
from sync.passlock import PassLock
from sync.protocol import (
    MAX_CHANGES_PAGE,
    BatchResult,
    ChangesPage,
    CorrectionBatch,
    CorrectionsStored,
    EventBatch,
    Health,
    Reconciliation,
)

log = logging.getLogger(__name__)
# items asked per `GET /changes` page: as many as the server gives (each page costs a commit and a round of
# reads; 10,000 upstream steps took a fifth less time in pages of 500 than of 200, `benchmarks/`)
CHANGES_PAGE = MAX_CHANGES_PAGE
FIRST_PULL_PAGE = MAX_CHANGES_PAGE  # a new workstation's first pull (the unit's whole history)
ProgressFn = Callable[[int, int, str, int], None]
T = TypeVar("T")


@dataclass(frozen=True)
class PassResult:
    """What a pass did, as plain data for the CLI summary, the status bar and the history."""

    outcome: str  # ok | offline | auth | not_enrolled | demo | busy | error | cancelled
    pushed: int = 0
    duplicates: int = 0
    rejected: int = 0  # rejected or in conflict during this pass
    pending: int = 0  # still waiting after the pass
    problems: int = 0  # all events the server has refused so far (need attention)
    bytes_sent: int = 0  # records and scans
    scans_sent: int = 0  # scans the province now holds verified (uploaded, or found already there)
    scan_bytes: int = 0  # scan bytes put on the wire (chunks sent again included)
    scans_pending: int = 0  # scans still waiting after the pass (`sync.client.scans.waiting_scans`)
    scan_bytes_pending: int = 0
    message: str = ""
    reconciled: bool | None = None  # end of day: whether the province's figures matched; None = not checked
    reconcile_details: tuple[str, ...] = ()  # end of day: what the province lacked or held differently
    received: int = 0  # items from the province applied (`GET /changes`)
    received_refused: int = 0  # items from the province refused or skipped, each with its reason
    received_notes: tuple[str, ...] = ()
    received_review: int = 0  # of those applied: dossiers flagged "Cần xem lại"
    received_online: int = 0  # of those applied: online submissions waiting at the counter
    received_dossiers: tuple[str, ...] = ()  # codes of the other workstations' dossiers that came down
    received_versions: tuple[str, ...] = ()  # catalogue and calendar versions installed
    finished_at: datetime | None = None

    @property
    def all_acknowledged(self) -> bool:
        return self.outcome == "ok" and self.pending == 0 and self.problems == 0 and self.scans_pending == 0


class SyncEngine:
    """Runs passes for one store. Thread-safe; `cancel()` stops a running pass at the next step."""

    def __init__(
        self,
        store: Store,
        *,
        policy: RetryPolicy | None = None,
        batch_size: int = 200,
        connect_timeout: float | None = None,
        read_timeout: float | None = None,
        rng: random.Random | None = None,
        chunks: Callable[[], ChunkSizer] = ChunkSizer,
        blobs: Callable[[], BlobStore] | None = None,
    ) -> None:
        """`blobs`: the profile's attachment files, sealed with its store key (the services' `blob_store`);
        without it, a store that keeps clear files only, and refuses where the profile has a store key."""
        self.store = store
        self.blobs = blobs or (lambda: BlobStore(store.profile.attachments_dir))
        self.chunks = chunks  # the scan uploader's chunk sizes, one sizer per pass
        self._scans_verified = 0  # this pass: scans the province now holds verified
        self._scan_payload = 0  # this pass: scan bytes put on the wire
        self.policy = policy or RetryPolicy()
        self.batch_size = batch_size
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.rng = rng or random.Random()
        self._cancel = threading.Event()
        self._stored_offset: int | None = None  # the clock offset this engine last wrote
        self.lock = PassLock(store.profile.root / "sync.lock")

    def cancel(self) -> None:
        self._cancel.set()

    def _sleep(self, seconds: float) -> None:
        if self._cancel.wait(seconds):
            raise Interrupted("Đã dừng đồng bộ.")

    def _config(self) -> tuple[ClientConfig, str, str]:
        with self.store.session() as session:
            config = load_config(session)
            device = get_state(session, DEVICE_ID)
            unit = session.scalars(select(Unit.code).order_by(Unit.id)).first() or ""
        if self.connect_timeout is not None or self.read_timeout is not None:
            config = replace(
                config,
                connect_timeout=self.connect_timeout or config.connect_timeout,
                read_timeout=self.read_timeout or config.read_timeout,
            )
        return config, device, unit

    # --- probe ----------------------------------------------------------------------------------------

    def probe(self) -> bool:
        """One quick `/health` call (no retries, `ClientConfig.probe_timeout`): True when the provincial
        server answered. Cheap enough to repeat every few seconds: the measured clock offset is written to
        the store only when it moved by 2 s or more (twice the resolution of the server's Date header; a
        pass always writes it)."""
        config, _device, _unit = self._config()
        if not config.server_url:
            return False
        try:
            http = SyncHttp(config)
        except SyncError:
            return False
        try:
            http.call("GET", "/health", Health, quick=True)
        except SyncError:
            return False
        finally:
            http.close()
        offset, stored = http.clock_offset_ms, self._stored_offset
        if offset is not None and (stored is None or abs(offset - stored) >= 2000):
            self._store_clock(http)
        return True

    def _store_clock(self, http: SyncHttp) -> None:
        if http.clock_offset_ms is not None:
            with self.store.transaction() as session:
                put_state(session, CLOCK_OFFSET_KEY, str(http.clock_offset_ms))
            self._stored_offset = http.clock_offset_ms

    # --- pass -----------------------------------------------------------------------------------------

    def run_pass(
        self, trigger: str = "manual", progress: ProgressFn | None = None, *, quick_start: bool = False
    ) -> PassResult:
        """One full pass; never raises for network or server trouble (see `PassResult.outcome`).

        `quick_start`: the first contact (`/health`) is one quick probe without retries, so a pass the
        officer waits for (F9, "sync and quit") says "offline" within seconds; the GUI probes and backs off
        by itself. Without it (`motcua sync`, the OS scheduler) the first contact is retried like the rest.
        """
        if not self.lock.acquire():
            busy = PassResult("busy", message="Một lượt đồng bộ khác đang chạy.")
            _log_pass(trigger, busy)
            return busy
        self._cancel.clear()
        try:
            with self.store.transaction() as session:
                run = SyncRun(trigger=trigger, outcome="running")
                session.add(run)
                session.flush()
                run_id = run.id
            result = self._run(trigger, progress, quick_start)
            with self.store.transaction() as session:
                row = session.get_one(SyncRun, run_id)
                row.finished_at = result.finished_at
                row.outcome = result.outcome
                row.pushed, row.duplicates, row.rejected = result.pushed, result.duplicates, result.rejected
                row.pending, row.bytes_sent, row.message = result.pending, result.bytes_sent, result.message
                row.received, row.received_refused = result.received, result.received_refused
                if result.received_notes:  # why items that came back were refused or skipped
                    row.message = "\n".join(filter(None, (result.message, *result.received_notes)))
                if result.outcome == "ok":
                    put_state(session, LAST_SUCCESS, (result.finished_at or now_local()).isoformat())
                    if trigger == "end_of_day":
                        put_state(session, LAST_EOD, (result.finished_at or now_local()).isoformat())
            _log_pass(trigger, result)
            return result
        finally:
            self.lock.release()

    def _run(self, trigger: str, progress: ProgressFn | None, quick_start: bool) -> PassResult:
        config, device, unit_code = self._config()
        with self.store.session() as session:
            demo = settings.is_demo(session)
        tally = Tally()
        pulled = changes.PullTally()
        self._scans_verified = self._scan_payload = 0
        http: SyncHttp | None = None
        outcome, message = "ok", ""
        reconciled: bool | None = None
        details: tuple[str, ...] = ()
        try:
            if not config.server_url or not device:
                raise SyncError("Máy trạm chưa đăng ký với máy chủ tỉnh.", SyncErrorKind.AUTH)
            token = credentials.load_token(device)
            if not token:
                raise SyncError(
                    "Không tìm thấy mã thiết bị trong kho mật khẩu: hãy đăng ký lại máy trạm.",
                    SyncErrorKind.AUTH,
                )
            http = SyncHttp(config, token)
            health = self._first_contact(http, quick_start)
            self._store_clock(http)
            if demo:
                refuse_demo_unless_training(health, config.server_url)
            self._numbers(http, unit_code)
            missing = self._push(http, unit_code, tally, progress)
            self._push_corrections(http, unit_code)
            self._upload_blobs(http, missing, progress)
            self._pull_changes(http, unit_code, pulled)
            if pulled.applied:  # the province's steps, appended to the chains, go back at once
                self._push(http, unit_code, tally, progress)
            if trigger == "end_of_day":
                check = reconcile_day(
                    self.store,
                    lambda day, detail: self._retry(lambda: _reconcile_call(http, day, detail)),
                    resend=lambda: self._resend(http, unit_code, tally, progress),
                )
                reconciled, message, details = check.matched, check.message, check.details
        except Interrupted:
            outcome, message = "cancelled", "Đã dừng đồng bộ theo yêu cầu."
        except DemoRefused as exc:
            outcome, message = "demo", str(exc)
        except SyncError as exc:
            if not device or not config.server_url:
                outcome = "not_enrolled"
            elif exc.kind is SyncErrorKind.AUTH:
                outcome = "auth"
            elif exc.kind in (SyncErrorKind.NETWORK, SyncErrorKind.SERVER):
                outcome = "offline"
            else:
                outcome = "error"
            message = str(exc)
        finally:
            if http is not None:
                http.close()
        with self.store.session() as session:
            pending = pending_count(session)
            problems = outstanding_problems(session)
            scans = waiting_scans(session)
        return PassResult(
            outcome=outcome,
            pushed=tally.accepted,
            duplicates=tally.duplicate,
            rejected=tally.rejected + tally.conflict,
            pending=pending,
            problems=problems,
            bytes_sent=http.bytes_sent if http is not None else 0,
            scans_sent=self._scans_verified,
            scan_bytes=self._scan_payload,
            scans_pending=scans.count,
            scan_bytes_pending=scans.bytes,
            message=message,
            reconciled=reconciled,
            reconcile_details=details,
            received=pulled.applied,
            received_refused=pulled.refused,
            received_notes=tuple(pulled.reasons),
            received_review=pulled.review,
            received_online=pulled.online,
            received_dossiers=tuple(dict.fromkeys(pulled.dossiers)),
            received_versions=tuple(pulled.installed),
            finished_at=now_local(),
        )

    def _first_contact(self, http: SyncHttp, quick: bool) -> Health:
        """`/health`, and a refusal before anything is sent when the server speaks another protocol version
        or needs a newer client (`sync.client.compat`)."""
        if quick:
            return server_health(http, quick=True)
        return self._retry(partial(server_health, http))

    def _retry(self, fn: Callable[[], T]) -> T:
        return with_retries(fn, self.policy, self._sleep, self.rng)

    def _numbers(self, http: SyncHttp, unit_code: str) -> None:
        for day in reservation_days(self.store, now_local().date()):
            try:
                self._retry(partial(top_up_numbers, http, self.store, unit_code, day))
            except SyncError as exc:
                if exc.kind is SyncErrorKind.AUTH:
                    raise
                log.warning("number reservation for %s failed: %s", day, exc)

    def _push(self, http: SyncHttp, unit_code: str, tally: Tally, progress: ProgressFn | None) -> list[str]:
        """Send the outbox; returns the scans the server said it lacks (`missing_blobs`)."""
        missing: dict[str, None] = {}
        with self.store.session() as session:
            total = pending_count(session)
        skip: set[str] = set()
        done = 0
        idle_rounds = 0
        if progress is not None:
            progress(0, total, "", http.bytes_sent)
        while True:
            if self._cancel.is_set():
                raise Interrupted("Đã dừng đồng bộ.")
            with self.store.transaction() as session:  # may mark unsendable events as refused
                batch = next_batch(session, self.batch_size, skip)
            if not batch:
                return list(missing)
            body = EventBatch(unit_code=unit_code, events=batch)
            answer = self._retry(partial(http.call, "POST", "/events:batch", BatchResult, body))
            with self.store.transaction() as session:
                step = apply_results(session, batch, answer.results)
            tally.add(step)
            missing.update(dict.fromkeys(answer.missing_blobs))
            skip |= step.stuck
            settled = step.accepted + step.duplicate + step.rejected + step.conflict
            done += settled
            idle_rounds = 0 if settled or step.requeued else idle_rounds + 1
            if idle_rounds >= 3:
                raise SyncError(
                    "Máy chủ tỉnh không trả lời đúng cho các sự kiện đã gửi.", SyncErrorKind.SERVER
                )
            if progress is not None:
                progress(min(done, total), max(total, done), f"{done}/{total}", http.bytes_sent)

    def _push_corrections(self, http: SyncHttp, unit_code: str) -> None:
        """The time limits the unit administrator confirmed, up as the commune's corrections
        (`sync.client.corrections`); an older server without the endpoint (404) is left alone."""
        while True:
            with self.store.session() as session:
                waiting = corrections.waiting_corrections(session, self.batch_size)
            if not waiting:
                return
            body = CorrectionBatch(unit_code=unit_code, corrections=waiting)
            try:
                answer = self._retry(
                    partial(http.call, "POST", corrections.CORRECTIONS_PATH, CorrectionsStored, body)
                )
            except SyncError as exc:
                if exc.kind is SyncErrorKind.REJECTED:
                    log.warning("the provincial server takes no catalogue corrections: %s", exc)
                    return
                raise
            with self.store.transaction() as session:
                if not corrections.mark_pushed(session, answer.stored, now_local()):
                    return  # nothing acknowledged: try again at the next pass

    def _resend(self, http: SyncHttp, unit_code: str, tally: Tally, progress: ProgressFn | None) -> None:
        """What the end-of-day check queued again: records, then scans."""
        self._push(http, unit_code, tally, progress)
        self._upload_blobs(http)

    def _upload_blobs(
        self, http: SyncHttp, missing: Sequence[str] = (), progress: ProgressFn | None = None
    ) -> None:
        """Scans after the records, one at a time, each committed as verified (or its problem recorded on
        its dossier) before the next; network trouble that outlasts the retries ends the pass. `missing`:
        the push answers' `missing_blobs`."""
        uploader = ScanUploader(http, self.blobs(), self._retry, self.chunks())
        uploader.lacking = set(missing)
        try:
            self._send_scans(uploader, missing, progress)
        finally:
            self._scans_verified += uploader.verified
            self._scan_payload += uploader.payload_bytes

    def _send_scans(
        self, uploader: ScanUploader, missing: Sequence[str], progress: ProgressFn | None
    ) -> None:
        with self.store.session() as session:
            jobs = scans_to_send(session, missing)
        total = sum(job.size for job in jobs)
        done = 0

        def sent(count: int) -> None:  # after each chunk: cancellable, and progress in bytes
            nonlocal done
            done = min(total, done + count)
            if self._cancel.is_set():
                raise Interrupted("Đã dừng đồng bộ.")
            if progress is not None:
                progress(done, total, f"{kilobytes(done)}/{kilobytes(total)}", uploader.http.bytes_sent)

        uploader.on_bytes = sent
        for job in jobs:
            if self._cancel.is_set():
                raise Interrupted("Đã dừng đồng bộ.")
            before = done
            problem = uploader.send(job)
            with self.store.transaction() as session:
                refresh_dossiers(session, record_outcome(session, job.sha256, problem))
            sent(before + job.size - done)  # a scan already there, or not sent, counts as done

    def _pull_changes(self, http: SyncHttp, unit_code: str, pulled: changes.PullTally) -> None:
        """`GET /changes` from the stored cursor until nothing more waits; each page applied with its
        cursor in one transaction (`sync.client.changes`). A page the store cannot take ends the pass
        (`error`) with nothing of it applied; an older server without the feed (404) is left alone.

        While page N is applied, page N+1 is fetched and parsed in one background thread (the socket and
        much of the parsing release the GIL; `benchmarks/sync_first_pull.py`). Pages are still applied
        strictly in order; a fetch that failed raises, as before, when its page's turn comes; the
        connection is never used by two threads at once (page N's online files are fetched before page
        N+1 is asked); the thread is gone when this returns, whatever happened."""
        with self.store.session() as session:
            since = changes.cursor(session)
        size = CHANGES_PAGE if since else FIRST_PULL_PAGE

        stop = threading.Event()  # the pass ends with a page still being fetched: its retries cut short

        def sleep(seconds: float) -> None:  # the prefetch's waits between retries: `_sleep`, and `stop`
            deadline = time.monotonic() + seconds
            while not stop.wait(min(0.05, max(0.0, deadline - time.monotonic()))):
                if self._cancel.is_set():
                    raise Interrupted("Đã dừng đồng bộ.")
                if time.monotonic() >= deadline:
                    return
            raise Interrupted("Đã dừng đồng bộ.")

        def fetch(cursor: str, retry: Callable[[Callable[[], ChangesPage]], ChangesPage]) -> ChangesPage:
            params = {"since": cursor, "limit": str(size)}
            return retry(partial(http.call, "GET", "/changes", ChangesPage, params=params))

        def retry_ahead(fn: Callable[[], ChangesPage]) -> ChangesPage:
            return with_retries(fn, self.policy, sleep, self.rng)

        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-prefetch") as prefetch:
            ahead: Future[ChangesPage] | None = None
            try:
                while True:
                    if self._cancel.is_set():
                        raise Interrupted("Đã dừng đồng bộ.")
                    try:
                        page = ahead.result() if ahead is not None else fetch(since, self._retry)
                    except SyncError as exc:
                        if exc.kind is SyncErrorKind.REJECTED and not since:
                            log.warning("the provincial server sends nothing back (GET /changes): %s", exc)
                            return
                        raise
                    ahead = None
                    blobs = self.blobs()
                    online.fetch_files(http, page, blobs, self._retry)
                    last = not page.more or page.next_cursor == since
                    if not last:
                        ahead = prefetch.submit(fetch, page.next_cursor, retry_ahead)
                    self._apply_page(page, unit_code, blobs, pulled)
                    if last:
                        return
                    since = page.next_cursor
            finally:
                stop.set()  # the executor's exit waits for a request under way; its result is dropped

    def _apply_page(
        self, page: ChangesPage, unit_code: str, blobs: BlobStore, pulled: changes.PullTally
    ) -> None:
        try:
            with self.store.transaction() as session:
                pulled.add(changes.apply_page(session, page, unit_code, blobs))
        except (SQLAlchemyError, OSError) as exc:
            log.error("a page of changes from the province could not be applied: %s", exc)
            raise SyncError(
                "Không ghi được các thay đổi tỉnh gửi về vào máy trạm (chưa áp dụng gì, lượt sau sẽ thử "
                "lại). Hãy kiểm tra ổ đĩa của máy trạm.",
                SyncErrorKind.REJECTED,
            ) from None


def _log_pass(trigger: str, result: PassResult) -> None:
    """One line per pass in the profile's log: counts and the outcome's message (our own or the server's
    Vietnamese text: never a token, a password or a citizen's data)."""
    log.log(
        logging.INFO if result.outcome == "ok" else logging.WARNING,
        "sync pass (%s): %s; sent %d, already there %d, refused %d, pending %d, problems %d, %d bytes; "
        "received %d, refused back %d%s",
        trigger,
        result.outcome,
        result.pushed,
        result.duplicates,
        result.rejected,
        result.pending,
        result.problems,
        result.bytes_sent,
        result.received,
        result.received_refused,
        f"; {result.message[:300]}" if result.message else "",
    )


def _reconcile_call(http: SyncHttp, day: str, detail: bool) -> Reconciliation:
    params = {"date": day, "scope": "device", "detail": "true" if detail else "false"}
    return http.call("GET", "/reconciliation", Reconciliation, params=params)

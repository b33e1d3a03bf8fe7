"""The reference provincial endpoint (FastAPI): health, enrolment, event batches, numbers, reconciliation.

Request bodies may be gzip-compressed (`Content-Encoding: gzip`) and are bounded (16 MiB, also after
decompression); responses are gzipped when the client accepts it. A device token may act only for its own unit; unknown, forged and revoked tokens get 401.
Database contention (SQLite busy, concurrent inserts on PostgreSQL) becomes 503 with Retry-After, which
the client honours, so it is never a 500. Malformed input is a 422 naming the field, never its value; an
unexpected failure a 500 logged without the values sent (`sync.server.failures`).
"""

from __future__ import annotations

import zlib
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from starlette.middleware.gzip import GZipMiddleware

from sync.common.timeutil import now_local
from sync.common.version import __version__
from sync.protocol import (
    API_PREFIX,
    MAX_BODY_BYTES,
    MAX_CHANGES_PAGE,
    NUMBER_DAYS_AHEAD,
    BatchResult,
    ChangesPage,
    CorrectionBatch,
    CorrectionsStored,
    DeviceConfirmed,
    EnrolRequest,
    EnrolResult,
    ErrorOut,
    EventBatch,
    Health,
    NumberBlockOut,
    NumberRequest,
    Reconciliation,
)
from sync.server.audit import audit
from sync.server.blobstore import BlobStorage, FileBlobStorage
from sync.server.corrections import store_corrections
from sync.server.failures import ASGIApp, HideFailureValues, Message, Receive, Scope, Send
from sync.server.ingest import ingest
from sync.server.limits import FailureLimiter
from sync.server.models import ServerDevice, ServerUnit
from sync.server.reconcile import day_detail, day_figures, events_digest, lineage, scans_digest
from sync.server.store import ReplacementRefused, ServerStore, WorkstationTaken, WrongUnit
from sync.server.tus import BLOBS, blob_router, missing_blobs
from sync.server.unit_dossiers import announce
from sync.server.uploads import UPLOAD_MAX_AGE
from sync.server.upstream import changes_page, parse_cursor

_bearer = HTTPBearer(auto_error=False, description="Device token from POST /devices")
_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "Missing, unknown or revoked device token"},
    403: {"model": ErrorOut, "description": "The token's unit may not do this"},
    503: {"model": ErrorOut, "description": "Busy; retry after the Retry-After header"},
}


class BoundedBodyMiddleware:
    """Read every request body, at most MAX_BODY_BYTES, and decompress `Content-Encoding: gzip` (bounded
    too) before FastAPI sees it: a huge body or a gzip bomb gets 413, broken gzip 400, never a server
    that runs out of memory. FastAPI reads whole bodies anyway, so buffering here costs nothing. A tus
    upload cut on the way reaches its route still, with the bytes that arrived (`_keeps_partial`).

    Hand-written because Starlette only compresses responses and sets no body limit.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            await _plain_error(send, 413, "Dữ liệu gửi lên quá lớn.")
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                if size and _keeps_partial(scope, headers):  # a tus chunk cut on the way: what arrived
                    await self.app(scope, _cut_short(b"".join(chunks)), send)
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                await _plain_error(send, 413, "Dữ liệu gửi lên quá lớn.")
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if headers.get(b"content-encoding", b"").lower() == b"gzip":
            try:
                body = _gunzip(body)
            except ValueError:
                await _plain_error(send, 413, "Dữ liệu gửi lên quá lớn.")
                return
            except (OSError, EOFError, zlib.error):
                await _plain_error(send, 400, "Dữ liệu nén gzip không hợp lệ.")
                return
            raw = [(k, v) for k, v in scope["headers"] if k not in (b"content-encoding", b"content-length")]
            scope = dict(scope, headers=[*raw, (b"content-length", str(len(body)).encode())])
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


def _keeps_partial(scope: Scope, headers: dict[bytes, bytes]) -> bool:
    """A tus upload (PATCH, or POST with its first chunk) not gzipped: its route keeps the bytes of a body
    cut on the way (tus core), so it sees what arrived, then the disconnect."""
    return (
        scope.get("method") in ("PATCH", "POST")
        and str(scope.get("path", "")).startswith(f"{BLOBS}/")
        and b"content-encoding" not in headers
    )


def _cut_short(body: bytes) -> Receive:
    """A receive that gives `body` as the start of a longer one, then the client's disconnect."""
    messages: list[Message] = [
        {"type": "http.request", "body": body, "more_body": True},
        {"type": "http.disconnect"},
    ]

    async def receive() -> Message:
        return messages.pop(0) if len(messages) > 1 else messages[0]

    return receive


def _gunzip(data: bytes) -> bytes:
    decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    body = decoder.decompress(data, MAX_BODY_BYTES + 1)
    if len(body) > MAX_BODY_BYTES or decoder.unconsumed_tail:
        raise ValueError("too large")
    if not decoder.eof:
        raise EOFError("truncated gzip")
    return body


async def _plain_error(send: Send, status: int, detail: str) -> None:
    body = JSONResponse({"detail": detail}).body
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _current_device(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> tuple[ServerDevice, ServerUnit]:
    """The device of the bearer token; 401 when missing, unknown, forged or revoked."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(401, "Thiếu mã thiết bị.", headers={"WWW-Authenticate": "Bearer"})
    store: ServerStore = request.app.state.store
    found = store.device_for_token(credentials.credentials)
    if found is None:
        raise HTTPException(
            401,
            "Mã thiết bị không hợp lệ hoặc đã bị thu hồi: hãy đăng ký lại máy trạm.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return found


Device = Annotated[tuple[ServerDevice, ServerUnit], Depends(_current_device)]


def default_blob_dir(store: ServerStore) -> Path:
    """Where scans go when `--blob-dir` is not given: beside an SQLite database file
    (`motcua-server.sqlite3` -> `motcua-server.blobs/`), else `motcua-blobs/` in the working folder."""
    database = store.engine.url.database if store.engine.dialect.name == "sqlite" else None
    if database and database != ":memory:":
        return Path(database).with_suffix(".blobs")
    return Path("motcua-blobs")


def create_app(
    store: ServerStore,
    training: bool = False,
    blobs: BlobStorage | None = None,
    upload_max_age: timedelta = UPLOAD_MAX_AGE,
) -> FastAPI:
    """The FastAPI application over one server store. `training`: a training server, which takes demo
    profiles and their dossiers (a real one refuses them: `sync.server.ingest`). `blobs`: where scans are
    kept (a folder created on the first upload; default `default_blob_dir`). `upload_max_age`: an upload
    of a scan not finished within it expires (`sync.server.uploads`)."""
    app = FastAPI(
        title="Một Cửa provincial sync",
        version=__version__,
        description="Reference provincial endpoint of the Một Cửa sync protocol v1 (design §3). "
        "Dossier records use the national portal's DongBoHoSoMC vocabulary.",
    )
    app.state.store = store
    storage = blobs if blobs is not None else FileBlobStorage(default_blob_dir(store))
    guesses = FailureLimiter()  # enrolment guesses, per username and per address
    app.add_middleware(GZipMiddleware, minimum_size=500)
    app.add_middleware(BoundedBodyMiddleware)
    app.add_middleware(HideFailureValues)  # outermost: a failure is logged without the values sent

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        """422 naming where and why, never the value sent: it may be citizen data, and NaN or Infinity
        cannot be written back as JSON (the default answer then failed with a 500)."""
        detail = [
            {"loc": [str(part) for part in error.get("loc", ())], "msg": str(error.get("msg", "")),
             "type": str(error.get("type", ""))}
            for error in exc.errors()
        ]  # fmt: skip
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(OperationalError)
    @app.exception_handler(IntegrityError)
    async def busy(_request: Request, _exc: DBAPIError) -> JSONResponse:
        return JSONResponse(
            {"detail": "Máy chủ đang bận, hãy thử lại sau."}, status_code=503, headers={"Retry-After": "1"}
        )

    @app.get(f"{API_PREFIX}/health", response_model=Health, response_model_exclude_none=True)
    def health() -> Health:
        """Connectivity probe: server time (for clock skew), the minimum client version, and `training`
        on a training server."""
        return Health(
            server_time=now_local(), server_version=__version__, training=True if training else None
        )

    @app.post(
        f"{API_PREFIX}/devices",
        response_model=EnrolResult,
        status_code=201,
        responses={
            401: _ERRORS[401],
            403: {
                "model": ErrorOut,
                "description": "The account belongs to another unit than `unit_code`, or the enrolment would "
                "replace a live device and the account is not the unit administrator",
            },
            409: {
                "model": ErrorOut,
                "description": "Another live device of the unit has this workstation number (and "
                "`replace_workstation` was not asked)",
            },
            429: {
                "model": ErrorOut,
                "description": "Too many wrong passwords for this username or from this address: wait "
                "`Retry-After` seconds",
            },
            503: _ERRORS[503],
        },
    )
    def enrol(
        body: EnrolRequest,
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> EnrolResult:
        """Enrol a workstation with an officer's provincial username and password; after 5 wrong passwords
        for one username or from one address, 429 with `Retry-After` for 15 minutes (`sync.server.limits`).

        An enrolment that would replace a live device (`replaces_device_id` naming one, or
        `replace_workstation`) needs the unit administrator's role, or, for `replaces_device_id`, that
        device's own token as bearer (the workstation re-enrolling itself); otherwise 403. Every
        replacement, allowed or refused, is in the audit log."""
        address = request.client.host if request.client is not None else "?"
        user_key = f"user:{body.username.strip().casefold()}"
        keys = (user_key, f"address:{address}")
        wait = guesses.retry_after(keys, now_local())
        if wait is not None:
            minutes = max(1, round(wait / 60))
            raise HTTPException(
                429,
                f"Đăng nhập sai quá nhiều lần: hãy thử lại sau khoảng {minutes} phút.",
                headers={"Retry-After": str(wait)},
            )
        try:
            enrolled = store.enrol(
                body.username,
                body.password,
                body.device_name,
                body.workstation,
                body.replaces_device_id,
                body.enrolment_id,
                body.unit_code,
                replace_workstation=body.replace_workstation,
                proof=credentials.credentials if credentials is not None else None,
                address=address,
            )
        except PermissionError as exc:
            guesses.failed(keys, now_local())
            if store.has_account(body.username):
                audit.warning(
                    "enrolment refused: wrong password for username %r from %s", body.username, address
                )
            else:  # never the text itself: it may be a password typed into the username box
                audit.warning("enrolment refused: unknown username from %s", address)
            raise HTTPException(401, str(exc)) from None
        except (WrongUnit, ReplacementRefused) as exc:
            raise HTTPException(403, str(exc)) from None
        except WorkstationTaken as exc:
            audit.warning(
                "enrolment refused: workstation %s of unit %s is held, username %r from %s",
                body.workstation, body.unit_code or "?", body.username, address,
            )  # fmt: skip
            raise HTTPException(409, str(exc)) from None
        guesses.succeeded(user_key)
        return enrolled

    @app.post(
        f"{API_PREFIX}/devices:confirm",
        response_model=DeviceConfirmed,
        response_model_exclude_none=True,
        responses={
            401: _ERRORS[401],
            409: {
                "model": ErrorOut,
                "description": "Another live device of the unit took this workstation number meanwhile",
            },
            503: _ERRORS[503],
        },
    )
    def confirm(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> DeviceConfirmed:
        """The workstation has stored the token of its pending enrolment (bearer): the device goes live,
        takes its workstation number and revokes the device it replaces. Idempotent."""
        try:
            done = store.confirm(credentials.credentials) if credentials is not None else None
        except WorkstationTaken as exc:
            raise HTTPException(409, str(exc)) from None
        if done is None:
            raise HTTPException(
                401,
                "Yêu cầu đăng ký máy trạm không còn hiệu lực: hãy đăng ký lại.",
                headers={"WWW-Authenticate": "Bearer"},
            )
        return done

    @app.post(
        f"{API_PREFIX}/events:batch",
        response_model=BatchResult,
        response_model_exclude_none=True,
        responses=_ERRORS,
    )
    def push_events(body: EventBatch, who: Device) -> BatchResult:
        """Push events in per-dossier order; each gets its own answer."""
        dev, unit = who
        if body.unit_code != unit.code:
            raise HTTPException(
                403, f"Máy trạm thuộc đơn vị {unit.code}, không được gửi hồ sơ của đơn vị khác."
            )
        with store.transaction() as session:
            results = ingest(session, body.events, unit.id, unit.code, dev.id, training=training)
            announce(session, body.events, results, unit.id, dev.id)
            missing = missing_blobs(session, body.events, results, unit.id)
        return BatchResult(results=results, missing_blobs=missing, server_time=now_local())

    @app.post(
        f"{API_PREFIX}/numbers:reserve",
        response_model=NumberBlockOut,
        responses={
            **_ERRORS,
            409: {
                "model": ErrorOut,
                "description": "No numbers left that day (the province's are 0001-0999)",
            },
        },
    )
    def reserve(body: NumberRequest, who: Device) -> NumberBlockOut:
        """A block of dossier numbers of the unit's day for this workstation; blocks never overlap and stay
        within 0001-0999 (above are the workstations' offline ranges), so the last one of a day may be
        shorter than asked."""
        dev, unit = who
        today = now_local().date()
        if not today - timedelta(days=1) <= body.day <= today + timedelta(days=NUMBER_DAYS_AHEAD):
            raise HTTPException(422, "Chỉ cấp số cho hôm qua, hôm nay và 7 ngày tới.")
        try:
            first, last = store.reserve_numbers(unit.id, body.day, body.count, dev.id)
        except OverflowError as exc:
            raise HTTPException(409, str(exc)) from None
        return NumberBlockOut(unit_code=unit.code, day=body.day, first=first, last=last)

    @app.get(
        f"{API_PREFIX}/reconciliation",
        response_model=Reconciliation,
        response_model_exclude_none=True,
        responses=_ERRORS,
    )
    def reconciliation(
        day: Annotated[date, Query(alias="date")],
        who: Device,
        scope: Annotated[
            Literal["unit", "device"],
            Query(description="`unit`: every dossier of the unit; `device`: those this workstation took in"),
        ] = "unit",
        detail: Annotated[
            bool | None,
            Query(
                description="also the digests of events and scans; `true`: each dossier as held (issue 19)"
            ),
        ] = None,
    ) -> Reconciliation:
        """The count and digest of the unit's dossiers received on a day: the end-of-day check.

        With `scope=device`, only the dossiers whose intake this workstation sent, as this device or as
        the devices it replaced at re-enrolment (the answer then says `scope: device`), so a commune with
        several workstations compares like with like. With `detail` (false or true) also the digests of
        the day's events and scans and the scans' count; `detail=true` adds each dossier as held (its
        accepted seqs and scans), so the workstation can name what differs; absent, the answer is as
        before (older clients refuse fields they do not know)."""
        dev, unit = who
        with store.transaction() as session:
            devices = lineage(session, dev.id) if scope == "device" else None
            dossiers, events, digest = day_figures(session, unit.id, day, devices)
            items = day_detail(session, unit.id, day, devices) if detail is not None else []
        answer = Reconciliation(
            unit_code=unit.code,
            date=day,
            dossiers=dossiers,
            events=events,
            digest=digest,
            scope="device" if scope == "device" else None,
        )
        if detail is None:
            return answer
        return answer.model_copy(
            update={
                "events_digest": events_digest(items),
                "scans": sum(len(item.scans) for item in items),
                "scans_digest": scans_digest(items),
                "items": items if detail else None,
            }
        )

    @app.get(
        f"{API_PREFIX}/changes",
        response_model=ChangesPage,
        response_model_exclude_none=True,
        responses={**_ERRORS, 422: {"model": ErrorOut, "description": "A cursor this server did not give"}},
    )
    def changes(
        who: Device,
        since: Annotated[
            str, Query(max_length=40, description="`next_cursor` of the last page applied")
        ] = "",
        limit: Annotated[int, Query(ge=1, le=MAX_CHANGES_PAGE)] = 200,
    ) -> ChangesPage:
        """What came back for the token's unit after `since`, in the order the server recorded it: typed
        items (`kind`; `step`: a status change made upstream, with its event for the dossier's chain;
        `dossier`: a dossier another workstation of the unit pushed, with its whole chain).
        A client skips the kinds it does not know; it stores `next_cursor` once the page is applied."""
        dev, unit = who
        try:
            after = parse_cursor(since)
        except ValueError:
            raise HTTPException(422, "Con trỏ thay đổi không hợp lệ.") from None
        with store.transaction() as session:
            return changes_page(session, unit.id, after, limit, dev.id)

    @app.post(
        f"{API_PREFIX}/catalogue:corrections",
        response_model=CorrectionsStored,
        responses=_ERRORS,
    )
    def corrections(body: CorrectionBatch, who: Device) -> CorrectionsStored:
        """The commune's corrections of the catalogue: time limits its unit administrator confirmed for
        procedures the catalogue marks unconfirmed. Idempotent by `id`; the answer lists the ids held."""
        dev, unit = who
        if body.unit_code != unit.code:
            raise HTTPException(
                403, f"Máy trạm thuộc đơn vị {unit.code}, không được gửi thay cho đơn vị khác."
            )
        with store.transaction() as session:
            stored = store_corrections(session, body.corrections, unit.id, dev.id)
        audit.info("unit %s device %s: %d catalogue corrections", unit.code, dev.id, len(stored))
        return CorrectionsStored(stored=stored)

    app.include_router(blob_router(store, storage, _current_device, upload_max_age))
    return app

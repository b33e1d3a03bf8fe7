"""Honest dossier histories built from the typed events (`sync.events`), put on the wire as a workstation
would (`sync.client.records.to_record`, the chain of `sync.events.event_hash`), and the forgeries an
attacker holding a valid device token could send (`FORGERIES`): each keeps the wire shape valid and, unless
it is the hash itself that is wrong, a hash that matches the payload sent."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import requests

from sync.client.records import to_record
from sync.common.lifecycle import BY_CODE, OPEN, Status, step_allowed
from sync.events import (
    ApplicantSnapshot,
    Corrected,
    DueExtended,
    EventBody,
    HandedOver,
    ObligationMet,
    ObligationRequested,
    ProcedureRef,
    Rated,
    Received,
    Refused,
    ResultReady,
    ResultReturned,
    Stopped,
    SupplementReceived,
    SupplementRequested,
    Withdrawn,
    event_hash,
)
from sync.protocol import API_PREFIX, EventBatch, WireEvent
from tests.sync_helpers import OFFICER, UNIT_CODE

OTHER_UNIT, OTHER_OFFICER = "H21.55.13", "canbo.xakhac"  # an account of another commune on the server
STEP = timedelta(hours=1)


@dataclass(frozen=True)
class Step:
    body: EventBody
    status: int  # the dossier's status code after the step


def received(dossier_id: str, code: str, at: datetime) -> EventBody:
    return Received.written(
        dossier_id=dossier_id,
        code=code,
        unit_code=UNIT_CODE,
        procedure=ProcedureRef(code="1.001193", name="Đăng ký khai sinh", field="Hộ tịch"),
        applicant=ApplicantSnapshot(full_name="Nguyễn Thị Lan", id_number="064190000123"),
        received_at=at,
        due_at=at + timedelta(days=3),
        status="received",
        status_code=2,
        channel="direct",
    )


def _change(kind: type[EventBody], code: str, status: Status, **fields: Any) -> EventBody:
    return kind.written(code=code, status=status.value, status_code=BY_CODE_INV[status], **fields)


BY_CODE_INV = {status: code for code, status in BY_CODE.items()}

# the honest moves: (allowed from, the event of the move at `at` from `before`, the status it leads to)
Move = Callable[[str, datetime, Status, Status], tuple[EventBody, Status] | None]


def _simple(kind: type[EventBody], starts: frozenset[Status], to: Status, stamp: str) -> Move:
    def move(code: str, at: datetime, before: Status, _previous: Status) -> tuple[EventBody, Status] | None:
        if before not in starts:
            return None
        return _change(kind, code, to, **{stamp: at}), to

    return move


def _supplement_received(
    code: str, at: datetime, before: Status, previous: Status
) -> tuple[EventBody, Status] | None:
    if before != Status.SUPPLEMENT_REQUESTED:
        return None
    back = previous if previous in (Status.RECEIVED, Status.PROCESSING) else Status.RECEIVED
    return _change(SupplementReceived, code, back, resumed_at=at), back


def _closing(
    kind: type[Refused] | type[Stopped] | type[Withdrawn], starts: frozenset[Status], to: Status
) -> Move:
    def move(code: str, at: datetime, before: Status, _previous: Status) -> tuple[EventBody, Status] | None:
        if before not in starts:
            return None
        body = kind.closing(
            at,
            code=code,
            status=to.value,
            status_code=BY_CODE_INV[to],
            reason="Theo đề nghị",
            previous_status=before.value,
        )
        return body, to

    return move


def _stay(kind: type[EventBody], starts: frozenset[Status], **fields: Any) -> Move:
    def move(code: str, at: datetime, before: Status, _previous: Status) -> tuple[EventBody, Status] | None:
        if before not in starts:
            return None
        if kind is Rated:
            return Rated.written(code=code, level="satisfied", rated_at=at), before
        return _change(kind, code, before, **fields), before

    return move


def _undo(code: str, at: datetime, before: Status, previous: Status) -> tuple[EventBody, Status] | None:
    if before == previous:
        return None
    body = _change(
        Corrected, code, previous, previous_status=before.value, corrected_at=at, reason="Ghi nhầm"
    )
    return body, previous


MOVES: list[Move] = [
    _simple(HandedOver, frozenset({Status.RECEIVED}), Status.PROCESSING, "handed_over_at"),
    _simple(
        SupplementRequested,
        frozenset({Status.RECEIVED, Status.PROCESSING}),
        Status.SUPPLEMENT_REQUESTED,
        "paused_at",
    ),
    _supplement_received,
    _simple(ObligationRequested, frozenset({Status.PROCESSING}), Status.FINANCIAL_OBLIGATION, "requested_at"),
    _simple(ObligationMet, frozenset({Status.FINANCIAL_OBLIGATION}), Status.PROCESSING, "paid_at"),
    _simple(ResultReady, frozenset({Status.PROCESSING}), Status.RESULT_READY, "result_ready_at"),
    _simple(ResultReturned, frozenset({Status.RESULT_READY}), Status.RETURNED, "returned_at"),
    _closing(Refused, frozenset({Status.RECEIVED, Status.SUPPLEMENT_REQUESTED}), Status.REFUSED),
    _closing(Stopped, OPEN, Status.STOPPED),
    _closing(Withdrawn, OPEN, Status.WITHDRAWN),
    _stay(DueExtended, OPEN, reason="Cần xác minh thêm"),
    _stay(Rated, frozenset({Status.RECEIVED, Status.RETURNED})),
    _undo,
]


def honest_steps(
    dossier_id: str, code: str, start: datetime, choices: list[int]
) -> list[tuple[Step, datetime]]:
    """The reception at `start`, then one honest move per choice (an index among the moves the dossier's
    status allows), an hour apart; stops early when no move is left."""
    steps = [(Step(received(dossier_id, code, start), 2), start)]
    before, previous = Status.RECEIVED, Status.RECEIVED
    for n, choice in enumerate(choices, start=1):
        at = start + n * STEP
        options = [made for move in MOVES if (made := move(code, at, before, previous)) is not None]
        if not options:
            break
        body, after = options[choice % len(options)]
        assert step_allowed(body.kind, before, after), (body.kind, before, after)
        steps.append((Step(body, BY_CODE_INV[after]), at))
        if body.kind == "corrected":  # a correction is not corrected in turn (`desktop.services.corrections`)
            before, previous = after, after
        elif after != before:
            before, previous = after, before
    return steps


def on_the_wire(
    dossier_id: str, steps: list[tuple[Step, datetime]], officer: str = OFFICER
) -> list[WireEvent]:
    """The steps as a workstation pushes them: chained hashes, records, payloads."""
    events: list[WireEvent] = []
    prev = ""
    for seq, (step, at) in enumerate(steps, start=1):
        event = sign(
            WireEvent(
                uuid=str(uuid.uuid4()),
                dossier_id=dossier_id,
                seq=seq,
                type=step.body.kind,
                occurred_at=at,
                officer=officer,
                prev_hash=prev,
                hash="",
                record=to_record(step.body, officer),
                payload=step.body.to_payload(),
            )
        )
        events.append(event)
        prev = event.hash
    return events


def sign(event: WireEvent) -> WireEvent:
    """The event with the hash of its own payload (what an attacker with the protocol can compute)."""
    assert event.payload is not None
    digest = event_hash(event.prev_hash, event.uuid, event.seq, event.type, event.payload)
    return event.model_copy(update={"hash": digest})


def new_dossier(n: int) -> tuple[str, str]:
    return str(uuid.uuid4()), f"{UNIT_CODE}-{n:06d}-{uuid.uuid4().hex[:8]}"


# --- forgeries: (name, the expected refused field, forge(event, previous event, honest status before)) ---


def _record(**changes: Any) -> Callable[[WireEvent, WireEvent, int], WireEvent]:
    def forge(event: WireEvent, _previous: WireEvent, _before: int) -> WireEvent:
        return event.model_copy(update={"record": event.record.model_copy(update=changes)})

    return forge


def _backwards(event: WireEvent, _previous: WireEvent, before: int) -> WireEvent:
    """A status the table does not allow from `before` (for this kind): the lowest such."""
    code = next(c for c in range(1, 11) if not step_allowed(event.type, BY_CODE[before], BY_CODE[c]))
    return event.model_copy(update={"record": event.record.model_copy(update={"TrangThaiHoSo": code})})


def _officer(event: WireEvent, _previous: WireEvent, _before: int) -> WireEvent:
    return event.model_copy(update={"officer": OTHER_OFFICER})


def _future(event: WireEvent, _previous: WireEvent, _before: int) -> WireEvent:
    return event.model_copy(update={"occurred_at": event.occurred_at + timedelta(days=30)})


def _before_previous(event: WireEvent, previous: WireEvent, _before: int) -> WireEvent:
    return event.model_copy(update={"occurred_at": previous.occurred_at - timedelta(days=2)})


def _payload(event: WireEvent, _previous: WireEvent, _before: int) -> WireEvent:
    assert event.payload is not None
    return event.model_copy(update={"payload": {**event.payload, "reason": "Nội dung đã bị sửa"}})


FORGERIES: dict[str, tuple[str, Callable[[WireEvent, WireEvent, int], WireEvent]]] = {
    "reception date moved to 2020": ("NgayTiepNhan", _record(NgayTiepNhan="20200106080000")),
    "channel changed": ("KenhThucHien", _record(KenhThucHien=2)),
    "applicant renamed": ("ChuHoSo", _record(ChuHoSo="Trần Văn Khác")),
    "applicant's ID number changed": ("MaDoiTuong", _record(MaDoiTuong="001099999999")),
    "applicant kind changed": ("LoaiDoiTuong", _record(LoaiDoiTuong=2)),
    "procedure changed": ("MaTTHC", _record(MaTTHC="2.000815")),
    "status the table does not allow": ("TrangThaiHoSo", _backwards),
    "officer of another unit": ("officer", _officer),
    "moment in the future": ("occurred_at", _future),
    "moment before the previous step": ("occurred_at", _before_previous),
    "payload that does not match its hash": ("hash", _payload),
}


def push(url: str, token: str, events: list[WireEvent]) -> list[dict[str, Any]]:
    """POST /events:batch with a device token; the per-event answers."""
    answer = requests.post(
        f"{url}{API_PREFIX}/events:batch",
        data=EventBatch(unit_code=UNIT_CODE, events=events).model_dump_json(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    results: list[dict[str, Any]] = answer.json()["results"]
    return results

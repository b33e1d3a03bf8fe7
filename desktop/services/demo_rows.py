"""The rows of synthetic demo dossiers (`desktop.services.demo`): one dossier at a time, as SQLite stores them.

Each dossier gets its applicant, its procedure's papers, a status plausible for its age with the moments that
status implies (inside office hours), and its events, hash-chained like every event, so its history matches
its status: the `received` event (`sync.events.Received`, as `desktop.services.intake_mapping` builds it, so
a demo profile syncs like a real one), then what the services would have appended to reach the status (hand-over,
result ready, result returned; refused, stopped or withdrawn with the reason; a supplement request with its
open pause and missing paper). Events are the typed ones of `sync.events`.

Nothing of a demo profile was ever sent anywhere (it never syncs with a real province), so every demo event
is waiting in the outbox and every dossier's sync badge says so, as the status bar's count does; a training
server (`motcua-server --training`) takes them all.
Values are the stored ones (ISO strings, JSON text, 0/1), for `executemany` straight to the driver.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Container
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import Connection

from desktop.core.appointment import OfficeHours, ProcessingTime, compute_due, time_rule_record
from desktop.core.calendar import WorkCalendar
from desktop.core.rating import NEEDS_REASON, level_of
from desktop.core.status import NATIONAL_CODES, Status
from desktop.services.demo_clock import HOUR_US, office_moment, office_position
from desktop.services.demo_people import PeopleFactory, Person
from desktop.store.list_keys import list_values
from desktop.store.models import Applicant, DocumentLine, Dossier, DossierPause, Event, LocalDateTime
from desktop.store.numbers import format_code
from sync.events import (
    ApplicantSnapshot,
    Change,
    Closing,
    DocumentSnapshot,
    DueExtended,
    HandedOver,
    MissingPaper,
    ProcedureRef,
    Rated,
    Received,
    Refused,
    ResultReady,
    ResultReturned,
    Stopped,
    SubmitterSnapshot,
    SupplementReceived,
    SupplementRequested,
    TypedEvent,
    Withdrawn,
    event_hash,
)

C = TypeVar("C", bound=Change)

REPEAT_VISITS = 0.12  # share of dossiers brought by someone who came before
BROUGHT_BY_OTHERS = 0.15  # share brought by someone else (người nộp: a relative, a neighbour)
BY_POST = 0.05  # share whose result is returned by post to the applicant's address
SUPPLEMENT_REASON = "Thiếu giấy tờ theo quy định (dữ liệu mẫu)"
SUPPLEMENT_NOTE = "Cần nộp bổ sung (dữ liệu mẫu)"
# the mix of a history worth reporting on (lifecycle §6): shares of the dossiers handed over
LATE = 0.07  # result after the appointment
SUPPLEMENT_ROUND = 0.08  # one supplement round during processing, closed (the appointment moves)
KEPT_DUE = 0.9  # share of the dossiers whose appointment has passed that were resolved (the rest: overdue)
EXTENSION = 0.03  # the appointment extended (form 04) before it passed
ONLINE, BY_POST_RECEIVED = 0.08, 0.04  # channels of receipt (the rest: at the counter)
RATED = 0.45  # share of returned dossiers rated; then the levels' weights (stored points)
RATING_WEIGHTS = {5: 0.55, 4: 0.4, 2: 0.05}
DISSATISFIED_REASON = "Thời gian chờ lâu (dữ liệu mẫu)"
EXTENSION_REASON = "Cần xác minh thêm thông tin (dữ liệu mẫu)"
SYNCED_AFTER_DAYS = 10  # dossiers received longer ago were synced; recent ones still wait

# who processes a procedure of each field after the counter hands it over (plausible commune bodies)
PROCESSING_UNITS = {
    "Chứng thực": "Công chức Tư pháp - Hộ tịch",
    "Hộ tịch": "Công chức Tư pháp - Hộ tịch",
    "Đăng ký, quản lý cư trú": "Công an xã",
    "Thành lập và hoạt động của hộ kinh doanh": "Phòng Kinh tế",
}
DEFAULT_PROCESSING_UNIT = "Văn phòng HĐND và UBND xã"


def _delivery_status(stamps: Container[str]) -> str:
    """The delivery track as `desktop.services.result` leaves it: at the counter once ready, then delivered."""
    if "returned_at" in stamps:
        return "delivered"
    return "at_counter" if "result_ready_at" in stamps else ""


@dataclass(frozen=True)
class SeedContext:
    unit_id: int
    unit_code: str
    officer_id: int
    procedures: list[Any]
    weights: list[float]
    calendar: WorkCalendar
    hours: OfficeHours
    now: datetime  # the seeding's "now" (the application clock unless a caller pins it)
    today: date
    reception_name: str = "BỘ PHẬN MỘT CỬA"  # the unit's counter, which hands dossiers over


_STORED = LocalDateTime()


def _iso(value: datetime | None) -> str | None:
    """A datetime as `LocalDateTime` stores it."""
    return _STORED.process_bind_param(value, None)


@dataclass(frozen=True)
class _Procedure:
    """What every dossier of one procedure shares, converted once."""

    id: int
    code: str
    name: str
    fee: int | None
    rule: ProcessingTime
    processing_unit: str
    time_rule: str  # JSON
    documents: list[dict[str, Any]]
    document_ids: list[int]
    snapshot: dict[str, str]  # the `procedure` part of the intake snapshot

    @classmethod
    def of(cls, procedure: Any, hours: OfficeHours) -> _Procedure:
        rule = ProcessingTime.from_procedure(procedure)
        return cls(
            id=procedure.id,
            code=procedure.code,
            name=procedure.name,
            fee=procedure.fee_amount,
            rule=rule,
            processing_unit=PROCESSING_UNITS.get(procedure.field, DEFAULT_PROCESSING_UNIT),
            time_rule=json.dumps(time_rule_record(rule, hours)),
            documents=[
                {"name": d.name, "originals": d.originals, "copies": d.copies} for d in procedure.documents
            ],
            document_ids=[d.id for d in procedure.documents],
            snapshot={
                "code": procedure.code,
                "name": procedure.name,
                "field": procedure.field,
                "field_code": procedure.field_code,
            },
        )


class Rows:
    """The rows of one chunk, per table, as the values SQLite stores; written together."""

    def __init__(self) -> None:
        self.applicants: list[dict[str, Any]] = []
        self.dossiers: list[dict[str, Any]] = []
        self.lines: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.pauses: list[dict[str, Any]] = []

    def write(self, conn: Connection) -> None:
        for model, rows in (
            (Applicant, self.applicants),
            (Dossier, self.dossiers),
            (DocumentLine, self.lines),
            (Event, self.events),
            (DossierPause, self.pauses),
        ):
            if rows:
                _insert(conn, model.__table__, rows)


def _insert(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """`executemany` straight to the driver: the given columns plus every scalar column default.

    SQLAlchemy's own executemany converts each parameter in Python and took most of the seeding time, so
    the rows already hold stored values (ISO strings for `LocalDateTime` and dates, JSON text, 0/1).
    """
    keys = list(rows[0])
    defaults = {
        column.name: int(column.default.arg) if isinstance(column.default.arg, bool) else column.default.arg
        for column in table.columns
        if column.name not in keys and column.default is not None and column.default.is_scalar
    }
    columns = [*keys, *defaults]
    sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    tail = tuple(defaults.values())
    conn.exec_driver_sql(sql, [(*row.values(), *tail) for row in rows])


class Builder:
    """Makes the rows of one dossier at a time; remembers recent visitors and the numbers used per day."""

    def __init__(
        self, rng: random.Random, context: SeedContext, people: PeopleFactory, history_synced: bool = True
    ) -> None:
        self.rng = rng
        self.history_synced = history_synced
        self.context = context
        self.people = people
        self.procedures = [_Procedure.of(p, context.hours) for p in context.procedures]
        self.used: dict[date, int] = {}
        self.recent: list[Person] = []
        # its own generator, so the other demo data stays what the seed always made
        self.errands = random.Random(f"errands-{context.unit_code}")
        self.mix = random.Random(f"mix-{rng.random()}")  # channels and ratings (the seed decides it too)
        # nothing happens after the last office moment up to now (capped moments stay in office hours)
        now = office_position(context.calendar, context.hours, context.now)
        self.latest = office_moment(context.calendar, context.hours, now, late=False)

    def person(self) -> Person:
        if self.recent and self.rng.random() < REPEAT_VISITS:
            return self.rng.choice(self.recent)
        person = self.people.person()
        self.recent.append(person)
        if len(self.recent) > 1000:
            del self.recent[:500]
        return person

    def submitter(self, applicant: Person) -> Person | None:
        """Someone else who brought the applicant's dossier, or None (the applicant came)."""
        others = [p for p in self.recent[-50:] if p.full_name != applicant.full_name]
        if not others or self.errands.random() >= BROUGHT_BY_OTHERS:
            return None
        return self.errands.choice(others)

    def build(self, rows: Rows, received: datetime) -> None:
        rng, context = self.rng, self.context
        person = self.person()
        bringer = self.submitter(person)
        submitter = {"name": "", "id_number": "", "phone": ""}
        if bringer is not None:
            submitter = {"name": bringer.full_name, "id_number": bringer.id_number, "phone": bringer.phone}
        delivery = "postal" if self.errands.random() < BY_POST else "counter"
        delivery_address = person.address if delivery == "postal" else ""
        procedure = rng.choices(self.procedures, context.weights)[0]
        day = received.date()
        self.used[day] = self.used.get(day, 0) + 1
        code = format_code(context.unit_code, day, self.used[day])
        due = compute_due(received, procedure.rule, context.calendar, context.hours)
        status, moments = _life(rng, context, received, due)
        if "pause" in moments and (moments["pause"][1] > self.latest or not procedure.documents):
            # the round would end after now, or there is no paper to ask for
            del moments["pause"], moments["due"]
        if "extension" in moments and moments["extension"][0] > self.latest:
            del moments["extension"]
        original_due = due
        due = moments.get("due", due)
        extended_due = moments["extension"][1] if "extension" in moments else None
        channel = self._channel()
        rating = self._rating() if status is Status.RETURNED else None
        synced = self.history_synced and (context.today - day).days > SYNCED_AFTER_DAYS
        capped = {k: min(v, self.latest) for k, v in moments.items() if isinstance(v, datetime)}
        stamps = {k: _iso(v) for k, v in capped.items()}
        at, due_at = _iso(received), _iso(due)
        applicant_id, dossier_id, event_id = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
        applicant = {
            "id": applicant_id,
            "kind": "person",
            "full_name": person.full_name,
            "id_number": person.id_number,
            "id_issue_date": person.id_issue_date.isoformat(),
            "date_of_birth": person.date_of_birth.isoformat(),
            "gender": person.gender,
            "phone": person.phone,
            "address": person.address,
            "province_code": person.id_number[:3],
        }
        rows.applicants.append({**applicant, "created_at": at})
        rows.dossiers.append(
            {
                "id": dossier_id,
                "code": code,
                "unit_id": context.unit_id,
                "procedure_id": procedure.id,
                "applicant_id": applicant_id,
                "officer_id": context.officer_id,
                "status": status.value,
                "status_code": NATIONAL_CODES[status],
                "channel": channel,
                "extended_due_at": _iso(extended_due),
                "rating": rating[0] if rating else None,
                "payment_channel": "cash" if procedure.fee and status is not Status.REFUSED else "",
                "submitter_name": submitter["name"],
                "submitter_id_number": submitter["id_number"],
                "submitter_phone": submitter["phone"],
                "delivery": delivery,
                "delivery_address": delivery_address,
                "summary": procedure.name,
                "submitted_at": at,
                "received_at": at,
                "due_at": due_at,
                "calendar_version": context.calendar.version,
                "time_rule": procedure.time_rule,
                "fee_amount": procedure.fee,
                "handed_over_at": stamps.get("handed_over_at"),
                "processing_unit": procedure.processing_unit if "handed_over_at" in stamps else "",
                "result_ready_at": stamps.get("result_ready_at"),
                "returned_at": stamps.get("returned_at"),
                "finished_at": stamps.get("finished_at"),
                "result_kind": "granted" if "result_ready_at" in stamps else "",
                "delivery_status": _delivery_status(stamps),
                "reason": moments.get("reason", ""),
                "sync_status": "synced" if synced else "pending",
                **list_values(
                    code=code,
                    applicant_name=person.full_name,
                    id_number=person.id_number,
                    phone=person.phone,
                    procedure_code=procedure.code,
                    procedure_name=procedure.name,
                    submitter_name=submitter["name"],
                    submitter_id_number=submitter["id_number"],
                    submitter_phone=submitter["phone"],
                ),
                "created_at": at,
                "updated_at": stamps.get("finished_at") or at,
            }
        )
        for position, (document_id, document) in enumerate(
            zip(procedure.document_ids, procedure.documents, strict=True), start=1
        ):
            rows.lines.append(
                {
                    "dossier_id": dossier_id,
                    "position": position,
                    "procedure_document_id": document_id,
                    "name": document["name"],
                    "originals": document["originals"],
                    "copies": document["copies"],
                    "received": 1,
                    "missing_note": "",
                }
            )
        # as `desktop.services.intake_mapping.received_event` builds it, so a demo profile syncs like a real one
        received_event = Received(
            snapshot_version=1,
            dossier_id=dossier_id,
            code=code,
            unit_code=context.unit_code,
            procedure=ProcedureRef(**procedure.snapshot),
            applicant=ApplicantSnapshot(**applicant),
            submitter=SubmitterSnapshot(**submitter),
            documents=[
                DocumentSnapshot(
                    **document, position=position, received=True, procedure_document_id=document_id
                )
                for position, (document_id, document) in enumerate(
                    zip(procedure.document_ids, procedure.documents, strict=True), start=1
                )
            ],
            received_at=received,
            due_at=original_due,
            status=Status.RECEIVED.value,
            status_code=NATIONAL_CODES[Status.RECEIVED],
            channel=channel,
            delivery=delivery,
            delivery_address=delivery_address,
            summary=procedure.name,
            fee_amount=procedure.fee,
            calendar_version=context.calendar.version,
            demo=True,
        )
        payload = received_event.to_payload()
        first = {
            "uuid": event_id,
            "dossier_id": dossier_id,
            "seq": 1,
            "type": Received.kind,
            "payload": json.dumps(payload),
            "officer_id": context.officer_id,
            "device_time": at,
            "clock_offset_ms": 0,
            "prev_hash": "",
            "hash": event_hash("", event_id, 1, Received.kind, payload),
            "push_status": "pending",
            "push_error": "",
            "pushed_at": None,
        }
        first_event = len(rows.events)
        rows.events.append(first)
        chain = _Chain(rows, first, code)
        if status is Status.SUPPLEMENT_REQUESTED:
            self._supplement(rows, chain, dossier_id, capped["paused_at"])
        elif status in CLOSINGS:
            when = capped["finished_at"]
            closing = CLOSINGS[status].closing(
                when, **chain.state(status), reason=moments["reason"], previous_status=Status.RECEIVED.value
            )
            chain.add(closing, when)
        else:
            self._processing(chain, capped, procedure.processing_unit, moments, original_due)
            if rating is not None:
                when = capped["returned_at"]
                chain.add(Rated.written(code=code, level=rating[1], reason=rating[2], rated_at=when), when)
        if "pause" in moments:
            started, ended = moments["pause"]
            rows.pauses.append(
                {"dossier_id": dossier_id, "started_at": _iso(started), "ended_at": _iso(ended),
                 "reason": SUPPLEMENT_REASON}
            )  # fmt: skip
        if synced:  # the province acknowledged every event once the dossier reached its status
            for event in rows.events[first_event:]:
                event["push_status"], event["pushed_at"] = "accepted", chain.last["device_time"]

    def _channel(self) -> str:
        roll = self.mix.random()
        return "online" if roll < ONLINE else "postal" if roll < ONLINE + BY_POST_RECEIVED else "direct"

    def _rating(self) -> tuple[int, str, str] | None:
        """(stored points, level, reason) of a returned dossier's rating, or None (not rated)."""
        if self.mix.random() >= RATED:
            return None
        points = self.mix.choices(list(RATING_WEIGHTS), list(RATING_WEIGHTS.values()))[0]
        level = level_of(points)
        assert level is not None
        return points, level.value, DISSATISFIED_REASON if level in NEEDS_REASON else ""

    def _processing(
        self,
        chain: _Chain,
        capped: dict[str, datetime],
        processing_unit: str,
        moments: dict[str, Any],
        due: datetime | None,
    ) -> None:
        """Hand-over, a supplement round, an extension, result ready and result returned, as far as the
        dossier got (`desktop.services.followup`, `desktop.services.intake`)."""
        if "handed_over_at" in capped:
            when = capped["handed_over_at"]
            chain.add(chain.change(HandedOver, Status.PROCESSING, handed_over_at=when,
                      from_unit=self.context.reception_name, to_unit=processing_unit, receiver=""), when)  # fmt: skip
        if "pause" in moments:
            paused, resumed = moments["pause"]
            line = chain.rows.lines[-1]
            missing = [MissingPaper(position=line["position"], name=line["name"], note=SUPPLEMENT_NOTE)]
            chain.add(chain.change(SupplementRequested, Status.SUPPLEMENT_REQUESTED, reason=SUPPLEMENT_REASON,
                      missing=missing, paused_at=paused, previous_status=Status.PROCESSING.value), paused)  # fmt: skip
            chain.add(chain.change(SupplementReceived, Status.PROCESSING, resumed_at=resumed, paused_at=paused,
                      documents_received=[line["position"]], due_at=moments["due"], previous_due_at=due,
                      calendar_version=self.context.calendar.version), resumed)  # fmt: skip
            due = moments["due"]
        if "extension" in moments:
            when, extended = moments["extension"]
            chain.add(chain.change(DueExtended, Status.PROCESSING, reason=EXTENSION_REASON,
                      previous_due_at=due, extended_due_at=extended), when)  # fmt: skip
        if "result_ready_at" in capped:
            when = capped["result_ready_at"]
            chain.add(chain.change(ResultReady, Status.RESULT_READY, result_ready_at=when,
                      previous_status=Status.PROCESSING.value, result_kind="granted"), when)  # fmt: skip
        if "returned_at" in capped:
            when = capped["returned_at"]
            chain.add(chain.change(ResultReturned, Status.RETURNED, returned_at=when, receiver="",
                      previous_status=Status.RESULT_READY.value, receiver_kind="owner"), when)  # fmt: skip

    def _supplement(self, rows: Rows, chain: _Chain, dossier_id: str, paused: datetime) -> None:
        """What `request_supplement` leaves: the last paper missing, the clock paused, the event (seq 2)."""
        line = rows.lines[-1]
        line["received"], line["missing_note"] = 0, SUPPLEMENT_NOTE
        rows.pauses.append(
            {
                "dossier_id": dossier_id,
                "started_at": _iso(paused),
                "ended_at": None,
                "reason": SUPPLEMENT_REASON,
            }
        )
        requested = chain.change(
            SupplementRequested,
            Status.SUPPLEMENT_REQUESTED,
            reason=SUPPLEMENT_REASON,
            missing=[MissingPaper(position=line["position"], name=line["name"], note=SUPPLEMENT_NOTE)],
            paused_at=paused,
            previous_status=Status.RECEIVED.value,
        )
        chain.add(requested, paused)


CLOSINGS: dict[Status, type[Closing]] = {  # as `close_dossier` records them
    Status.REFUSED: Refused,
    Status.STOPPED: Stopped,
    Status.WITHDRAWN: Withdrawn,
}


class _Chain:
    """Appends a dossier's later events after `first`, hash-chained, as the services write them."""

    def __init__(self, rows: Rows, first: dict[str, Any], code: str) -> None:
        self.rows, self.last, self.code = rows, first, code

    def state(self, status: Status) -> dict[str, Any]:
        """The code and status every change event carries."""
        return {"code": self.code, "status": status.value, "status_code": NATIONAL_CODES[status]}

    def change(self, kind: type[C], status: Status, **fields: Any) -> C:
        return kind.written(**self.state(status), **fields)

    def add(self, event: TypedEvent, at: datetime) -> None:
        payload = event.to_payload()
        event_id, seq = str(uuid.uuid4()), self.last["seq"] + 1
        self.last = {
            **self.last,
            "uuid": event_id,
            "seq": seq,
            "type": event.kind,
            "payload": json.dumps(payload),
            "device_time": _iso(at),
            "prev_hash": self.last["hash"],
            "hash": event_hash(self.last["hash"], event_id, seq, event.kind, payload),
        }
        self.rows.events.append(self.last)


def _life(
    rng: random.Random, context: SeedContext, received: datetime, due: datetime | None
) -> tuple[Status, dict[str, Any]]:
    """A status plausible for the dossier's age, with the moments that status implies."""
    status = _status(rng.random(), (context.today - received.date()).days)
    if status in (Status.RECEIVED, Status.PROCESSING) and due is not None and due < context.now:
        # most dossiers whose appointment has passed were resolved; some stay overdue
        status = Status.RETURNED if rng.random() < KEPT_DUE else status
    return status, _moments(rng, context, status, received, due)


def _status(roll: float, age: int) -> Status:
    """The status of a dossier `age` days old for a uniform `roll` in [0, 1)."""
    table: tuple[tuple[float, Status], ...]
    if age > 30:
        table = ((0.93, Status.RETURNED), (0.95, Status.RESULT_READY), (0.97, Status.REFUSED),
                 (0.98, Status.WITHDRAWN), (0.99, Status.STOPPED), (1.0, Status.PROCESSING))  # fmt: skip
    elif age > 7:
        table = ((0.75, Status.RETURNED), (0.85, Status.RESULT_READY), (0.92, Status.PROCESSING),
                 (0.96, Status.SUPPLEMENT_REQUESTED), (0.98, Status.REFUSED), (0.99, Status.WITHDRAWN),
                 (1.0, Status.STOPPED))  # fmt: skip
    else:
        table = ((0.3, Status.RECEIVED), (0.6, Status.PROCESSING), (0.8, Status.RESULT_READY),
                 (0.95, Status.RETURNED), (1.0, Status.SUPPLEMENT_REQUESTED))  # fmt: skip
    return next(s for limit, s in table if roll < limit)


def _moments(
    rng: random.Random, context: SeedContext, status: Status, received: datetime, due: datetime | None
) -> dict[str, Any]:
    """The moments (in office hours) and reason a dossier in `status` has."""
    # every later moment lies in office hours: positions on the office time line, as the legal clock counts
    day = context.hours.day_length
    start = office_position(context.calendar, context.hours, received)
    end = office_position(context.calendar, context.hours, due) if due is not None else start + 3 * day
    span = max(HOUR_US, end - start)

    def at(position: float) -> datetime:
        return office_moment(context.calendar, context.hours, int(position))

    moments: dict[str, Any] = {}
    if status is Status.SUPPLEMENT_REQUESTED:
        moments["paused_at"] = at(start + HOUR_US * rng.uniform(0.05, 1.0))
        moments["reason"] = SUPPLEMENT_REASON
        return moments
    if status in (Status.REFUSED, Status.WITHDRAWN, Status.STOPPED):
        moments["finished_at"] = at(start + span * rng.uniform(0.05, 0.6))
        moments["reason"] = {
            Status.REFUSED: "Hồ sơ không thuộc thẩm quyền giải quyết (dữ liệu mẫu)",
            Status.WITHDRAWN: "Công dân xin rút hồ sơ (dữ liệu mẫu)",
            Status.STOPPED: "Dừng giải quyết theo đề nghị của cơ quan chuyên môn (dữ liệu mẫu)",
        }[status]
        return moments
    handed = start + HOUR_US * rng.uniform(0.1, 2.0)  # the counter hands over within two office hours
    if status in (Status.PROCESSING, Status.RESULT_READY, Status.RETURNED):
        moments["handed_over_at"] = at(handed)
    ready = start + span * rng.uniform(0.3, 0.98)
    late = rng.random() < LATE
    if late:  # the body missed the appointment by up to two working days
        ready = start + span + rng.uniform(0.05 * HOUR_US, 2 * day)
    last, shift = handed, 0.0
    if status is not Status.RECEIVED and rng.random() < SUPPLEMENT_ROUND:
        paused = handed + HOUR_US * rng.uniform(0.1, 1.0)
        length = rng.uniform(0.5 * day, 3 * day)  # the applicant brings the papers back
        resumed = paused + length
        moments["pause"] = (at(paused), at(resumed))
        moments["due"] = at(end + length) if due is not None else None  # the pause moves the appointment
        ready, last, shift = ready + length, resumed, length
    if status is not Status.RECEIVED and due is not None and not late and rng.random() < EXTENSION:
        extended = last + HOUR_US * rng.uniform(0.1, 1.0)
        moments["extension"] = (at(extended), at(end + shift + 2 * day))
        ready, last = ready + rng.uniform(0, 2 * day), extended
    ready = max(ready, last + HOUR_US / 4)
    if status in (Status.RESULT_READY, Status.RETURNED):
        moments["result_ready_at"] = moments["finished_at"] = at(ready)
    if status is Status.RETURNED:
        moments["returned_at"] = at(ready + rng.uniform(0.2 * HOUR_US, 3 * day))
    return moments

"""Fill a profile with realistic synthetic dossiers, for training and for benchmarks (`motcua demo seed`).

Each dossier has its own applicant row (see `demo_people`), a procedure of the active catalogue with that
procedure's document lines, a receipt time on a working day of the legal calendar between January 2023 and
the last working day before today (today is left to the live numbering), a status plausible for its age,
a due time from the legal clock, and one `received` event, hash-chained like every event.

Speed: rows are written with SQLAlchemy Core `executemany` in chunks, one transaction per chunk, which is
what makes 200,000 dossiers a matter of tens of seconds rather than an hour through the ORM. For the same
reason dossier codes are not drawn from `desktop.store.numbers`: they are numbered here per receipt day in
the same `<unit code>-YYMMDD-NNNN` format, after any number a seeded day already uses.

Old demo events are marked as accepted by the province (only the last few days stay in the outbox), so a
demo profile pointed at a server never floods it with synthetic history.

If the profile has no commune yet, first-run setup is done with the demo values below: sign in as
`DEMO_USERNAME` / `DEMO_PASSWORD`.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, select, text

from desktop.core.appointment import OfficeHours, ProcessingTime, compute_due, time_rule_record
from desktop.core.calendar import WorkCalendar
from desktop.core.errors import ValidationError
from desktop.core.status import NATIONAL_CODES, Status
from desktop.core.timeutil import VN_TZ, now_local
from desktop.services.accounts import SetupData, complete_setup, needs_setup
from desktop.services.demo_clock import HOUR_US, office_moment, office_position
from desktop.services.demo_people import PeopleFactory, Person
from desktop.store import settings
from desktop.store.calendar_repo import calendar_for, office_hours_of
from desktop.store.catalogue import active_procedures
from desktop.store.engine import Store, translate_storage_errors
from desktop.store.events import event_hash
from desktop.store.models import Applicant, DocumentLine, Dossier, Event, LocalDateTime, Officer, Unit
from desktop.store.numbers import format_code, parse_code
from desktop.store.queries import build_search_text

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo1234"
DEMO_SETUP = SetupData(
    unit_name="Xã Ia Grai",
    unit_code="H21.55.10",
    province="Gia Lai",
    workstation=1,
    username=DEMO_USERNAME,
    full_name="Cán bộ Trình Diễn",
    password=DEMO_PASSWORD,
)
FIRST_DAY = date(2023, 1, 1)
CHUNK = 5000
SEED_CACHE_KIB = 256 * 1024
PENDING_DAYS = 3  # demo events received within this many days stay in the outbox
REPEAT_VISITS = 0.12  # share of dossiers brought by someone who came before
MAX_SEED = 5_000_000

# relative frequency of procedures at a commune counter (certification and civil status dominate)
PROCEDURE_WEIGHTS = {"2.000815": 30, "2.000884": 14, "1.001193": 10, "2.000635": 8, "2.000908": 5,
                     "1.000656": 4, "1.000894": 4, "1.004222": 5, "1.004194": 4}  # fmt: skip

# who processes a procedure of each field after the counter hands it over (plausible commune bodies)
PROCESSING_UNITS = {
    "Chứng thực": "Công chức Tư pháp - Hộ tịch",
    "Hộ tịch": "Công chức Tư pháp - Hộ tịch",
    "Đăng ký, quản lý cư trú": "Công an xã",
    "Thành lập và hoạt động của hộ kinh doanh": "Phòng Kinh tế",
}
DEFAULT_PROCESSING_UNIT = "Văn phòng HĐND và UBND xã"

ProgressFn = Callable[[int, int], None]


@dataclass(frozen=True)
class _Context:
    unit_id: int
    unit_code: str
    officer_id: int
    procedures: list[Any]
    weights: list[float]
    calendar: WorkCalendar
    hours: OfficeHours
    today: date


def seed_demo(store: Store, dossiers: int, progress: ProgressFn | None = None, seed: int = 0) -> int:
    """Add `dossiers` synthetic dossiers to the profile (setting it up first if needed); returns the count."""
    if not 0 <= dossiers <= MAX_SEED:
        raise ValidationError(f"Số hồ sơ mẫu phải từ 0 đến {MAX_SEED:,}.".replace(",", "."), "dossiers")
    if needs_setup(store):
        complete_setup(store, DEMO_SETUP)
    context = _context(store)
    rng = random.Random(seed)
    times = _receipt_times(rng, context, dossiers)
    builder = _Builder(rng, context, PeopleFactory(rng, *_place(store, context.unit_id)))
    builder.used = _used_numbers(store, context.unit_code)
    done = 0
    if progress:
        progress(0, dossiers)
    with translate_storage_errors(store.profile.db_path), store.engine.connect() as conn:
        # random UUID keys touch the whole of each index: a large page cache keeps inserts fast
        default_cache = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
        conn.exec_driver_sql(f"PRAGMA cache_size={-SEED_CACHE_KIB}")
        conn.commit()
        try:
            for chunk in _chunks(times, CHUNK):
                rows = _Rows()
                for received in chunk:
                    builder.build(rows, received)
                rows.write(conn)
                conn.commit()  # one transaction per chunk
                done += len(chunk)
                if progress:
                    progress(done, dossiers)
        finally:
            conn.rollback()
            conn.exec_driver_sql(f"PRAGMA cache_size={int(default_cache)}")
            conn.commit()
    return done


def _context(store: Store) -> _Context:
    with store.session() as session:
        unit_id = int(settings.get(session, settings.UNIT_ID, "0"))
        unit = session.get(Unit, unit_id) or session.scalars(select(Unit).order_by(Unit.id)).first()
        if unit is None:
            raise ValidationError("Hồ sơ dữ liệu chưa có xã/phường: hãy thiết lập lần đầu trước.", "unit")
        officer = session.scalars(
            select(Officer).where(Officer.unit_id == unit.id, Officer.active).order_by(Officer.id)
        ).first()
        if officer is None:
            raise ValidationError("Chưa có cán bộ nào: hãy thiết lập lần đầu trước.", "officer")
        procedures = active_procedures(session)
        for procedure in procedures:
            _ = procedure.documents  # load while the session is open
        calendar, hours = calendar_for(session), office_hours_of(unit)
    if not procedures:
        raise ValidationError("Chưa có danh mục thủ tục.", "catalogue")
    return _Context(
        unit_id=unit.id,
        unit_code=unit.code,
        officer_id=officer.id,
        procedures=procedures,
        weights=[float(PROCEDURE_WEIGHTS.get(p.code, 1)) for p in procedures],
        calendar=calendar,
        hours=hours,
        today=now_local().date(),
    )


def _place(store: Store, unit_id: int) -> tuple[str, str]:
    with store.session() as session:
        unit = session.get(Unit, unit_id)
        assert unit is not None
        return unit.name, unit.province


def _receipt_times(rng: random.Random, context: _Context, count: int) -> list[datetime]:
    """`count` receipt times on working days from FIRST_DAY to yesterday, in office hours, sorted."""
    days: list[date] = []
    weights: list[float] = []
    day = FIRST_DAY
    span = max(1, (context.today - FIRST_DAY).days)
    while day < context.today:
        if context.calendar.is_working_day(day):
            busy = (1.3, 1.1, 1.0, 1.0, 0.9, 0.5, 0.5)[day.weekday()]
            growth = 0.8 + 0.4 * (day - FIRST_DAY).days / span  # communes receive more each year
            days.append(day)
            weights.append(busy * growth * rng.uniform(0.6, 1.4))
        day += timedelta(days=1)
    if not days:
        return []
    total = sum(weights)
    per_day = [int(count * w / total) for w in weights]
    for index in rng.sample(range(len(days)), count - sum(per_day)) if count > sum(per_day) else []:
        per_day[index] += 1
    while sum(per_day) < count:  # more left over than there are days (only for tiny calendars)
        per_day[rng.randrange(len(days))] += 1
    times: list[datetime] = []
    for day, n in zip(days, per_day, strict=True):
        start = datetime.combine(day, time(7, 30), VN_TZ)
        seconds = sorted(_office_second(rng) for _ in range(n))
        times.extend(start + timedelta(seconds=s) for s in seconds)
    return times


def _office_second(rng: random.Random) -> int:
    """Seconds after 07:30: mornings 07:30–11:30 are busier than afternoons 13:30–17:00."""
    if rng.random() < 0.62:
        return rng.randrange(4 * 3600)
    return 6 * 3600 + rng.randrange(int(3.5 * 3600))


def _used_numbers(store: Store, unit_code: str) -> dict[date, int]:
    """The highest sequence number already used per receipt day for this unit's codes."""
    prefix = unit_code + "-"
    used: dict[date, int] = {}
    with store.session() as session:
        codes = session.execute(
            text("SELECT code FROM dossiers WHERE substr(code, 1, :n) = :prefix"),
            {"n": len(prefix), "prefix": prefix},
        ).scalars()
        for code in codes:
            try:
                parsed = parse_code(code)
            except ValidationError:
                continue
            used[parsed.day] = max(used.get(parsed.day, 0), parsed.sequence)
    return used


def _chunks(items: list[datetime], size: int) -> Iterator[list[datetime]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


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
        )


class _Rows:
    """The rows of one chunk, per table, as the values SQLite stores; written together."""

    def __init__(self) -> None:
        self.applicants: list[dict[str, Any]] = []
        self.dossiers: list[dict[str, Any]] = []
        self.lines: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []

    def write(self, conn: Connection) -> None:
        for model, rows in (
            (Applicant, self.applicants),
            (Dossier, self.dossiers),
            (DocumentLine, self.lines),
            (Event, self.events),
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


class _Builder:
    """Makes the rows of one dossier at a time; remembers recent visitors and the numbers used per day."""

    def __init__(self, rng: random.Random, context: _Context, people: PeopleFactory) -> None:
        self.rng = rng
        self.context = context
        self.people = people
        self.procedures = [_Procedure.of(p, context.hours) for p in context.procedures]
        self.used: dict[date, int] = {}
        self.recent: list[Person] = []
        # nothing happens after the last office moment up to now (capped moments stay in office hours)
        now = office_position(context.calendar, context.hours, now_local())
        self.latest = office_moment(context.calendar, context.hours, now, late=False)

    def person(self) -> Person:
        if self.recent and self.rng.random() < REPEAT_VISITS:
            return self.rng.choice(self.recent)
        person = self.people.person()
        self.recent.append(person)
        if len(self.recent) > 1000:
            del self.recent[:500]
        return person

    def build(self, rows: _Rows, received: datetime) -> None:
        rng, context = self.rng, self.context
        person = self.person()
        procedure = rng.choices(self.procedures, context.weights)[0]
        day = received.date()
        self.used[day] = self.used.get(day, 0) + 1
        code = format_code(context.unit_code, day, self.used[day])
        due = compute_due(received, procedure.rule, context.calendar, context.hours)
        status, moments = _life(rng, context, received, due)
        stamps = {k: _iso(min(v, self.latest)) for k, v in moments.items() if isinstance(v, datetime)}
        pending = (context.today - day).days <= PENDING_DAYS
        at, due_at = _iso(received), _iso(due)
        applicant_id, dossier_id, event_id = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
        rows.applicants.append(
            {
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
                "created_at": at,
            }
        )
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
                "submitter_name": person.full_name,
                "submitter_id_number": person.id_number,
                "submitter_phone": person.phone,
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
                "reason": moments.get("reason", ""),
                "sync_status": "pending" if pending else "synced",
                "search_text": build_search_text(
                    person.full_name, person.id_number, person.phone, code, procedure.name
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
                }
            )
        payload = {
            "code": code,
            "procedure_code": procedure.code,
            "applicant": {
                "full_name": person.full_name,
                "id_number": person.id_number,
                "date_of_birth": person.date_of_birth.isoformat(),
                "gender": person.gender,
                "phone": person.phone,
            },
            "documents": procedure.documents,
            "received_at": at,
            "due_at": due_at,
            "status_code": NATIONAL_CODES[Status.RECEIVED],
            "demo": True,
        }
        rows.events.append(
            {
                "uuid": event_id,
                "dossier_id": dossier_id,
                "seq": 1,
                "type": "received",
                "payload": json.dumps(payload),
                "officer_id": context.officer_id,
                "device_time": at,
                "clock_offset_ms": 0,
                "prev_hash": "",
                "hash": event_hash("", event_id, 1, "received", payload),
                "push_status": "pending" if pending else "accepted",
                "push_error": "",
                "pushed_at": None if pending else _iso(received + timedelta(minutes=rng.randint(1, 240))),
            }
        )


def _life(
    rng: random.Random, context: _Context, received: datetime, due: datetime | None
) -> tuple[Status, dict[str, Any]]:
    """A status plausible for the dossier's age, with the moments that status implies."""
    age = (context.today - received.date()).days
    roll = rng.random()
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
    status = next(s for limit, s in table if roll < limit)
    # every later moment lies in office hours: positions on the office time line, as the legal clock counts
    day = context.hours.day_length
    start = office_position(context.calendar, context.hours, received)
    end = office_position(context.calendar, context.hours, due) if due is not None else start + 3 * day
    span = max(HOUR_US, end - start)

    def at(position: float) -> datetime:
        return office_moment(context.calendar, context.hours, int(position))

    moments: dict[str, Any] = {}
    if status in (Status.REFUSED, Status.WITHDRAWN, Status.STOPPED):
        moments["finished_at"] = at(start + span * rng.uniform(0.05, 0.6))
        moments["reason"] = {
            Status.REFUSED: "Hồ sơ không thuộc thẩm quyền giải quyết (dữ liệu mẫu)",
            Status.WITHDRAWN: "Công dân xin rút hồ sơ (dữ liệu mẫu)",
            Status.STOPPED: "Dừng giải quyết theo đề nghị của cơ quan chuyên môn (dữ liệu mẫu)",
        }[status]
        return status, moments
    handed = start + HOUR_US * rng.uniform(0.1, 2.0)  # the counter hands over within two office hours
    if status in (Status.PROCESSING, Status.RESULT_READY, Status.RETURNED):
        moments["handed_over_at"] = at(handed)
    ready = max(start + span * rng.uniform(0.3, 0.98), handed + HOUR_US / 4)
    if status in (Status.RESULT_READY, Status.RETURNED):
        moments["result_ready_at"] = at(ready)
    if status is Status.RETURNED:
        moments["returned_at"] = moments["finished_at"] = at(ready + rng.uniform(0.2 * HOUR_US, 3 * day))
    return status, moments

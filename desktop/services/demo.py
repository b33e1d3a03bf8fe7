"""Fill a profile with realistic synthetic dossiers, for training and for benchmarks (`motcua demo seed`).

Each dossier has its own applicant row (see `demo_people`), a procedure of the active catalogue with that
procedure's document lines, a receipt time on a working day of the legal calendar over the fifteen months
before today (from the first of the month fifteen months back to the last working day before today; today
is left to the live numbering), a status plausible for its age, a due time from the legal clock, and its
events, hash-chained like every event (the rows: `demo_rows`).

Speed: rows are written with SQLAlchemy Core `executemany` in chunks, one transaction per chunk, which is
what makes 200,000 dossiers a matter of tens of seconds rather than an hour through the ORM. For the same
reason dossier codes are not drawn from `desktop.store.numbers`: they are numbered here per receipt day in
the same `<unit code>-YYMMDD-NNNN` format, after any number a seeded day already uses.

Seeding marks the profile as a demo one (`settings.DEMO_PROFILE`): it never enrols with or syncs to a real
province, only a training server, which takes its whole (pending) history.

If the profile has no commune yet, first-run setup is done with the demo values below: sign in as
`DEMO_USERNAME` / `DEMO_PASSWORD`.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta

from sqlalchemy import select, text

from desktop.core.errors import ValidationError
from desktop.core.timeutil import VN_TZ, as_local, now_local
from desktop.services.accounts import SetupData, complete_setup, needs_setup
from desktop.services.demo_account import DEMO_PASSWORD as DEMO_PASSWORD
from desktop.services.demo_account import DEMO_USERNAME as DEMO_USERNAME
from desktop.services.demo_people import PeopleFactory
from desktop.services.demo_rows import Builder, Rows, SeedContext
from desktop.store import settings
from desktop.store.calendar_repo import calendar_for, office_hours_of
from desktop.store.catalogue import active_procedures
from desktop.store.engine import Store, translate_storage_errors
from desktop.store.models import Officer, Unit
from desktop.store.numbers import parse_code

DEMO_SETUP = SetupData(
    unit_name="Xã Ia Grai",
    unit_code="H21.55.10",
    province="Gia Lai",
    workstation=1,
    username=DEMO_USERNAME,
    full_name="Cán bộ Trình Diễn",
    password=DEMO_PASSWORD,
)
HISTORY_MONTHS = 15
CHUNK = 5000
SEED_CACHE_KIB = 256 * 1024
MAX_SEED = 5_000_000

# relative frequency of procedures at a commune counter (certification and civil status dominate)
PROCEDURE_WEIGHTS = {"2.000815": 30, "2.000884": 14, "1.001193": 10, "2.000635": 8, "2.000908": 5,
                     "1.000656": 4, "1.000894": 4, "1.004222": 5, "1.004194": 4, "1.004884": 1, "1.000419": 1,
                     "1.003583": 1, "1.004746": 1, "1.004837": 1, "1.001022": 1, "2.001019": 1, "1.001612": 1}  # fmt: skip
# the rest of the whole catalogue (~220 procedures): rare at a commune counter, about a tenth of the dossiers
OTHER_WEIGHT = 0.05

ProgressFn = Callable[[int, int], None]


def seed_demo(
    store: Store,
    dossiers: int,
    progress: ProgressFn | None = None,
    seed: int = 0,
    now: datetime | None = None,
    history_synced: bool = True,
) -> int:
    """Add `dossiers` synthetic dossiers to the profile (setting it up first if needed); returns the count.

    `now` (default: the application clock) is the moment the history ends at: receipts up to the working
    day before it, nothing after it. With `history_synced`, dossiers received more than
    `demo_rows.SYNCED_AFTER_DAYS` days before it are marked as acknowledged by the province (every event),
    the recent ones wait in the outbox; without it every event waits (all of it for a training server)."""
    if not 0 <= dossiers <= MAX_SEED:
        raise ValidationError(f"Số hồ sơ mẫu phải từ 0 đến {MAX_SEED:,}.".replace(",", "."), "dossiers")
    if needs_setup(store):
        complete_setup(store, DEMO_SETUP)
    if dossiers:  # synthetic dossiers: the profile never syncs with a real province (settings.DEMO_PROFILE)
        with store.transaction() as session:
            settings.mark_demo(session)
    context = _context(store, as_local(now) if now is not None else now_local())
    rng = random.Random(seed)
    times = _receipt_times(rng, context, dossiers)
    builder = Builder(rng, context, PeopleFactory(rng, *_place(store, context.unit_id)), history_synced)
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
                rows = Rows()
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


def _context(store: Store, now: datetime) -> SeedContext:
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
        # synthetic dossiers get computed appointments: a procedure without confirmed time limit is left out
        procedures = [p for p in active_procedures(session) if p.time_confirmed]
        for procedure in procedures:
            _ = procedure.documents  # load while the session is open
        calendar, hours = calendar_for(session), office_hours_of(unit)
    if not procedures:
        raise ValidationError("Chưa có danh mục thủ tục.", "catalogue")
    return SeedContext(
        unit_id=unit.id,
        unit_code=unit.code,
        officer_id=officer.id,
        procedures=procedures,
        weights=[float(PROCEDURE_WEIGHTS.get(p.code, OTHER_WEIGHT)) for p in procedures],
        calendar=calendar,
        hours=hours,
        now=now,
        today=now.date(),
        reception_name=unit.reception_name,
    )


def _place(store: Store, unit_id: int) -> tuple[str, str]:
    with store.session() as session:
        unit = session.get(Unit, unit_id)
        assert unit is not None
        return unit.name, unit.province


def _receipt_times(rng: random.Random, context: SeedContext, count: int) -> list[datetime]:
    """`count` receipt times on working days from `first_day` to yesterday, in office hours, sorted."""
    days: list[date] = []
    weights: list[float] = []
    first = day = first_day(context.today)
    span = max(1, (context.today - first).days)
    while day < context.today:
        if context.calendar.is_working_day(day):
            busy = (1.3, 1.1, 1.0, 1.0, 0.9, 0.5, 0.5)[day.weekday()]
            growth = 0.8 + 0.4 * (day - first).days / span  # communes receive more each year
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


def first_day(today: date) -> date:
    """The first day of the history: the first of the month `HISTORY_MONTHS` months before today's."""
    months = today.year * 12 + today.month - 1 - HISTORY_MONTHS
    return date(months // 12, months % 12 + 1, 1)


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

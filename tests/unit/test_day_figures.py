"""The indicators' per-day summary (`desktop.store.day_figures`) stays equal to a recount from the dossiers
after a random mix of actions: the officers' steps, undoing them, sync acknowledgements, scans added and
removed, a paper made optional in the catalogue, fee lines dropped; and every figure read through it equals
the full scan of the dossiers (`count_figures_scan`)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import delete, select, text, update

from desktop.cli import main
from desktop.core.actions import allowed_actions
from desktop.core.errors import ValidationError
from desktop.core.indicators import first_after
from desktop.core.period import parse_period
from desktop.core.status import Status
from desktop.core.timeutil import VN_TZ, now_local
from desktop.services.accounts import SignedIn
from desktop.services.corrections import undo_last_step
from desktop.services.demo import seed_demo
from desktop.services.followup import extend_due
from desktop.services.indicators import figure_dossiers, load_indicators
from desktop.services.intake import receive_dossier
from desktop.store import day_figures
from desktop.store.calendar_repo import calendar_for
from desktop.store.engine import Store
from desktop.store.indicators import count_figures, count_figures_scan, weekly_counts
from desktop.store.models import Attachment, DocumentLine, Dossier, DossierPause, FeeLine, ProcedureDocument
from tests.factories import intake_draft
from tests.unit.test_actions import SERVICES

STEPS = 120


def _summary(store: Store) -> dict[str, set[tuple[object, ...]]]:
    with store.session() as session:
        return {
            # rows whose counts are all zero (a dossier moved away from them) are no rows
            table: {
                tuple(row)
                for row in session.execute(text(f"SELECT * FROM {table}"))
                if any(row[-len(values) :])
            }
            for table, (_, values) in day_figures.TABLES.items()
        }


def _random_step(store: Store, officer: SignedIn, rng: random.Random, codes: list[str]) -> None:
    code = rng.choice(codes)
    with store.session() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.code == code)).one()
        dossier_id, status = dossier.id, Status(dossier.status)
        received_at = dossier.received_at
    kind = rng.random()
    with store.transaction() as session:
        if kind < 0.08:
            session.execute(update(Dossier).where(Dossier.id == dossier_id).values(sync_status=rng.choice(
                ("pending", "synced", "rejected", "review"))))  # fmt: skip
            return
        if kind < 0.16:
            line = session.scalars(select(DocumentLine).where(DocumentLine.dossier_id == dossier_id)).first()
            if line is not None:
                session.add(Attachment(dossier_id=dossier_id, document_line_id=line.id,
                                       sha256=f"{rng.getrandbits(128):064x}", removed=False))  # fmt: skip
            return
        if kind < 0.2:
            session.execute(
                update(Attachment).where(Attachment.dossier_id == dossier_id).values(removed=True)
            )
            return
        if kind < 0.23:
            document = session.scalars(select(ProcedureDocument).order_by(ProcedureDocument.id)).all()
            if document:
                chosen = rng.choice(document)
                chosen.required = not chosen.required
            return
        if kind < 0.26:
            session.execute(delete(FeeLine).where(FeeLine.dossier_id == dossier_id))
            return
        if kind < 0.3:  # two closed rounds written straight (as a repair would): late for 766's 2.1
            started = received_at + timedelta(hours=1)
            for _ in range(2):
                session.add(DossierPause(dossier_id=dossier_id, started_at=started, ended_at=started))
            return
    actions = [a for a in allowed_actions(status) if a in SERVICES]
    try:  # a step its other rules refuse (a second rating, an undo of nothing) changes nothing
        if kind < 0.42:
            undo_last_step(store, officer, code, "Nhập nhầm")
        elif actions:
            SERVICES[rng.choice(actions)](store, officer, code)
    except ValidationError:
        pass


@pytest.mark.parametrize("seed", [5, 11])
def test_the_summary_equals_a_recount_after_random_actions(
    ready_store: tuple[Store, SignedIn], seed: int
) -> None:
    store, officer = ready_store
    seed_demo(store, 150, seed=seed)
    with store.session() as session:
        codes = list(session.scalars(select(Dossier.code)))
    rng = random.Random(seed)
    for _ in range(STEPS):
        _random_step(store, officer, rng, codes)

    kept = _summary(store)
    with store.transaction() as session:
        day_figures.rebuild(session.connection())
    recount = _summary(store)
    differ = {
        t: (sorted(kept[t] - recount[t]), sorted(recount[t] - kept[t])) for t in kept if kept[t] != recount[t]
    }
    assert not differ, differ

    today = now_local().date()
    month = today.replace(day=1)
    periods = [
        (month, today + timedelta(days=1)),
        ((month - timedelta(days=1)).replace(day=1), month),
        (date(today.year, 1, 1), date(today.year + 1, 1, 1)),
        (today - timedelta(days=470), today - timedelta(days=30)),
    ]
    with store.session() as session:
        calendar = calendar_for(session)
        for first, last in periods:
            start, end = (datetime.combine(d, time(0), VN_TZ) for d in (first, last))
            at = min(end, now_local())
            index = lambda day: first_after(calendar, day)  # noqa: E731
            fast = count_figures(session, start, end, at, index)
            assert fast == count_figures_scan(session, start, end, at, index), (first, last)
        assert fast.received and fast.resolved  # the history reaches the periods compared
        monday = datetime.combine(today - timedelta(days=today.weekday() + 7 * 11), time(0), VN_TZ)
        weeks = [monday + timedelta(days=7 * n) for n in range(13)]
        scanned = [
            count_figures_scan(session, a, b, b, index) for a, b in zip(weeks, weeks[1:], strict=False)
        ]
        assert weekly_counts(session, monday, 12) == [
            (c.received, c.resolved, c.resolved_late) for c in scanned
        ]


def test_a_past_period_judges_its_open_dossiers_against_the_due_at_its_end(
    ready_store: tuple[Store, SignedIn],
) -> None:
    """Lifecycle §6.1 "due at t": overdue at October's end, although extended in November."""
    store, officer = ready_store
    received = datetime(2026, 10, 5, 9, 0, tzinfo=VN_TZ)
    code = receive_dossier(store, officer, intake_draft(store), received_at=received).code
    with store.session() as session:
        original = session.scalars(select(Dossier.due_at).where(Dossier.code == code)).one()
    assert original is not None and original < datetime(2026, 11, 1, tzinfo=VN_TZ)
    extended = datetime(2026, 12, 4, 17, 0, tzinfo=VN_TZ)
    extend_due(store, officer, code, extended, "Chờ xác minh", at=datetime(2026, 11, 10, 9, 0, tzinfo=VN_TZ))

    october, november = parse_period("2026-10"), parse_period("2026-11")
    assert load_indicators(store, october).indicators.counts.overdue == 1
    (row,) = figure_dossiers(store, october, "overdue")
    assert row.code == code and row.current_due == original
    assert load_indicators(store, november).indicators.counts.overdue == 0  # extended before its end
    assert [r.code for r in figure_dossiers(store, november, "in_progress_on_time")] == [code]


def test_the_doctor_finds_a_summary_out_of_step_and_rebuild_recounts_it(
    ready_store: tuple[Store, SignedIn], capsys: pytest.CaptureFixture[str]
) -> None:
    store, _ = ready_store
    seed_demo(store, 30, seed=2)
    with store.transaction() as session:
        session.execute(
            text("UPDATE figures_received SET n = n + 1 WHERE day = (SELECT max(day) FROM figures_received)")
        )
    root = str(store.profile.root)
    store.close()

    def doctor() -> str:
        main(["--data-dir", root, "doctor"])
        return next(line for line in capsys.readouterr().out.splitlines() if "Tổng hợp chỉ số" in line)

    found = doctor()
    assert "dòng lệch với hồ sơ" in found and "motcua report rebuild" in found
    assert main(["--data-dir", root, "report", "rebuild"]) == 0
    assert "Đã tính lại" in capsys.readouterr().out
    assert "khớp với hồ sơ" in doctor()


def test_writes_under_a_hold_are_recounted_at_once_and_only_theirs(
    ready_store: tuple[Store, SignedIn],
) -> None:
    store, officer = ready_store
    ids = [receive_dossier(store, officer, intake_draft(store)).id for _ in range(3)]
    moved, paused, outside = ids
    now = now_local()
    with store.transaction() as session:
        conn = session.connection()
        with day_figures.held(conn, [moved, paused]):
            conn.execute(
                update(Dossier)
                .where(Dossier.id == moved)
                .values(status="result_ready", status_code=9, finished_at=now, sync_status="synced")
            )
            conn.execute(DossierPause.__table__.insert().values(dossier_id=paused, started_at=now))
            conn.execute(
                update(Dossier)
                .where(Dossier.id == paused)
                .values(status="supplement_requested", status_code=5)
            )
            assert day_figures.differences(conn) > 0  # the triggers held: nothing counted yet
        assert day_figures.differences(conn) == 0
        with day_figures.held(conn, [moved]):  # a dossier written outside the ones named: not followed
            conn.execute(
                update(Dossier).where(Dossier.id == outside).values(status="withdrawn", finished_at=now)
            )
        assert day_figures.differences(conn) > 0
        day_figures.rebuild(conn)
    with store.session() as session:
        held_rows = session.execute(text(f"SELECT count(*) FROM {day_figures.HOLD}")).scalar_one()
    assert held_rows == 0

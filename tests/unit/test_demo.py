"""Demo seeding: counts, plausible people, unique codes, chained events, legal-clock due dates."""

from __future__ import annotations

import json
import os
import re
import shutil
import unicodedata
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import timeutil
from desktop.core.errors import ValidationError
from desktop.core.timeutil import VN_TZ, now_local
from desktop.services.accounts import SignedIn, sign_in
from desktop.services.demo import DEMO_PASSWORD, DEMO_USERNAME, HISTORY_MONTHS, first_day, seed_demo
from desktop.store.calendar_files import load_calendar
from desktop.store.engine import Store, open_store
from desktop.store.events import typed
from desktop.store.models import Applicant, Dossier, Event, Officer
from desktop.store.numbers import parse_code
from desktop.store.queries import count_dossiers, fetch_page
from sync.client.records import record_fields
from sync.events import Received, event_hash
from tests.clock import Clock

PHONE = re.compile(r"^0(3[2-9]|5[2689]|7[06-9]|8[1-689]|9[0-9])\d{7}$")


_SEEDED: dict[str, Path] = {}  # moment the session's clock started at (`--also-at`) -> a seeded profile


@pytest.fixture
def seeded(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Iterator[Store]:
    """A profile seeded with 600 dossiers by the real seeder. Seeding takes seconds, so each worker seeds once
    per moment of the session (the seed is relative to today) and every test gets a copy of its own."""
    moment = os.environ.get(timeutil.NOW_ENV, "").partition("@")[0]
    source = _SEEDED.get(moment)
    if source is None:
        source = tmp_path_factory.mktemp("seeded")
        first = open_store(source)
        try:
            calls: list[tuple[int, int]] = []
            done = seed_demo(first, 600, progress=lambda done, total: calls.append((done, total)), seed=7)
            assert done == 600
            assert calls[0] == (0, 600) and calls[-1] == (600, 600)
        finally:
            first.close()
        _SEEDED[moment] = source
    shutil.copytree(source, data_dir)
    store = open_store(data_dir)
    yield store
    store.close()


def test_fresh_profile_is_set_up_with_the_documented_demo_account(seeded: Store) -> None:
    officer = sign_in(seeded, DEMO_USERNAME, DEMO_PASSWORD)
    assert officer.unit_code and officer.unit_name
    with seeded.session() as s:
        assert count_dossiers(s) == 600
        assert s.scalar(select(Dossier.officer_id).limit(1)) == officer.officer_id


def test_id_numbers_agree_with_birth_date_and_gender(seeded: Store) -> None:
    with seeded.session() as s:
        people = s.scalars(select(Applicant)).all()
    assert len(people) == 600
    for p in people:
        assert re.fullmatch(r"\d{12}", p.id_number), p.id_number
        assert p.date_of_birth is not None and p.gender in ("male", "female")
        century = (p.date_of_birth.year // 100 - 19) * 2 + (p.gender == "female")
        assert int(p.id_number[3]) == century
        assert p.id_number[4:6] == f"{p.date_of_birth.year % 100:02d}"
        assert p.id_number[:3] == p.province_code
        assert p.phone == "" or PHONE.match(p.phone), p.phone
    assert Counter(p.id_number[:3] for p in people).most_common(1)[0][0] == "064"  # Gia Lai first
    assert sum(bool(p.phone) for p in people) > 500
    genders = Counter(p.gender for p in people)
    assert genders["male"] > 200 and genders["female"] > 200


def test_names_are_varied_vietnamese_in_nfc(seeded: Store) -> None:
    with seeded.session() as s:
        names = s.scalars(select(Applicant.full_name)).all()
    assert all(unicodedata.normalize("NFC", n) == n for n in names)
    assert sum(n != unicodedata.normalize("NFKD", n) for n in names) > 0.9 * len(names)  # diacritics
    assert len(set(names)) > 400
    assert len({n.split()[0] for n in names}) > 15  # family names
    assert any(n.startswith("Nguyễn ") for n in names) and any("Đ" in n or "đ" in n for n in names)


def test_codes_unique_per_day_sequences_and_received_times(seeded: Store) -> None:
    calendar = load_calendar()
    today = now_local().date()
    with seeded.session() as s:
        rows = s.execute(select(Dossier.code, Dossier.received_at, Dossier.due_at)).all()
    codes = [r.code for r in rows]
    assert len(set(codes)) == len(codes)
    by_day: dict[date, list[int]] = {}
    for code, received, due in rows:
        parsed = parse_code(code)
        assert parsed.agency == "H21.55.10" and parsed.day == received.date()
        by_day.setdefault(parsed.day, []).append(parsed.sequence)
        assert first_day(today) <= received.date() < today
        assert calendar.is_working_day(received.date())
        assert time(7, 30) <= received.time() <= time(17, 0)
        assert not time(11, 30) < received.time() < time(13, 30)
        assert received.utcoffset() is not None and due is not None and due >= received
    assert all(sorted(seqs) == list(range(1, len(seqs) + 1)) for seqs in by_day.values())
    months = Counter((r.received_at.year, r.received_at.month) for r in rows)
    assert len(months) >= HISTORY_MONTHS  # the last fifteen months, and this one up to yesterday


def test_each_dossier_starts_with_one_chained_received_event(seeded: Store) -> None:
    with seeded.session() as s:
        events = s.scalars(select(Event).order_by(Event.dossier_id, Event.seq)).all()
        dossier_ids = set(s.scalars(select(Dossier.id)))
    firsts = [e for e in events if e.seq == 1]
    assert len(firsts) == 600 and {e.dossier_id for e in firsts} == dossier_ids
    for e in firsts:
        assert (e.type, e.prev_hash) == ("received", "")
        assert e.hash == event_hash("", e.uuid, 1, "received", e.payload)
        received = typed(e)
        assert isinstance(received, Received) and received.status_code == 2 and received.documents
    later = [e for e in events if e.seq > 1]
    assert later and {e.type for e in later} <= {
        "supplement_requested", "handed_over", "result_ready", "result_returned", "refused", "stopped",
        "withdrawn", "supplement_received", "due_extended", "rated",
    }  # fmt: skip


def test_demo_events_carry_what_the_province_needs(seeded: Store) -> None:
    """The `received` payload has the intake snapshot's shape, so a demo profile pointed at a (training)
    server syncs like a real one instead of being refused for a missing procedure code."""
    with seeded.session() as s:
        rows = s.execute(select(Event, Dossier).join(Dossier, Dossier.id == Event.dossier_id)).all()
        codes = {d.id: d.procedure.code for _e, d in rows}
    for event, dossier in rows:
        fields = record_fields(typed(event))
        assert fields["MaHoSo"] == dossier.code
        if event.type == "received":  # later events carry only what changed, as the services' do
            assert fields["MaTTHC"] == codes[dossier.id]
            assert fields["ChuHoSo"] and fields["NgayTiepNhan"] and fields["NgayHenTra"]
        elif event.type == "supplement_requested":
            assert fields["DanhSachHoSoBoSung"][0]["NoiDungBoSung"]


def test_older_dossiers_are_mostly_returned(seeded: Store) -> None:
    today = now_local().date()
    with seeded.session() as s:
        rows = s.execute(select(Dossier.status, Dossier.received_at, Dossier.returned_at)).all()
    old = [r for r in rows if (today - r.received_at.date()).days > 60]
    returned = [r for r in old if r.status == "returned"]
    assert len(returned) > 0.85 * len(old)
    assert all(r.returned_at is not None and r.returned_at > r.received_at for r in returned)
    assert len({r.status for r in rows}) >= 4


def test_seeded_dossiers_are_found_by_folded_search(seeded: Store) -> None:
    with seeded.session() as s:
        d = fetch_page(s, 0, 1)[0]
        applicant = s.scalars(select(Applicant).join(Dossier).where(Dossier.id == d.id)).one()
        folded = unicodedata.normalize("NFD", applicant.full_name.replace("Đ", "D").replace("đ", "d"))
        ascii_name = "".join(c for c in folded if not unicodedata.combining(c)).lower()
        assert d.id in {r.id for r in fetch_page(s, 0, 600, search=ascii_name)}
        assert d.id in {r.id for r in fetch_page(s, 0, 600, search=applicant.id_number[:8])}


def test_same_seed_same_people_and_reseeding_keeps_codes_unique(seeded: Store, tmp_path: Path) -> None:
    from desktop.store.engine import open_store

    other = open_store(tmp_path / "other")
    try:
        seed_demo(other, 600, seed=7)
        with seeded.session() as a, other.session() as b:
            names_a = a.scalars(select(Applicant.full_name).order_by(Applicant.created_at)).all()
            names_b = b.scalars(select(Applicant.full_name).order_by(Applicant.created_at)).all()
        assert names_a == names_b
    finally:
        other.close()
    seed_demo(seeded, 300, seed=7)
    with seeded.session() as s:
        codes = s.scalars(select(Dossier.code)).all()
    assert len(codes) == 900 == len(set(codes))


def _history(session: Session) -> list[tuple[object, ...]]:
    """Each dossier's code and life as the seeder wrote it, with its events' kinds and moments in order."""
    events: dict[str, list[tuple[str, datetime]]] = {}
    for dossier_id, kind, at in session.execute(
        select(Event.dossier_id, Event.type, Event.device_time).order_by(Event.dossier_id, Event.seq)
    ):
        events.setdefault(dossier_id, []).append((kind, at))
    rows = session.scalars(select(Dossier).order_by(Dossier.code))
    return [
        (d.code, d.status, d.channel, d.received_at, d.due_at, d.extended_due_at, d.handed_over_at,
         d.result_ready_at, d.finished_at, d.returned_at, d.result_kind, d.rating, d.fee_amount,
         d.sync_status, tuple(events.get(d.id, ())))
        for d in rows
    ]  # fmt: skip


def test_the_same_seed_at_the_same_moment_gives_the_same_history(tmp_path: Path, clock: Clock) -> None:
    """Issue 17 item 5: statuses, moments, results, ratings, fees and sync state repeat with the seed (the
    steps the seeder places at "now" follow the clock, so both profiles are seeded at one frozen moment)."""
    from desktop.store.engine import open_store

    clock.set(datetime(2026, 12, 3, 9, 30))
    histories = []
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        store = open_store(tmp_path / name)
        try:
            seed_demo(store, 240, seed=seed)
            with store.session() as session:
                histories.append(_history(session))
        finally:
            store.close()
    assert histories[0] == histories[1]
    assert histories[0] != histories[2]  # another seed, another history
    assert len({row[1] for row in histories[0]}) >= 5  # a mix of statuses, not one


def test_existing_profile_keeps_its_commune_and_officer(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    seed_demo(store, 50)
    with store.session() as s:
        assert s.scalars(select(Officer.username)).all() == [officer.username]
        assert set(s.scalars(select(Dossier.officer_id))) == {officer.officer_id}
        payload = s.scalars(select(Event.payload)).first()
    assert payload is not None and json.dumps(payload)


@pytest.mark.parametrize("bad", [-1, 10**9])
def test_refuses_absurd_counts(store: Store, bad: int) -> None:
    with pytest.raises(ValidationError, match="Số hồ sơ mẫu"):
        seed_demo(store, bad)


def test_due_dates_come_from_the_legal_clock(seeded: Store) -> None:
    with seeded.session() as s:
        rows = s.execute(select(Dossier.received_at, Dossier.due_at, Dossier.time_rule).limit(200)).all()
    for received, due, rule in rows:
        assert isinstance(due, datetime)
        if rule["unit"] == "sameday":
            assert due.time() in (time(17, 0), time(11, 30)) or due.date() > received.date()
        assert rule["office_hours"]


def test_hand_overs_and_results_happen_in_office_hours_to_a_named_body(seeded: Store) -> None:
    from desktop.services.printing import PrintJob, render
    from desktop.store.calendar_repo import calendar_for, office_hours_of
    from desktop.store.models import Unit
    from tests.pdfcheck import pdf_text

    with seeded.session() as s:
        calendar = calendar_for(s)
        hours = office_hours_of(s.scalars(select(Unit)).one())
        rows = s.execute(
            select(
                Dossier.code,
                Dossier.received_at,
                Dossier.handed_over_at,
                Dossier.processing_unit,
                Dossier.result_ready_at,
                Dossier.returned_at,
            )
        ).all()
    handed = [r for r in rows if r.handed_over_at is not None]
    assert len(handed) > 0.5 * len(rows)
    assert all(r.processing_unit for r in handed)
    assert all(not r.processing_unit for r in rows if r.handed_over_at is None)
    assert {r.processing_unit for r in handed} >= {"Công chức Tư pháp - Hộ tịch"}
    for r in handed:
        moments = [m for m in (r.handed_over_at, r.result_ready_at, r.returned_at) if m is not None]
        for moment in moments:
            local = moment.astimezone(VN_TZ)
            assert calendar.is_working_day(local.date()) and hours.contains(local.time()), (r.code, local)
        assert [r.received_at, *moments] == sorted([r.received_at, *moments]), r.code
    sample = next(r for r in handed if r.returned_at is not None)
    control = pdf_text(render(seeded, PrintJob("control", sample.code))[0])
    # the body's name in the first row's "2. Nhận:" cell; a long name wraps there, and pdftotext then reads
    # the signature row's words between its lines ("Văn phòng HĐND Người giao Người nhận và UBND xã")
    cell = control.split("2. Nhận:", 1)[1].split("1. Giao:", 1)[0].split()
    words = iter(cell)
    assert all(word in words for word in sample.processing_unit.split()), (sample.processing_unit, cell)

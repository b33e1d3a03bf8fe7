"""Dossier code allocation: server blocks first, then disjoint per-workstation offline ranges."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desktop.core.code_ranges import SERVER_RANGE, offline_capacity, offline_segments
from desktop.core.errors import ValidationError
from desktop.core.timeutil import VN_TZ
from desktop.services.drafts import latest_draft, save_draft
from desktop.services.intake import receive_dossier
from desktop.services.intake_draft import IntakeDraft
from desktop.store.engine import Store, open_store
from desktop.store.models import Dossier, NumberBlock
from desktop.store.numbers import next_dossier_code, parse_code, remaining_numbers
from tests.factories import intake_draft, make_dossier

UNIT = "H21.55.10"
WHEN = datetime(2026, 1, 10, 9, 0, tzinfo=VN_TZ)


def issue(store, workstation: int, count: int, when: datetime = WHEN) -> list[str]:
    codes = []
    for _ in range(count):
        with store.transaction() as session:
            code, _seq = next_dossier_code(session, UNIT, workstation, when)
        codes.append(code)
    return codes


def issue_all(store, workstation: int, when: datetime = WHEN, limit: int = 10_000) -> list[int]:
    """Every sequence the workstation can give out that day offline (up to `limit`), until the clear error."""
    sequences: list[int] = []
    with store.transaction() as session:
        while len(sequences) < limit:
            try:
                sequences.append(next_dossier_code(session, UNIT, workstation, when)[1])
            except ValidationError as exc:
                assert "đã dùng hết" in str(exc)
                break
    return sequences


def test_two_offline_workstations_never_collide(tmp_path: Path):
    one, two = open_store(tmp_path / "ws1"), open_store(tmp_path / "ws2")
    try:
        a, b = issue(one, 1, 20), issue(two, 2, 20)
    finally:
        one.close()
        two.close()
    assert len(set(a)) == 20 and len(set(b)) == 20
    assert not set(a) & set(b)
    assert a[0] == "H21.55.10-260110-5000"
    assert b[0] == "H21.55.10-260110-5050"
    for code in a + b:
        parsed = parse_code(code)
        assert parsed.agency == UNIT and parsed.day == date(2026, 1, 10)
        assert parsed.sequence > SERVER_RANGE[1]  # never in the province's own range


def test_server_block_is_used_first(store):
    with store.transaction() as session:
        session.add(NumberBlock(unit_code=UNIT, day=date(2026, 1, 10), first=101, last=102, next=101))
    codes = issue(store, 3, 4)
    assert codes[:2] == ["H21.55.10-260110-0101", "H21.55.10-260110-0102"]
    assert codes[2:] == ["H21.55.10-260110-5100", "H21.55.10-260110-5101"]


def test_fallback_exhaustion_is_a_clear_error(store):
    issue(store, 99, offline_capacity(99))
    with pytest.raises(ValidationError, match="hết") as caught, store.transaction() as session:
        next_dossier_code(session, UNIT, 99, WHEN)
    message = str(caught.value)
    assert "Đồng bộ → Đồng bộ ngay (F9)" in message and "motcua sync" in message
    assert "Kết nối máy chủ tỉnh" in message and "vẫn được giữ" in message
    # the next day starts afresh
    assert issue(store, 99, 1, WHEN.replace(day=11)) == ["H21.55.10-260111-9900"]


def test_offline_ranges_are_disjoint_and_outside_the_server_range():
    spans = sorted(span for w in range(1, 100) for span in offline_segments(w))
    assert all(a_last < b_first for (_, a_last), (b_first, _) in zip(spans, spans[1:], strict=False))
    assert spans[0][0] > SERVER_RANGE[1] and spans[-1][1] <= 9999
    assert [offline_capacity(w) for w in (1, 5, 6, 99)] == [850, 850, 50, 50]
    for bad in (0, 100):
        with pytest.raises(ValidationError):
            offline_segments(bad)


def test_a_workstation_never_online_takes_in_850_a_day_from_its_own_ranges(store):
    """Workstation 5, the last with a wide range (1000 + 800·4 … 4999); the ranges of all workstations are
    disjoint (above), so codes drawn only from one's own ranges never collide."""
    sequences = issue_all(store, 5)
    assert len(sequences) == len(set(sequences)) == 850 >= 800
    assert sequences[:50] == list(range(5200, 5250))  # the first layout's 50 first (the upgrade day)
    assert sequences[50:] == list(range(4200, 5000))
    assert issue(store, 5, 1, WHEN.replace(day=11)) == ["H21.55.10-260111-5200"]  # every day afresh


def test_the_upgrade_day_goes_on_from_the_first_layouts_rows(ready_store):
    """A workstation upgraded mid-day: its fallback row of the first layout (50 numbers) is carried on,
    a server block above 0999 reserved before the upgrade is no longer used, and the codes it already
    printed from that block (now inside the workstation's own wide range) are not given out again."""
    store, _officer = ready_store
    day = WHEN.date()
    with store.transaction() as session:
        session.add(NumberBlock(unit_code=UNIT, day=day, first=5050, last=5099, next=5080, source="fallback"))
        session.add(NumberBlock(unit_code=UNIT, day=day, first=1800, last=1849, next=1803, source="server"))
        for sequence in (1800, 1801, 1802):
            make_dossier(session, received=WHEN, number=sequence)
        assert remaining_numbers(session, UNIT, day) == 0  # so the next sync pass reserves a new block
    sequences = issue_all(store, 2, limit=30)
    assert sequences[:20] == list(range(5080, 5100))
    assert sequences[20:] == list(range(1803, 1813))


def test_standing_server_block_restarts_every_day(store):
    with store.transaction() as session:
        session.add(NumberBlock(unit_code=UNIT, day=None, first=300, last=301, next=300))
    assert issue(store, 1, 3) == [
        "H21.55.10-260110-0300",
        "H21.55.10-260110-0301",
        "H21.55.10-260110-5000",
    ]
    assert issue(store, 1, 1, WHEN.replace(day=12)) == ["H21.55.10-260112-0300"]


def test_a_code_already_in_the_store_is_skipped(ready_store):
    store, _officer = ready_store
    with store.transaction() as session:
        dossier = make_dossier(session)
        dossier.code = "H21.55.10-260110-5000"
    assert issue(store, 1, 1) == ["H21.55.10-260110-5001"]


def test_a_renumbered_workstation_uses_its_own_range(store):
    assert issue(store, 1, 2) == ["H21.55.10-260110-5000", "H21.55.10-260110-5001"]
    assert issue(store, 4, 1) == ["H21.55.10-260110-5150"]
    assert issue(store, 1, 1) == ["H21.55.10-260110-5002"]


@settings(deadline=None, max_examples=8)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([1, 2, 7, 99]), st.integers(0, 2), st.sampled_from([None, (10, 12), (40, 41)])
        ),
        min_size=1,
        max_size=25,
    )
)
def test_codes_are_unique_across_workstations_days_and_blocks(steps):
    """Interleaved intakes of many workstations (one store per workstation), server blocks arriving:
    no code is ever issued twice, and offline codes never fall in the province's range."""
    with tempfile.TemporaryDirectory() as tmp:
        stores: dict[int, Store] = {}
        seen: dict[str, int] = {}
        reserved: set[tuple[int, int, tuple[int, int]]] = set()
        try:
            for workstation, day_shift, block in steps:
                if workstation not in stores:
                    stores[workstation] = open_store(Path(tmp) / f"ws{workstation}")
                store = stores[workstation]
                when = WHEN + timedelta(days=day_shift)
                with store.transaction() as session:
                    if block is not None and (workstation, day_shift, block) not in reserved:
                        # the server reserves each range once, for this workstation only
                        reserved.add((workstation, day_shift, block))
                        first = block[0] + 100 * [1, 2, 7, 99].index(workstation)
                        session.add(
                            NumberBlock(
                                unit_code=UNIT,
                                day=when.date(),
                                first=first,
                                last=first + block[1] - block[0],
                                next=first,
                            )
                        )
                    code, seq = next_dossier_code(session, UNIT, workstation, when)
                assert code not in seen, (code, workstation, seen.get(code))
                seen[code] = workstation
                if seq > SERVER_RANGE[1]:
                    assert any(first <= seq <= last for first, last in offline_segments(workstation))
        finally:
            for store in stores.values():
                store.close()


def test_a_server_block_reaching_into_offline_ranges_is_ignored(store):
    with store.transaction() as session:
        session.add(NumberBlock(unit_code=UNIT, day=date(2026, 1, 10), first=990, last=1010, next=990))
        session.add(NumberBlock(unit_code=UNIT, day=date(2026, 1, 10), first=4990, last=5060, next=4990))
    assert issue(store, 2, 1) == ["H21.55.10-260110-5050"]


def use_up_the_day(store, workstation: int, day: date) -> None:
    """As if every offline number of the day had been given out already."""
    with store.transaction() as session:
        for first, last in offline_segments(workstation):
            session.add(
                NumberBlock(unit_code=UNIT, day=day, first=first, last=last, next=last + 1, source="fallback")
            )


def test_an_intake_when_the_days_numbers_are_used_up_keeps_the_draft(ready_store):
    """Through the intake service: the officer is told what to do, nothing is recorded, the autosaved draft
    is still there; after a sync brought the province's numbers, the same draft is received."""
    store, officer = ready_store
    use_up_the_day(store, 1, WHEN.date())
    draft = intake_draft(store)
    draft_id = save_draft(store, officer, draft)
    with pytest.raises(ValidationError) as refused:
        receive_dossier(store, officer, draft, received_at=WHEN, draft_id=draft_id)
    assert "đã dùng hết số hồ sơ của ngày 10/01/2026" in str(refused.value)
    assert "Đồng bộ ngay (F9)" in str(refused.value)
    saved = latest_draft(store, officer)
    assert (
        saved is not None and saved.id == draft_id and saved.draft == IntakeDraft.from_dict(draft.to_dict())
    )
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == 0

    with store.transaction() as session:  # what the next sync pass stores
        session.add(
            NumberBlock(unit_code=UNIT, day=WHEN.date(), first=51, last=100, next=51, source="server")
        )
    result = receive_dossier(store, officer, draft, received_at=WHEN, draft_id=draft_id)
    assert result.code == "H21.55.10-260110-0051" and latest_draft(store, officer) is None

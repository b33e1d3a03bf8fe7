"""Dossier code allocation: server blocks first, disjoint per-workstation fallback offline."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.errors import ValidationError
from desktop.core.timeutil import VN_TZ
from desktop.store.engine import Store, open_store
from desktop.store.models import NumberBlock
from desktop.store.numbers import (
    FALLBACK_SIZE,
    SERVER_RANGE,
    fallback_range,
    next_dossier_code,
    parse_code,
)
from tests.factories import make_dossier

UNIT = "H21.55.10"
WHEN = datetime(2026, 1, 10, 9, 0, tzinfo=VN_TZ)


def issue(store, workstation: int, count: int, when: datetime = WHEN) -> list[str]:
    codes = []
    for _ in range(count):
        with store.transaction() as session:
            code, _seq = next_dossier_code(session, UNIT, workstation, when)
        codes.append(code)
    return codes


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
    issue(store, 99, FALLBACK_SIZE)
    with pytest.raises(ValidationError, match="hết"), store.transaction() as session:
        next_dossier_code(session, UNIT, 99, WHEN)
    # the next day starts afresh
    assert issue(store, 99, 1, WHEN.replace(day=11)) == ["H21.55.10-260111-9900"]


def test_fallback_ranges_are_disjoint_and_outside_the_server_range():
    ranges = [fallback_range(w) for w in range(1, 100)]
    for (_a_first, a_last), (b_first, _b_last) in zip(ranges, ranges[1:], strict=False):
        assert a_last < b_first
    assert ranges[0][0] > SERVER_RANGE[1] and ranges[-1][1] <= 9999
    with pytest.raises(ValidationError):
        fallback_range(0)


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
                        first = block[0] + 50 * workstation
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
                    assert fallback_range(workstation)[0] <= seq <= fallback_range(workstation)[1]
        finally:
            for store in stores.values():
                store.close()


def test_a_server_block_reaching_into_offline_ranges_is_ignored(store):
    with store.transaction() as session:
        session.add(NumberBlock(unit_code=UNIT, day=date(2026, 1, 10), first=4990, last=5060, next=4990))
    assert issue(store, 2, 1) == ["H21.55.10-260110-5050"]

"""The dossier list queries: order, paging, folded search, hostile search input."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop.core.timeutil import VN_TZ
from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from desktop.store.queries import (
    DossierRow,
    count_dossiers,
    fetch_after,
    fetch_page,
    match_expression,
)
from tests.factories import make_dossier

BASE = datetime(2025, 3, 10, 8, 0, tzinfo=VN_TZ)

PEOPLE = [
    # name, id number, phone, minutes after BASE
    ("Nguyễn Thị Hằng", "064191001234", "0912345678", 30),
    ("Trần Văn Đức", "052088004321", "0387654321", 10),
    ("Đặng Minh Khoa", "066200123456", "0701112223", 50),
    ("Lê Thị Ngọc Ánh", "001195998877", "0985556667", 20),
    ("Phạm Quốc Dũng", "079090112233", "0356667778", 40),
]


def _add(session: Session, name: str, id_number: str, phone: str, received: datetime, n: int) -> None:
    make_dossier(session, name, "1.004837", id_number=id_number, phone=phone, received=received, number=n)


@pytest.fixture
def listed(ready_store: tuple[Store, SignedIn]) -> Store:
    store, _ = ready_store
    with store.transaction() as s:
        for n, (name, id_number, phone, minutes) in enumerate(PEOPLE, start=1):
            _add(s, name, id_number, phone, BASE + timedelta(minutes=minutes), n)
    return store


def _names(rows: list[DossierRow]) -> list[str]:
    return [r.applicant_name for r in rows]


def test_newest_received_first_with_plain_fields(listed: Store) -> None:
    with listed.session() as s:
        rows = fetch_page(s, 0, 10)
    assert _names(rows) == [
        "Đặng Minh Khoa",
        "Phạm Quốc Dũng",
        "Nguyễn Thị Hằng",
        "Lê Thị Ngọc Ánh",
        "Trần Văn Đức",
    ]
    top = rows[0]
    assert top.procedure_code == "1.004837" and top.procedure_name
    assert (top.status, top.status_code) == ("received", 2)
    assert top.received_at == BASE + timedelta(minutes=50)
    assert top.received_at.utcoffset() == timedelta(hours=7)
    assert top.due_at == top.received_at + timedelta(days=3)
    assert top.code.startswith("H21.55.10-250310-")


def test_offset_and_keyset_pages_agree(listed: Store) -> None:
    with listed.session() as s:
        everything = fetch_page(s, 0, 100)
        assert count_dossiers(s) == 5
        assert fetch_page(s, 2, 2) == everything[2:4]
        assert fetch_page(s, 5, 2) == []
        first = fetch_after(s, None, 2)
        second = fetch_after(s, first[-1], 2)
        third = fetch_after(s, second[-1], 2)
    assert first + second + third == everything
    assert len(third) == 1


def test_same_received_time_keeps_a_stable_order(ready_store: tuple[Store, SignedIn]) -> None:
    store, _ = ready_store
    with store.transaction() as s:
        for n in range(1, 6):
            _add(s, f"Người Số {n}", f"06409100000{n}", f"091000000{n}", BASE, n)
    with store.session() as s:
        everything = fetch_page(s, 0, 10)
        pages = fetch_after(s, None, 2)
        pages += fetch_after(s, pages[-1], 2)
        pages += fetch_after(s, pages[-1], 2)
    assert pages == everything and len({r.id for r in everything}) == 5


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("nguyen", ["Nguyễn Thị Hằng"]),
        ("NGUYỄN thi", ["Nguyễn Thị Hằng"]),
        ("duc", ["Trần Văn Đức"]),
        ("dang minh", ["Đặng Minh Khoa"]),
        ("dung", ["Phạm Quốc Dũng"]),
        ("ngoc anh", ["Lê Thị Ngọc Ánh"]),
        ("nguy", ["Nguyễn Thị Hằng"]),  # partial word
        ("0387", ["Trần Văn Đức"]),  # partial phone
        ("0387 654 321", ["Trần Văn Đức"]),  # phone typed in groups
        ("+84387654321", ["Trần Văn Đức"]),
        ("066200", ["Đặng Minh Khoa"]),  # partial ID number
        ("001195998877", ["Lê Thị Ngọc Ánh"]),
        ("thi", ["Nguyễn Thị Hằng", "Lê Thị Ngọc Ánh"]),
        ("giam ho", None),  # procedure name "Đăng ký giám hộ": every dossier
        ("tran hang", []),
    ],
)
def test_search_folds_and_matches_partially(listed: Store, typed: str, expected: list[str] | None) -> None:
    with listed.session() as s:
        rows = fetch_page(s, 0, 50, search=typed)
        count = count_dossiers(s, typed)
    if expected is None:
        assert len(rows) == count == 5
    else:
        assert _names(rows) == expected and count == len(expected)


def test_search_by_dossier_code(listed: Store) -> None:
    with listed.session() as s:
        code = fetch_page(s, 0, 1)[0].code
        assert _names(fetch_page(s, 0, 10, search=code)) == ["Đặng Minh Khoa"]
        assert count_dossiers(s, code.lower()) == 1
        tail = code.split("-", 1)[1]  # "250310-0003"
        assert _names(fetch_page(s, 0, 10, search=tail)) == ["Đặng Minh Khoa"]


@pytest.mark.parametrize(
    "typed",
    [
        '"',
        "*",
        "(",
        ")",
        "-",
        "nguyen*",
        '"nguyen',
        "a OR",
        "AND",
        "NOT duc",
        "NEAR(a b)",
        "^x",
        ":",
        "{}",
        "nguyen -van",
        "col:duc",
        "'; DROP TABLE dossiers; --",
        "\\",
        "ñ\x00",
    ],
)
def test_fts_syntax_typed_by_the_user_never_crashes(listed: Store, typed: str) -> None:
    with listed.session() as s:
        rows = fetch_page(s, 0, 10, search=typed)
        count = count_dossiers(s, typed)
        more = fetch_after(s, None, 10, search=typed)
    assert len(rows) == count == len(more)


def test_symbols_only_means_no_filter(listed: Store) -> None:
    assert match_expression('"*()-') is None
    with listed.session() as s:
        assert count_dossiers(s, '"*()-') == 5


def test_keyset_paging_within_search(listed: Store) -> None:
    with listed.session() as s:
        first = fetch_after(s, None, 1, search="thi")
        second = fetch_after(s, first[-1], 1, search="thi")
        rest = fetch_after(s, second[-1], 1, search="thi")
    assert _names(first + second) == ["Nguyễn Thị Hằng", "Lê Thị Ngọc Ánh"] and rest == []


def test_page_plan_uses_the_received_index(listed: Store) -> None:
    """The unfiltered page is chosen on the received_at index, without sorting the whole table."""
    with listed.session() as s:
        plan = " | ".join(
            str(r[3])
            for r in s.execute(
                text("EXPLAIN QUERY PLAN SELECT rowid FROM dossiers ORDER BY received_at DESC, rowid DESC")
            )
        )
    assert "ix_dossiers_received_at" in plan and "TEMP B-TREE" not in plan


@pytest.mark.parametrize("shuffle_seed", [1, 2, 3])
def test_search_pages_are_exact_when_receipt_order_differs_from_insertion_order(
    ready_store: tuple[Store, SignedIn], monkeypatch: pytest.MonkeyPatch, shuffle_seed: int
) -> None:
    """Few candidates and dossiers entered out of receipt order: every path must still give the true order."""
    import random

    from desktop.store import queries

    monkeypatch.setattr(queries, "CANDIDATES", 4)
    monkeypatch.setattr(queries, "MAX_CANDIDATES", 30)
    store, _ = ready_store
    rng = random.Random(shuffle_seed)
    minutes = list(range(40))
    rng.shuffle(minutes)
    minutes[5] = minutes[6]  # one tie on the receipt time
    with store.transaction() as s:
        for n, minute in enumerate(minutes, start=1):
            family = "Kiều" if n % 3 else "Đỗ"
            _add(
                s,
                f"{family} Thị Mẫu",
                f"0641910{n:05d}",
                f"09120{n:05d}",
                BASE + timedelta(minutes=minute),
                n,
            )
    with store.session() as s:
        everything = fetch_page(s, 0, 100)
        for typed, keep in [("kieu thi", "Kiều"), ("do", "Đỗ"), ("mau", "")]:
            expected = [r for r in everything if r.applicant_name.startswith(keep)]
            assert count_dossiers(s, typed) == len(expected)
            for offset, limit in [(0, 3), (0, 10), (2, 5), (10, 10), (25, 10), (0, 100)]:
                assert fetch_page(s, offset, limit, typed) == expected[offset : offset + limit], (
                    typed,
                    offset,
                )
            pages = fetch_after(s, None, 4, typed)
            while len(pages) < len(expected):
                more = fetch_after(s, pages[-1], 4, typed)
                assert more
                pages += more
            assert pages == expected
    assert [r.received_at for r in everything] == sorted((r.received_at for r in everything), reverse=True)


@pytest.mark.parametrize("search", ["", "nguyen", "0912 345 678"])
def test_a_plain_read_only_connection_lists_as_the_store_does(listed: Store, search: str) -> None:
    """The main window's first page may be read before the store is open (desktop.store.peek.read_only)."""
    from desktop.store.peek import read_only

    with listed.session() as s:
        expected = count_dossiers(s, search), fetch_page(s, 0, 3, search), fetch_after(s, None, 2, search)
    with read_only(listed.profile.db_path) as conn:
        got = count_dossiers(conn, search), fetch_page(conn, 0, 3, search), fetch_after(conn, None, 2, search)
    assert got == expected and expected[0] > 0

"""The dossier list sorted by each column, filtered by status, and searched by the submitter; the schema
step that added this to profiles already holding dossiers; Vietnamese alphabetical order."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.cli import main
from desktop.core.collation import sort_key
from desktop.core.text import fold
from desktop.core.timeutil import VN_TZ
from desktop.services.accounts import SignedIn
from desktop.store import queries
from desktop.store.engine import Store, open_store
from desktop.store.list_keys import build_search_text
from desktop.store.models import Dossier
from desktop.store.queries import Order, count_dossiers, fetch_page
from tests.factories import make_dossier
from tests.unit.test_migrations import SNAPSHOTS, schema

BASE = datetime(2025, 3, 10, 8, 0, tzinfo=VN_TZ)

ROWS = [
    # applicant, submitter, procedure, status, minutes after BASE
    ("Ông Văn Bình", "", "1.004837", "received", 10),
    ("Ánh Thị Lan", "Đặng Thị Thu", "1.001193", "returned", 20),
    ("Đinh Công Tráng", "", "1.004837", "processing", 30),
    ("Dương Minh Hải", "Bùi Văn Tư", "1.001193", "returned", 40),
    ("An Văn Khánh", "An Văn Khánh", "1.004837", "refused", 50),  # brought it themself
]


def _fill(session: Session) -> None:
    for n, (name, submitter, procedure, status, minutes) in enumerate(ROWS, start=1):
        make_dossier(
            session,
            name,
            procedure,
            submitter=submitter,
            status=status,
            received=BASE + timedelta(minutes=minutes),
            number=n,
        )


@pytest.fixture
def listed(ready_store: tuple[Store, SignedIn]) -> Store:
    store, _ = ready_store
    with store.transaction() as s:
        _fill(s)
    return store


def _names(store: Store, order: Order, status: str = "", search: str = "") -> list[str]:
    with store.session() as s:
        return [r.applicant_name for r in fetch_page(s, 0, 50, search, status=status, order=order)]


def test_vietnamese_alphabetical_order() -> None:
    words = ["an", "ăn", "ân", "bình", "dung", "dũng", "đào", "đinh", "e", "ê", "o", "ô", "ơ", "u", "ư", "y"]
    assert sorted(reversed(words), key=sort_key) == words
    tones = ["ma", "mà", "mả", "mã", "má", "mạ", "mai"]
    assert sorted(reversed(tones), key=sort_key) == tones
    assert sort_key("NGUYỄN  Văn") == sort_key("nguyễn văn")
    assert sorted(["Lê Anh", "Lê An", "Lê Ánh"], key=sort_key) == ["Lê An", "Lê Anh", "Lê Ánh"]


def test_sorts_by_applicant_in_vietnamese_order_both_ways(listed: Store) -> None:
    expected = ["An Văn Khánh", "Ánh Thị Lan", "Dương Minh Hải", "Đinh Công Tráng", "Ông Văn Bình"]
    assert _names(listed, Order("applicant", descending=False)) == expected
    assert _names(listed, Order("applicant", descending=True)) == expected[::-1]


def test_sorts_by_every_column(listed: Store) -> None:
    with listed.session() as s:
        for column in queries.SORT_COLUMNS:
            up = fetch_page(s, 0, 50, order=Order(column, descending=False))
            down = fetch_page(s, 0, 50, order=Order(column, descending=True))
            assert [r.code for r in down] == [r.code for r in up][::-1], column
            assert len(up) == len(ROWS)
    by_status = _names(listed, Order("status", descending=False))
    assert by_status[0] == "Ông Văn Bình" and by_status[-2:] == ["Ánh Thị Lan", "Dương Minh Hải"]
    by_submitter = _names(listed, Order("submitter", descending=True))
    assert by_submitter[:2] == ["Ánh Thị Lan", "Dương Minh Hải"]  # Đặng after Bùi


def test_filters_by_status_with_search_and_order(listed: Store) -> None:
    assert sorted(_names(listed, Order(), status="returned")) == ["Dương Minh Hải", "Ánh Thị Lan"]
    with listed.session() as s:
        assert count_dossiers(s, status="returned") == 2
        assert count_dossiers(s, "duong", status="returned") == 1
        assert count_dossiers(s, "duong", status="received") == 0
    assert _names(listed, Order("applicant", False), status="returned", search="thi") == ["Ánh Thị Lan"]
    assert _names(listed, Order(), status="stopped") == []


@pytest.mark.parametrize("limit", [0, 1, 100])
def test_sort_and_walk_give_the_same_pages(
    listed: Store, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    """Whether few matches are sorted or many are walked along the index, the pages are the same."""
    monkeypatch.setattr(queries, "SORT_LIMIT", limit)
    with listed.session() as s:
        for column in queries.SORT_COLUMNS:
            order = Order(column, descending=column != "code")
            for search, status in [("van", ""), ("", "returned"), ("thi", "returned"), ("van", "received")]:
                everything = fetch_page(s, 0, 50, search, status=status, order=order)
                paged = [
                    row
                    for offset in range(0, 5, 2)
                    for row in fetch_page(s, offset, 2, search, status=status, order=order)
                ]
                assert paged == everything, (column, search, status)
                assert len(everything) == count_dossiers(s, search, status)


def test_submitter_is_found_without_diacritics_and_shown(listed: Store) -> None:
    with listed.session() as s:
        rows = fetch_page(s, 0, 50, "dang thi thu")
        assert [(r.applicant_name, r.submitter_name) for r in rows] == [("Ánh Thị Lan", "Đặng Thị Thu")]
        assert [r.applicant_name for r in fetch_page(s, 0, 50, "bui van")] == ["Dương Minh Hải"]
        khanh = fetch_page(s, 0, 50, "khanh")
        assert [r.submitter_name for r in khanh] == [""]  # the applicant brought it: no one else to show


def _downgrade_to_v1(db: Path) -> None:
    """Turn a current database back into schema 1, keeping its rows, with the search text version 1 wrote."""
    con = sqlite3.connect(db)
    try:
        con.execute("DROP TABLE time_limit_overrides")  # the confirmed time limits (12)
        for table, column in (  # the whole catalogue's step (11)
            ("procedures", "time_confirmed"),
            ("procedures", "details"),
            ("procedure_documents", "shown"),
            ("procedure_documents", "form"),
        ):
            con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        con.execute("DROP INDEX ix_dossiers_review")  # the flagged dossiers' index (10)
        for (trigger,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_fig_%'"
        ):
            con.execute(f"DROP TRIGGER {trigger}")  # the indicators' summary (9; held: 13)
        con.execute("DROP TABLE figures_hold")  # the summary's triggers held (13)
        con.executescript(
            "DROP TABLE figures_received; DROP TABLE figures_finished; DROP TABLE report_snapshots;"
        )
        con.execute("ALTER TABLE dossiers DROP COLUMN review_note")  # the way back's step (8)
        for column in ("received", "received_refused"):
            con.execute(f"ALTER TABLE sync_runs DROP COLUMN {column}")
        con.execute("DROP INDEX ix_dossiers_finished_at")  # the indicators' step (7)
        con.executescript(  # the officers' lockout and audit log (6)
            "DROP TABLE audit_log; ALTER TABLE officers DROP COLUMN failed_signins; "
            "ALTER TABLE officers DROP COLUMN locked_until;"
        )
        for index in ("status_current_due", "returned_at"):  # the worklists' step
            con.execute(f"DROP INDEX ix_dossiers_{index}")
        con.executescript(
            "DROP TABLE fee_lines; DROP TABLE fee_receipts; ALTER TABLE procedures DROP COLUMN fees;"
        )
        for column in ("result_kind", "result_number", "delivery_status"):  # the result's step
            con.execute(f"ALTER TABLE dossiers DROP COLUMN {column}")
        for column in ("applicant_key", "submitter_key", "procedure_key", "status_code", "due_at"):
            con.execute(f"DROP INDEX ix_dossiers_{column}")
        for column in ("applicant_key", "submitter_key", "procedure_key"):
            con.execute(f"ALTER TABLE dossiers DROP COLUMN {column}")
        rows = con.execute(
            "SELECT d.rowid, a.full_name, a.id_number, a.phone, d.code, p.name FROM dossiers AS d "
            "JOIN applicants AS a ON a.id = d.applicant_id JOIN procedures AS p ON p.id = d.procedure_id"
        ).fetchall()
        for rowid, *fields in rows:
            con.execute(
                "UPDATE dossiers SET search_text = ? WHERE rowid = ?", (build_search_text(*fields), rowid)
            )
        con.execute("PRAGMA user_version=1")
        con.commit()
    finally:
        con.close()


def test_upgrading_a_profile_with_dossiers_makes_them_sortable_and_finds_submitters(
    ready_store: tuple[Store, SignedIn], tmp_path: Path
) -> None:
    store, _ = ready_store
    with store.transaction() as s:
        _fill(s)
    root, db = store.profile.root, store.profile.db_path
    store.close()
    _downgrade_to_v1(db)
    v1 = tmp_path / "v1.sqlite3"
    con = sqlite3.connect(v1)
    con.executescript((SNAPSHOTS / "v1.sql").read_text(encoding="utf-8"))
    con.close()
    assert schema(db) == schema(v1)  # really a version 1 database
    con = sqlite3.connect(db)
    hits = con.execute(
        "SELECT count(*) FROM dossier_fts WHERE dossier_fts MATCH '\"dang thi thu\"'"
    ).fetchone()
    con.close()
    assert hits == (0,)  # version 1 did not index submitters

    upgraded = open_store(root)
    try:
        assert _names(upgraded, Order("applicant", descending=False))[:3] == [
            "An Văn Khánh",
            "Ánh Thị Lan",
            "Dương Minh Hải",
        ]
        with upgraded.session() as s:
            found = fetch_page(s, 0, 50, "dang thi thu")
            assert [(r.applicant_name, r.submitter_name) for r in found] == [("Ánh Thị Lan", "Đặng Thị Thu")]
            assert count_dossiers(s, "bui van tu") == 1
            assert count_dossiers(s, "nguyen") == 0
    finally:
        upgraded.close()
    assert list((root / "backups").glob("motcua-v1-*.sqlite3"))


def test_motcua_dossiers_finds_the_submitter(listed: Store, capsys: pytest.CaptureFixture[str]) -> None:
    root = listed.profile.root
    listed.close()
    assert main(["--data-dir", str(root), "dossiers", "--json", "--search", "BUI VAN TU"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [item["applicant"] for item in found] == ["Dương Minh Hải"]
    assert {"code", "applicant", "procedure_code", "status", "received_at", "due_at"} <= set(found[0])
    assert main(["--data-dir", str(root), "dossiers", "--search", "dang thi"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert (
        "Chủ hồ sơ" in table[0]
        and "Ánh Thị Lan" in table[2]
        and table[-1] == "1/1 hồ sơ khớp với “dang thi”."
    )


def test_demo_dossiers_have_submitters_and_posted_results_to_find_and_sort(store: Store) -> None:
    from desktop.services.demo import seed_demo
    from desktop.services.dossier_detail import load_detail

    seed_demo(store, 300, seed=7)
    with store.session() as s:
        rows = fetch_page(s, 0, 300, order=Order("submitter", descending=True))
        brought = [r for r in rows if r.submitter_name]
        assert 20 <= len(brought) <= 80 and rows[: len(brought)] == brought  # about 15 %, sorted first
        assert all(r.submitter_name != r.applicant_name for r in brought)
        one = brought[len(brought) // 2]
        typed = fold(one.submitter_name)
        assert one.id in {r.id for r in fetch_page(s, 0, 300, typed)}
        posted = s.scalars(select(Dossier.code).where(Dossier.delivery == "postal")).all()
    assert 3 <= len(posted) <= 40
    detail = load_detail(store, posted[0])
    assert detail.by_post and detail.postal_address


@pytest.mark.parametrize("sort_limit", [0, 5000])  # the status counts as common, or as rare
def test_newest_hits_of_one_status_are_exact_when_receipt_and_insertion_orders_differ(
    ready_store: tuple[Store, SignedIn], monkeypatch: pytest.MonkeyPatch, sort_limit: int
) -> None:
    """The newest page of a search within a status comes from the newest hits by rowid only when no
    older-inserted hit is newer; here receipt times run against insertion order in places."""
    store, _ = ready_store
    statuses = ["received", "returned", "processing"]
    minutes = [(n * 37) % 60 for n in range(30)]  # not in insertion order
    with store.transaction() as s:
        for n, minute in enumerate(minutes):
            name = f"Nguyễn Văn Số {n}"
            received = BASE + timedelta(minutes=minute, seconds=n)
            make_dossier(s, name, status=statuses[n % 3], received=received, number=100 + n)
    monkeypatch.setattr(queries, "CANDIDATES", 1)
    monkeypatch.setattr(queries, "SORT_LIMIT", sort_limit)
    with store.session() as s:
        everything = fetch_page(s, 0, 100, "nguyen van")
        for status in statuses:
            expected = [r for r in everything if r.status == status]
            pages = [
                fetch_page(s, offset, 1, "nguyen van", status=status)[0] for offset in range(len(expected))
            ]
            assert pages == expected
            assert fetch_page(s, 0, 3, "nguyen van", status=status) == expected[:3]

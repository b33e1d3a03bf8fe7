"""`motcua worklist NAME [--json]` and the lifecycle fields of `motcua dossiers --json`, through `desktop.cli.main`."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main
from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from tests.clock import Clock
from tests.factories import at, place
from tests.unit.test_worklists import DECEMBER


@pytest.fixture
def placed(ready_store: tuple[Store, SignedIn], clock: Clock) -> tuple[list[str], dict[str, str]]:
    store, _ = ready_store
    codes = place(store, DECEMBER)
    clock.set(at(3, 12, 17, 30))  # Thursday after closing
    return ["--data-dir", str(store.profile.root)], codes


def test_overdue_as_json_sorted_by_due(
    placed: tuple[list[str], dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    args, codes = placed
    assert main([*args, "worklist", "overdue", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert [i["code"] for i in items] == [codes["D"], codes["G"], codes["A"]]
    assert all(i["late"] for i in items)
    assert items[1]["status"] == "financial_obligation" and items[1]["due_at"] == "2026-12-03T11:00:00+07:00"


def test_to_hand_over_as_a_table_with_its_deadline_column(
    placed: tuple[list[str], dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    args, codes = placed
    assert main([*args, "worklist", "to-hand-over"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "Hạn chuyển" in lines[0] and "Hẹn trả" in lines[0]
    assert codes["K"] in lines[2] and "03/12/2026 11:30 (trễ)" in lines[2]  # received after the cut-off
    assert codes["C"] in lines[3] and "02/12/2026 17:00 (trễ)" in lines[3]
    assert lines[-1] == "Chờ chuyển xử lý: 2/2 hồ sơ."


def test_ready_shows_the_days_waited(
    placed: tuple[list[str], dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    args, codes = placed
    assert main([*args, "worklist", "ready", "--json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert item["code"] == codes["H"] and item["days_waiting"] == 2
    assert main([*args, "worklist", "returned-today"]) == 0
    out = capsys.readouterr().out
    assert codes["I"] in out and "08:15" in out and codes["J"] not in out


def test_an_unknown_name_exits_2_listing_the_valid_ones(
    placed: tuple[list[str], dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    args, _ = placed
    assert main([*args, "worklist", "late"]) == 2
    err = capsys.readouterr().err
    assert "Không có danh sách công việc 'late'" in err
    assert "to-hand-over" in err and "waiting-supplement" in err and "Traceback" not in err


def test_dossiers_json_has_the_lifecycle_fields(
    ready_store: tuple[Store, SignedIn], capsys: pytest.CaptureFixture[str]
) -> None:
    store, _ = ready_store
    codes = place(
        store,
        {
            "paid": {
                "status": "returned",
                "received": at(20, 11, 9),
                "due_at": at(1, 12, 9),
                "extended_due_at": at(3, 12, 9),
                "result_ready_at": at(2, 12, 10),
                "returned_at": at(3, 12, 8, 15),
                "finished_at": at(3, 12, 8, 15),  # stamped by today's return: the processing ended earlier
                "rating": 1,
                "fee_amount": 8000,
                "payment_channel": "cash",
            },
            "stopped": {
                "status": "stopped",
                "received": at(21, 11, 9),
                "finished_at": at(25, 11, 14),
                "fee_amount": 8000,
            },
        },
    )
    assert main(["--data-dir", str(store.profile.root), "dossiers", "--json"]) == 0
    items = {i["code"]: i for i in json.loads(capsys.readouterr().out)}
    paid, stopped = items[codes["paid"]], items[codes["stopped"]]
    assert paid["finished_at"] == "2026-12-02T10:00:00+07:00"
    assert paid["extended_due_at"] == "2026-12-03T09:00:00+07:00"
    assert paid["returned_at"] == "2026-12-03T08:15:00+07:00"
    assert (paid["rating"], paid["fees_paid"]) == (1, 8000)
    assert stopped["finished_at"] == "2026-11-25T14:00:00+07:00"
    assert (stopped["extended_due_at"], stopped["returned_at"], stopped["rating"], stopped["fees_paid"]) == (
        None,
        None,
        None,
        0,
    )

"""`motcua report indicators`: every figure recomputed here, independently, from `motcua dossiers --json`
(lifecycle §6.1–6.3 read again from the rule book), for several seeds and periods, equals the report."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.core.period import Period, parse_period, parse_range
from desktop.core.timeutil import now_local
from desktop.services.demo import seed_demo
from desktop.store.calendar_files import load_calendar
from desktop.store.engine import open_store
from desktop.store.models import Attachment, DocumentLine

SEEDS = (3, 8)
ENDED = ("refused", "withdrawn", "stopped", "result_ready", "returned")
DOSSIERS = 700
CALENDAR = load_calendar()


def _scan_some(root: Path) -> None:
    """Scans on each paper of every third dossier, on the first paper only of every seventh (not
    digitised when it has more), and one removed scan."""
    store = open_store(root)
    try:
        with store.transaction() as session:
            lines = session.execute(
                select(DocumentLine.id, DocumentLine.dossier_id, DocumentLine.position)
            ).all()
            dossiers = sorted({line.dossier_id for line in lines})
            full, first = set(dossiers[::3]), set(dossiers[1::7])
            for n, line in enumerate(lines):
                if line.dossier_id in full or (line.dossier_id in first and line.position == 1):
                    session.add(Attachment(dossier_id=line.dossier_id, document_line_id=line.id,
                                           sha256=f"{n:064x}", removed=n % 97 == 0))  # fmt: skip
    finally:
        store.close()


@pytest.fixture(scope="module", params=SEEDS, ids=[f"seed{s}" for s in SEEDS])
def seeded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[dict[str, Any]]]:
    root = tmp_path_factory.mktemp("indicators") / "profile"
    store = open_store(root)
    try:
        seed_demo(store, DOSSIERS, seed=request.param)
    finally:
        store.close()
    _scan_some(root)
    return root, _run_json(root, "dossiers", "--json", "--limit", "0")


def _run_json(root: Path, *argv: str) -> Any:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--data-dir", str(root), *argv]) == 0
    return json.loads(out.getvalue())


def _t(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _span(first: date, last: date) -> int:
    """Working days after `first` up to and including `last`."""
    if last <= first:
        return 0
    return sum(
        1 for n in range(1, (last - first).days + 1) if CALENDAR.is_working_day(first + timedelta(days=n))
    )


def _open_pause(item: dict[str, Any], at: datetime) -> datetime | None:
    starts = [_t(a) for a, b in item["pauses"] if _t(a) < at and (b is None or _t(b) >= at)]  # type: ignore[operator]
    return max(starts) if starts else None  # type: ignore[type-var]


def expected(items: list[dict[str, Any]], period: Period, at: datetime) -> dict[str, Any]:
    """The figures by the rule book, from the list alone."""
    start, end = period.bounds()

    def within(moment: datetime | None) -> bool:
        return moment is not None and start <= moment < end

    received = [i for i in items if within(_t(i["received_at"])) and i["status"] != "registered"]
    resolved = [
        i for i in items if i["status"] in ("result_ready", "returned") and within(_t(i["finished_at"]))
    ]
    late = [i for i in resolved if i["current_due"] and _t(i["finished_at"]) > _t(i["current_due"])]  # type: ignore[operator]
    early = [
        i for i in resolved
        if i not in late and i["current_due"] and _t(i["finished_at"]).date() < _t(i["current_due"]).date()  # type: ignore[union-attr]
    ]  # fmt: skip
    in_progress = [
        i for i in items
        if i["status"] not in ("registered", "refused") and _t(i["received_at"]) < end  # type: ignore[operator]
        and (_t(i["finished_at"]) >= end if i["finished_at"] else i["status"] not in ENDED)  # type: ignore[operator]
    ]  # fmt: skip

    def due_at(i: dict[str, Any]) -> datetime | None:
        """The appointment in force at `at` (§6.1 "due at t"): the one before the first move after it."""
        before = next((b for moment, b in i["due_changes"] if _t(moment) > at), None)  # type: ignore[operator]
        return _t(before) if before else _t(i["current_due"])

    overdue = [
        i for i in in_progress if due_at(i) and due_at(i) < (_open_pause(i, at) or at)  # type: ignore[operator]
    ]  # fmt: skip
    handling = sum(
        _span(_t(i["received_at"]).date(), _t(i["finished_at"]).date())  # type: ignore[union-attr]
        - sum(_span(_t(a).date(), _t(b).date()) for a, b in i["pauses"] if b)  # type: ignore[union-attr]
        for i in resolved
    )

    def closed(status: str) -> int:
        return sum(
            1 for i in items if i["status"] == status and within(_t(i["finished_at"] or i["received_at"]))
        )

    d766 = [
        i for i in items
        if i["status"] not in ("registered", "refused") and _t(i["received_at"]) < end  # type: ignore[operator]
        and (i["finished_at"] is None or _t(i["finished_at"]) >= start)  # type: ignore[operator]
    ]  # fmt: skip

    def late766(i: dict[str, Any]) -> bool:
        finished = _t(i["finished_at"])
        if finished is not None and finished < end:
            return i["supplements"] > 1 or (i["current_due"] is not None and finished > _t(i["current_due"]))  # type: ignore[operator]
        due = due_at(i)
        return i["supplements"] > 1 or (due is not None and (_open_pause(i, at) or at) > due)

    received766 = [i for i in received if i["status"] != "refused"]
    ratings = Counter(i["rating_level"] for i in received if i["rating_level"])
    return {
        "received": len(received),
        "received_by_channel": {
            c: sum(1 for i in received if i["channel"] == c) for c in ("direct", "postal", "online")
        },
        "resolved": len(resolved),
        "resolved_early": len(early),
        "resolved_on_time": len(resolved) - len(early) - len(late),
        "resolved_late": len(late),
        "resolved_late_original_due": sum(
            1 for i in resolved if i["due_at"] and _t(i["finished_at"]) > _t(i["due_at"])
        ),  # type: ignore[operator]
        "on_time_rate": (len(resolved) - len(late)) / len(resolved) if resolved else None,
        "in_progress": len(in_progress),
        "in_progress_on_time": len(in_progress) - len(overdue),
        "overdue": len(overdue),
        "withdrawn": closed("withdrawn"),
        "stopped": closed("stopped"),
        "refused": closed("refused"),
        "avg_days": round(handling / len(resolved), 2) if resolved else None,
        "supplement_requests": sum(1 for i in items for a, _ in i["pauses"] if within(_t(a))),
        "synced": sum(1 for i in received if i["synced"]),
        "unsynced": sum(1 for i in received if not i["synced"]),
        "digitised": sum(1 for i in received if i["digitised"]),
        "satisfaction": {"very_satisfied": 0, "satisfied": 0, "dissatisfied": 0, **ratings},
        "fees_collected": sum(i["fees_paid"] for i in received),
        "766": {
            "1.4": (sum(1 for i in received766 if i["synced"]), len(received766)),
            "2.1": (sum(1 for i in d766 if not late766(i)), len(d766)),
            "3.3": (sum(1 for i in received766 if i["channel"] == "online"), len(received766)),
            "4.2": (sum(1 for i in received766 if i["digitised"]), len(received766)),
            "5.4": (sum(1 for i in d766 if not late766(i)), len(d766)),
        },
    }


def _points(item: dict[str, Any]) -> float | None:
    full = {"1.4": (6, None), "2.1": (20, None), "4.2": (4, 0.8), "5.4": (6, 0.9)}.get(item["id"])
    if full is None or not item["denominator"]:
        return None
    rate = item["numerator"] / item["denominator"]
    return round(full[0] * (min(1, rate / full[1]) if full[1] else rate), 2)


PERIODS = [
    ["--period", "2026-11"],
    ["--period", "2026-12"],  # the current month: judged now
    ["--period", "2026-Q3", "--cutoff"],
    ["--from", "2025-10-15", "--to", "2026-02-20"],
    ["--period", "2026"],
]


@pytest.mark.parametrize("argv", PERIODS, ids=lambda a: "_".join(a).strip("-"))
def test_every_figure_recomputed_from_the_dossier_list(
    seeded: tuple[Path, list[dict[str, Any]]], argv: list[str]
) -> None:
    root, items = seeded
    report = _run_json(root, "report", "indicators", *argv, "--json")
    period = (
        parse_period(argv[1], "--cutoff" in argv) if argv[0] == "--period" else parse_range(argv[1], argv[3])
    )
    assert (report["period"]["from"], report["period"]["to"]) == (
        period.start.isoformat(),
        period.end.isoformat(),
    )
    figures = expected(items, period, datetime.fromisoformat(report["at"]))
    items766 = figures.pop("766")
    assert {key: report[key] for key in figures} == figures
    assert {i["id"]: (i["numerator"], i["denominator"]) for i in report["d766"]["items"]} == items766
    assert [i["points"] for i in report["d766"]["items"]] == [_points(i) for i in report["d766"]["items"]]
    assert report["d766"]["provisional"] and report["d766"]["unsynced"] == figures["unsynced"]
    assert "hạn trả đang có hiệu lực" in report["rule"]


def test_the_demo_history_is_worth_reporting_on(seeded: tuple[Path, list[dict[str, Any]]]) -> None:
    root, items = seeded
    today = now_local().date()
    report = _run_json(
        root, "report", "indicators", "--from", str(today - timedelta(days=400)), "--to", str(today), "--json"
    )
    assert (
        report["resolved_early"]
        and report["resolved_late"]
        and report["resolved_on_time"] > report["resolved_late"] * 4
    )
    assert 0.8 < report["on_time_rate"] < 0.99
    assert report["withdrawn"] and report["stopped"] and report["refused"] and report["supplement_requests"]
    assert all(report["satisfaction"].values()) and report["fees_collected"] > 0
    assert report["received_by_channel"]["online"] and report["received_by_channel"]["postal"]
    assert 0 < report["unsynced"] < report["synced"]
    assert any(i["extended_due_at"] for i in items) and any(i["supplements"] for i in items)
    recent = [i for i in items if _t(i["received_at"]).date() > today - timedelta(days=10)]  # type: ignore[union-attr]
    assert recent and not any(i["synced"] for i in recent)  # the recent ones wait for the sync
    months = {i["received_at"][:7] for i in items}
    assert len(months) == 15 or len(months) == 16  # fifteen months back, and this month's first days


def test_a_period_without_dossiers_gives_zeros(seeded: tuple[Path, list[dict[str, Any]]]) -> None:
    root, _ = seeded
    report = _run_json(root, "report", "indicators", "--period", "2020-01", "--json")
    assert report["received"] == report["resolved"] == report["overdue"] == report["fees_collected"] == 0
    assert report["on_time_rate"] is None and report["avg_days"] is None
    assert all(i["points"] is None for i in report["d766"]["items"])


def test_bad_periods_exit_2_with_the_expected_form(
    seeded: tuple[Path, list[dict[str, Any]]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, _ = seeded
    for argv, message in [
        (["--period", "2026-Q5"], "2026-Q4"),
        (["--from", "2026-12-31", "--to", "2026-12-01"], "ngược"),
        (["--from", "31/02/2026", "--to", "2026-12-01"], "không tồn tại"),
        ([], "--period"),
    ]:
        assert main(["--data-dir", str(root), "report", "indicators", *argv]) == 2
        assert message in capsys.readouterr().err


def test_the_command_prints_vietnamese(
    seeded: tuple[Path, list[dict[str, Any]]], request: pytest.FixtureRequest
) -> None:
    """One subprocess: the entry point, the text form."""
    root, _ = seeded
    if f"seed{SEEDS[0]}" not in request.node.name:  # once, not per seed
        pytest.skip("the text form is checked on the first seed")
    month = parse_period(f"{now_local():%Y-%m}").previous()  # last month: a whole month of history
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(root), "report", "indicators", "--period",
         f"{month.start:%Y-%m}"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert (
        lines[0] == f"Chỉ số Tháng {month.start:%m/%Y} (từ {month.start:%d/%m/%Y} đến {month.end:%d/%m/%Y})"
    )
    assert any(line.startswith("Tỷ lệ đúng hạn\t") and line.endswith("%") for line in lines)
    assert any("Quyết định 766 (tạm tính;" in line and "chưa đồng bộ" in line for line in lines)

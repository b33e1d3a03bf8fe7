"""The officer's worklists on a large profile: each list's count and first page, and the side list's counts.

    .venv/bin/python benchmarks/worklists.py [--dossiers 500000] [--profile DIR] [--runs 9]

The profile (default `benchmarks/out/worklists-<N>k/`) is built once and reused by later runs: `--base`
demo dossiers from the demo generator (`seed_demo`, statuses and times as at a real counter), then copied
by bulk SQL, each copy moved back in time by whole weeks, until it holds `--dossiers`. The copies keep
their statuses, so the profile has far more open dossiers than a commune would (most copies of an open
dossier are overdue): a hard case for `overdue`, `to-hand-over` and `ready`. A list "count + page" is what
the GUI does when the officer opens it: the count, then the first 200 rows (`desktop.store.worklists`)
joined to the applicant and procedure. The baseline, measured in the same run on the same connection, is a
plain `SELECT * FROM dossiers LIMIT 50`. Each figure is the median of `--runs` runs after a warm-up.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from desktop.core.timeutil import now_local  # noqa: E402
from desktop.core.worklists import Worklist, moments  # noqa: E402
from desktop.services.demo import seed_demo  # noqa: E402
from desktop.services.worklists import DEFAULT_LIMIT, load_worklist, worklist_counts  # noqa: E402
from desktop.store import worklists as queries  # noqa: E402
from desktop.store.calendar_repo import calendar_for  # noqa: E402
from desktop.store.engine import Store, open_store  # noqa: E402

TARGET_MS = 30
_TIMES = (
    "submitted_at",
    "received_at",
    "due_at",
    "extended_due_at",
    "handed_over_at",
    "result_ready_at",
    "returned_at",
    "finished_at",
    "created_at",
    "updated_at",
)


def _shifted(column: str, days: int) -> str:
    """The stored ISO string moved back by `days` (date and time part only; fraction and offset kept)."""
    return (
        f"CASE WHEN {column} IS NULL THEN NULL ELSE "
        f"strftime('%Y-%m-%dT%H:%M:%S', substr({column}, 1, 19), '-{days} days') || substr({column}, 20) END"
    )


def build(
    profile: Path, dossiers: int, base: int, weeks: Callable[[int], int] = lambda copy: 26 * copy
) -> None:
    """`base` demo dossiers, then copies of them until `dossiers`, copy n moved back by `weeks(n)` weeks."""
    store = open_store(profile)
    try:
        started = time.perf_counter()
        seed_demo(store, min(base, dossiers), seed=1)
        print(f"  {min(base, dossiers):,} demo dossiers in {time.perf_counter() - started:.1f} s", flush=True)
        with store.engine.begin() as conn:
            columns = [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(dossiers)")]
            have = int(conn.exec_driver_sql("SELECT count(*) FROM dossiers").scalar_one())
            copy = 0
            while have < dossiers:
                copy += 1
                take = min(have if copy == 1 else base, dossiers - have, base)
                values = []
                for column in columns:
                    if column == "id":
                        values.append("lower(hex(randomblob(16)))")
                    elif column == "code":
                        values.append(f"code || '-c{copy}'")
                    elif column in _TIMES:
                        values.append(_shifted(column, 7 * weeks(copy)))
                    else:
                        values.append(column)
                conn.exec_driver_sql(
                    f"INSERT INTO dossiers ({', '.join(columns)}) SELECT {', '.join(values)} FROM dossiers "
                    f"WHERE rowid <= {base} ORDER BY rowid LIMIT {take}"
                )
                have += take
                print(f"  {have:,} dossiers, {time.perf_counter() - started:.1f} s", flush=True)
        with store.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
    finally:
        store.close()


def median_ms(run: Callable[[], object], runs: int) -> float:
    run()  # warm-up
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=500_000)
    parser.add_argument("--base", type=int, default=50_000, help="demo dossiers generated before copying")
    parser.add_argument("--profile", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    profile = args.profile or ROOT / "benchmarks" / "out" / f"worklists-{args.dossiers // 1000}k"
    if not (profile / "motcua.sqlite3").exists():
        print(f"building {args.dossiers:,} dossiers in {profile} …", flush=True)
        build(profile, args.dossiers, args.base)
    else:
        print(f"reusing {profile}")
    store: Store = open_store(profile)
    rows: list[tuple[str, float, str]] = []
    try:
        with store.session() as s:
            total = int(s.execute(text("SELECT count(*) FROM dossiers")).scalar_one())
            at = moments(now_local(), calendar_for(s))
            baseline = median_ms(lambda: s.execute(text("SELECT * FROM dossiers LIMIT 50")).all(), args.runs)
            rows.append(("baseline: SELECT * FROM dossiers LIMIT 50", baseline, ""))
            for worklist in Worklist:

                def one(w: Worklist = worklist) -> None:
                    queries.count(s, w, at)
                    queries.fetch(s, w, at, DEFAULT_LIMIT)

                shown = queries.count(s, worklist, at)
                rows.append(
                    (
                        f"{worklist.value}: count + first {DEFAULT_LIMIT}",
                        median_ms(one, args.runs),
                        f"{shown:,}",
                    )
                )
        rows.append(
            (
                "all 8 counts (service, calendar included)",
                median_ms(lambda: worklist_counts(store), args.runs),
                "",
            )
        )
        rows.append(
            (
                "overdue through the service (rows with flags)",
                median_ms(lambda: load_worklist(store, "overdue"), args.runs),
                "",
            )
        )
    finally:
        store.close()
    print(
        f"\nWorklists on {total:,} dossiers ({profile}), median of {args.runs} runs, now {at.now:%d/%m/%Y %H:%M}"
    )
    print(f"{'query':52} {'median':>10} {'× baseline':>11} {'dossiers':>10}")
    for label, ms, count in rows:
        print(f"{label:52} {ms:8.2f} ms {ms / baseline:10.1f}× {count:>10}")
    lists = [ms for label, ms, _ in rows[1:9]]
    print(f"\nslowest list (count + page): {max(lists):.1f} ms (target ≤ {TARGET_MS} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The indicators of a year on a large profile (`motcua report indicators --period YYYY`), and the dashboard.

    .venv/bin/python benchmarks/report_indicators.py [--dossiers 500000] [--base 50000] [--profile DIR] [--runs 7]

The profile (default `benchmarks/out/indicators-<N>k/`) is built once and reused: `--base` demo dossiers from
the demo generator (fifteen months of history, as at a real counter, `seed_demo`), then copied by bulk SQL
(new id and code, the same times, statuses, sync state and ratings) until it holds `--dossiers`: the year
is about ten times as dense as the generator makes it, so the figures count about `--dossiers` × 0.8
dossiers (the copies go through the summary's triggers like any insert). Supplement pauses are the base's
only (the copies have none). Each figure is the median of
`--runs` runs after a warm-up; the year is the current one (`now`, default the application clock).
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

from desktop.core.period import year_period  # noqa: E402
from desktop.core.timeutil import now_local  # noqa: E402
from desktop.services.demo import seed_demo  # noqa: E402
from desktop.services.indicators import load_dashboard, load_indicators  # noqa: E402
from desktop.store.engine import open_store  # noqa: E402

TARGET_MS = 300


def build(profile: Path, dossiers: int, base: int) -> None:
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
                take = min(base, dossiers - have)
                values = [
                    "lower(hex(randomblob(16)))" if c == "id" else f"code || '-c{copy}'" if c == "code" else c
                    for c in columns
                ]
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


def median_ms(run: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    run()  # warm-up
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=500_000)
    parser.add_argument("--base", type=int, default=50_000, help="demo dossiers generated before copying")
    parser.add_argument("--profile", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    profile = args.profile or ROOT / "benchmarks" / "out" / f"indicators-{args.dossiers // 1000}k"
    if not (profile / "motcua.sqlite3").exists():
        print(f"building {args.dossiers:,} dossiers in {profile} …", flush=True)
        build(profile, args.dossiers, args.base)
    else:
        print(f"reusing {profile}")
    store = open_store(profile)
    try:
        with store.session() as s:
            total = int(s.execute(text("SELECT count(*) FROM dossiers")).scalar_one())
        now = now_local()
        year = year_period(now.year)
        report = load_indicators(store, year)
        year_ms, samples = median_ms(lambda: load_indicators(store, year), args.runs)
        dashboard_ms, _ = median_ms(lambda: load_dashboard(store), args.runs)
    finally:
        store.close()
    data = report.as_dict()
    print(f"\nIndicators of {year.label_vi()} on {total:,} dossiers ({profile}), now {now:%d/%m/%Y %H:%M}")
    for key in ("received", "resolved", "resolved_early", "resolved_on_time", "resolved_late", "on_time_rate",
                "in_progress", "overdue", "synced", "unsynced", "avg_days", "fees_collected"):  # fmt: skip
        print(f"  {key:18} {data[key]}")
    print(f"\nyear figures: median {year_ms:.0f} ms of {args.runs} runs "
          f"({', '.join(f'{s:.0f}' for s in samples)} ms; target ≤ {TARGET_MS} ms)")  # fmt: skip
    print(f"dashboard (this month, last month, 12 weeks): median {dashboard_ms:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The periodic report (Biểu số II.06a) of a quarter on a large profile, as PDF and as XLSX.

    .venv/bin/python benchmarks/report_periodic.py [--dossiers 500000] [--base 10000] [--profile DIR] [--runs 5]

The profile (default `benchmarks/out/report-<N>k/`) is built once and reused: `--base` demo dossiers
(`seed_demo`), then copies made by bulk SQL (`benchmarks/worklists.py`'s builder), copy n moved back by
1 to 13 whole weeks in turn, so the copies pile up over the demo's own span instead of spreading further
back. Each figure is the whole service call, `desktop.services.reports.periodic_report` (the query, the
table, the document, the file written), the median of `--runs` runs after a warm-up, in elapsed time and
in the process's CPU time (less disturbed by other work on the machine). The quarter is the last
full quarter before today.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402
from worklists import build  # noqa: E402

from desktop.core.period import parse_period  # noqa: E402
from desktop.core.timeutil import today_local  # noqa: E402
from desktop.services.reports import periodic_report  # noqa: E402
from desktop.store.engine import open_store  # noqa: E402

TARGET_S = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=500_000)
    parser.add_argument("--base", type=int, default=10_000, help="demo dossiers generated before copying")
    parser.add_argument("--profile", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    profile = args.profile or ROOT / "benchmarks" / "out" / f"report-{args.dossiers // 1000}k"
    if not (profile / "motcua.sqlite3").exists():
        print(f"building {args.dossiers:,} dossiers in {profile} …", flush=True)
        build(profile, args.dossiers, args.base, weeks=lambda copy: copy % 13 + 1)
    else:
        print(f"reusing {profile}")
    today = today_local()
    quarter = (today.month - 1) // 3  # the last full quarter: 0 means the fourth of last year
    key = f"{today.year}-Q{quarter}" if quarter else f"{today.year - 1}-Q4"
    period = parse_period(key)
    store = open_store(profile)
    results: dict[str, float] = {}
    cpu_times: dict[str, float] = {}
    try:
        with store.session() as s:
            total = int(s.execute(text("SELECT count(*) FROM dossiers")).scalar_one())
        with tempfile.TemporaryDirectory() as tmp:
            for suffix in (".pdf", ".xlsx"):
                output = Path(tmp) / f"report{suffix}"
                view = periodic_report(store, period, output)  # warm-up
                samples, cpu = [], []
                for _ in range(args.runs):
                    started, started_cpu = time.perf_counter(), time.process_time()
                    periodic_report(store, period, output)
                    samples.append(time.perf_counter() - started)
                    cpu.append(time.process_time() - started_cpu)
                results[suffix] = statistics.median(samples)
                cpu_times[suffix] = statistics.median(cpu)
                size = output.stat().st_size
                print(f"  {suffix[1:].upper():4} median {results[suffix]:.2f} s ({size:,} bytes)", flush=True)
    finally:
        store.close()
    t = view.table.total
    print(
        f"\nPeriodic report {period.label_vi()} on {total:,} dossiers ({profile}), median of {args.runs} runs: "
        f"{t.column(3):,} dossiers counted (received {t.column(4) + t.column(5):,}, carried over "
        f"{t.column(6):,}), {len(view.table.procedures)} procedures"
    )
    for suffix, seconds in results.items():
        print(
            f"{suffix[1:].upper():4} {seconds:.2f} s, CPU {cpu_times[suffix]:.2f} s (target ≤ {TARGET_S:.0f} s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

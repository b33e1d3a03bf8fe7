"""Appointments per second, against the `holidays` package's own working-day helper in the same run.

What is measured (each figure the median of `--runs` runs, default 7):

* `compute_due`: `--count` appointments (default 10,000) for receipts spread over 2024–2026 at random
  times, with a mix of rules like the catalogue's (3/5/7 working days, 4–16 working hours, same day with
  a 15:00 cut-off) and one supplement pause in every tenth dossier, on a warm `WorkCalendar`;
* baseline `holidays`: the same number of "N working days after the receipt date" by the library's
  `get_nth_working_day` (dates only, no office hours, no pauses, no swap data): the cheapest comparable
  call a hand-rolled solution would make;
* baseline lookup: the same number of raw `date in holidays` membership tests (a floor, not an
  appointment);
* `load_calendar()` cold (first use of a calendar: data file, library years, working-day table).

    .venv/bin/python benchmarks/legal_clock.py [--count 10000] [--runs 7]

Target (issue 3): 10,000 appointments well under a second.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

RULE_ARGS: list[tuple[float, str, clock | None]] = [
    (3, "days", None),
    (5, "days", None),
    (7, "days", None),
    (4, "hours", None),
    (16, "hours", None),
    (0, "sameday", clock(15, 0)),
]


def make_cases(count: int, seed: int = 7) -> list[tuple[datetime, Any, list[tuple[datetime, datetime]]]]:
    from desktop.core.appointment import ProcessingTime
    from desktop.core.timeutil import VN_TZ

    rules = [ProcessingTime(*args) for args in RULE_ARGS]
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=VN_TZ)
    cases = []
    for i in range(count):
        received = start + timedelta(minutes=rng.randrange(3 * 365 * 24 * 60 - 60 * 24 * 30))
        pauses = []
        if i % 10 == 0:
            begin = received + timedelta(hours=rng.randrange(1, 48))
            pauses.append((begin, begin + timedelta(days=rng.randrange(1, 6))))
        cases.append((received, rules[i % len(rules)], pauses))
    return cases


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    import holidays

    from desktop.core import calendar as calendar_module
    from desktop.core.appointment import OfficeHours, compute_due
    from desktop.store import calendar_files
    from desktop.store.calendar_files import load_calendar

    cases = make_cases(args.count)
    hours = OfficeHours()

    def cold_load() -> object:
        calendar_module._library_year.cache_clear()
        calendar_files.shipped_schedule.cache_clear()
        cal = load_calendar()
        return cal.add_working_days(date(2024, 1, 1), 3 * 250)

    cold = median_time(cold_load, args.runs)

    cal = load_calendar()
    for received, rule, pauses in cases[:200]:  # warm the working-day table over the span
        compute_due(received, rule, cal, hours, pauses)

    def ours() -> object:
        return [compute_due(r, rule, cal, hours, p) for r, rule, p in cases]

    lib = holidays.country_holidays("VN", years=range(2024, 2028))
    amounts = [int(rule.amount) if rule.unit == "days" else 1 for _r, rule, _p in cases]
    dates = [r.date() for r, _rule, _p in cases]
    lib.get_nth_working_day(dates[0], 3)  # warm

    def baseline_nth() -> object:
        return [lib.get_nth_working_day(d, n) for d, n in zip(dates, amounts, strict=True)]

    def baseline_lookup() -> object:
        return [d in lib for d in dates]

    t_ours = median_time(ours, args.runs)
    t_nth = median_time(baseline_nth, args.runs)
    t_lookup = median_time(baseline_lookup, args.runs)
    n = args.count
    print(f"appointments: {n:,} (median of {args.runs} runs), calendar {cal.version}")
    print(f"compute_due                      {t_ours * 1000:8.1f} ms   {n / t_ours:12,.0f} /s")
    print(f"baseline holidays nth working day {t_nth * 1000:7.1f} ms   {n / t_nth:12,.0f} /s")
    print(f"baseline holidays raw lookup     {t_lookup * 1000:8.1f} ms   {n / t_lookup:12,.0f} /s")
    print(f"ratio compute_due / nth working day: {t_ours / t_nth:.2f}x the time")
    print(f"ratio compute_due / raw lookup:      {t_ours / t_lookup:.1f}x the time")
    print(f"load_calendar() cold (3 years of table): {cold * 1000:.1f} ms")
    target = "met" if t_ours * 10_000 / n < 1.0 else "NOT met"
    print(
        f"target 10,000 appointments well under 1 s: {target} ({t_ours * 10_000 / n * 1000:.0f} ms per 10,000)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

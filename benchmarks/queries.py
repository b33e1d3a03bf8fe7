"""Dossier list queries on a large profile: search latency by name, ID number and phone, and page fetches.

    .venv/bin/python benchmarks/queries.py [--dossiers 500000] [--profile DIR] [--runs 15]

The profile (default `benchmarks/out/queries-<N>/`) is seeded once with `seed_demo` and reused by later
runs. Every figure is the median over several different queries of a kind, drawn from the profile's own
applicants (so each query has hits), after one warm-up pass. A "search" is what the list does when the
officer types: count the hits, then fetch the first page of 50. A "list reload" is what the GUI's list does
when its sort or status filter changes: count, then fetch the first page of 200 in that order. The baseline,
measured in the same run on
the same connection, is a plain `SELECT … FROM dossiers LIMIT 50` without search, order or joins.
Seeding throughput is printed for the big profile when it is seeded in this run, and always for a fresh
20,000-dossier profile.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from desktop.core.text import fold  # noqa: E402
from desktop.services.demo import seed_demo  # noqa: E402
from desktop.store.engine import Store, open_store  # noqa: E402
from desktop.store.queries import Order, count_dossiers, fetch_after, fetch_page  # noqa: E402

PAGE = 50
LIST_PAGE = 200  # desktop.ui.dossier_model.PAGE_SIZE (not imported: that module needs Qt)
# (label, search, status, order) of the list reloads measured
RELOADS = [
    ("sorted by applicant A-Z", "", "", Order("applicant", descending=False)),
    ("sorted by due date", "", "", Order("due", descending=False)),
    ("status 'received', by due date", "", "received", Order("due", descending=False)),
    ("status 'returned', by applicant", "", "returned", Order("applicant", descending=False)),
    ("status 'stopped', by procedure Z-A", "", "stopped", Order("procedure", descending=True)),
    ("search 'nguyen', by applicant", "nguyen", "", Order("applicant", descending=False)),
    ("search 'nguyen' + 'returned', newest", "nguyen", "returned", Order()),
    ("search 'thao' + 'returned', by submitter", "thao", "returned", Order("submitter")),
]
FRESH_SEED = 20_000


def seed(profile: Path, dossiers: int) -> dict[str, float]:
    """Seed a profile, printing progress; returns the throughput figures."""
    store = open_store(profile)
    step = max(1, dossiers // 10)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if done % step < 5000 or done == total:
            print(f"    {done:>9,} / {total:,}  {time.perf_counter() - started:6.1f} s", flush=True)

    try:
        created = seed_demo(store, dossiers, progress=progress)
    finally:
        store.close()
    seconds = time.perf_counter() - started
    size = (profile / "motcua.sqlite3").stat().st_size
    return {"dossiers": created, "seconds": seconds, "per_second": created / seconds, "bytes": size}


def big_profile(path: Path, dossiers: int) -> tuple[Store, dict[str, float] | None]:
    """The benchmark profile, seeded now unless an earlier run left one with enough dossiers."""
    stats_file = path / "seed.json"
    if (path / "motcua.sqlite3").exists():
        store = open_store(path)
        with store.session() as session:
            have = count_dossiers(session)
        if have >= dossiers:
            print(f"reusing {path} ({have:,} dossiers)")
            earlier = json.loads(stats_file.read_text()) if stats_file.exists() else None
            return store, earlier
        store.close()
        raise SystemExit(
            f"{path} holds {have:,} dossiers, fewer than {dossiers:,}: remove it or pick --profile"
        )
    print(f"seeding {dossiers:,} demo dossiers into {path} …")
    stats = seed(path, dossiers)
    stats_file.write_text(json.dumps(stats))
    return open_store(path), stats


def median_ms(run: Callable[[], object], repeat: int = 1) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def over(queries: list[str], run: Callable[[str], object]) -> float:
    """Median latency over different queries of one kind (after a warm-up pass over all of them)."""
    for q in queries:
        run(q)
    return statistics.median(median_ms(lambda q=q: run(q)) for q in queries)  # type: ignore[misc]


def samples(session: Session, runs: int, rng: random.Random) -> dict[str, list[str]]:
    """Queries a counter officer would type, taken from random dossiers of the profile."""
    top = int(session.execute(text("SELECT max(rowid) FROM dossiers")).scalar_one())
    rows = []
    while len(rows) < runs:
        row = session.execute(
            text(
                "SELECT a.full_name, a.id_number, a.phone, d.code FROM dossiers d "
                "JOIN applicants a ON a.id = d.applicant_id WHERE d.rowid >= :r AND a.phone != '' LIMIT 1"
            ),
            {"r": rng.randint(1, top)},
        ).first()
        if row is not None:
            rows.append(row)
    names = [fold(r.full_name) for r in rows]
    return {
        "name, full, no diacritics": names,
        "name, being typed": [n[: max(3, len(n) - 2)] for n in names],
        "family + middle name": [" ".join(n.split()[:2]) for n in names],
        "ID number, 12 digits": [r.id_number for r in rows],
        "ID number, first 6 digits": [r.id_number[:6] for r in rows],
        "phone, 10 digits": [r.phone for r in rows],
        "phone, first 6 digits": [r.phone[:6] for r in rows],
        "dossier code": [r.code for r in rows],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=500_000)
    parser.add_argument("--profile", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=15, help="different queries per kind")
    args = parser.parse_args()
    profile = args.profile or ROOT / "benchmarks" / "out" / f"queries-{args.dossiers // 1000}k"
    store, big_stats = big_profile(profile, args.dossiers)
    rng = random.Random(1)
    results: list[tuple[str, float, str]] = []
    try:
        with store.session() as s:
            total = count_dossiers(s)
            baseline = over(
                ["x"] * args.runs, lambda _q: s.execute(text(f"SELECT * FROM dossiers LIMIT {PAGE}")).all()
            )
            results.append(("baseline: SELECT * FROM dossiers LIMIT 50", baseline, ""))
            results.append(("count all", over(["x"] * args.runs, lambda _q: count_dossiers(s)), f"{total:,}"))
            offsets = [rng.randrange(0, total - PAGE) for _ in range(args.runs)]
            results.append(
                ("first page (newest 50)", over(["x"] * args.runs, lambda _q: fetch_page(s, 0, PAGE)), "")
            )
            results.append(
                (
                    "page at a random offset",
                    over([str(o) for o in offsets], lambda o: fetch_page(s, int(o), PAGE)),
                    "",
                )
            )
            results.append(
                ("last page", over(["x"] * args.runs, lambda _q: fetch_page(s, total - PAGE, PAGE)), "")
            )
            first = fetch_page(s, 0, PAGE)
            results.append(
                (
                    "next page (keyset)",
                    over(["x"] * args.runs, lambda _q: fetch_after(s, first[-1], PAGE)),
                    "",
                )
            )
            for label, search, status, order in RELOADS:

                def reload(_q: str, search: str = search, status: str = status, order: Order = order) -> int:
                    fetch_page(s, 0, LIST_PAGE, search, status=status, order=order)
                    return count_dossiers(s, search, status)

                shown = reload("x")
                results.append((f"list reload: {label}", over(["x"] * args.runs, reload), f"{shown:,}"))
            for kind, queries in samples(s, args.runs, rng).items():
                hits = statistics.median(count_dossiers(s, q) for q in queries)
                search = over(queries, lambda q: (count_dossiers(s, q), fetch_page(s, 0, PAGE, q)))
                results.append((f"search: {kind}", search, f"{hits:,.0f}"))
    finally:
        store.close()

    print(f"\nDossier list queries on {total:,} dossiers ({profile}), median over {args.runs} queries each")
    print(f"{'query':52} {'median':>10} {'× baseline':>11} {'hits (median)':>14}")
    for label, ms, hits in results:
        print(f"{label:52} {ms:8.2f} ms {ms / baseline:10.1f}× {hits:>14}")
    searches = [ms for label, ms, _ in results if label.startswith("search:")]
    reloads = [ms for label, ms, _ in results if label.startswith("list reload:")]
    print(
        f"\nslowest search kind: {max(searches):.1f} ms (target ≤ 30 ms); page fetches: "
        f"{max(ms for label, ms, _ in results[2:6]):.1f} ms at most; list reloads with a sort and a filter: "
        f"{max(reloads):.1f} ms at most"
    )

    if big_stats:
        print(
            f"\nseeding {big_stats['dossiers']:,.0f} dossiers: {big_stats['seconds']:.1f} s, "
            f"{big_stats['per_second']:,.0f} dossiers/s, database {big_stats['bytes'] / 1024**3:.2f} GB"
        )
    with tempfile.TemporaryDirectory() as folder:
        print(f"seeding a fresh profile with {FRESH_SEED:,} dossiers:")
        fresh = seed(Path(folder) / "p", FRESH_SEED)
    print(
        f"  {fresh['seconds']:.1f} s, {fresh['per_second']:,.0f} dossiers/s "
        f"(includes first-run setup), database {fresh['bytes'] / 1024**2:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Speed of receiving a dossier, of the procedure type-ahead and of applicant search (issue 4).

What is measured (every figure a median, with a baseline measured in the same run):

1. `receive_dossier` (validate, code, appointment, applicant + dossier + papers + `received` event, one
   transaction with SQLite `synchronous=FULL`) on a profile holding `--dossiers` (default 200,000) demo
   dossiers. Baselines: the same call on an empty profile, and the floor of any write on that file: one
   small-row INSERT committed the same way.
2. Procedure type-ahead: `filter_choices` per keystroke while typing "đăng ký khai sinh" letter by letter,
   over the shipped catalogue and over a catalogue inflated to 2,000 procedures. Baseline: a plain
   case-insensitive substring test over the same names (no folding, no ranking).
3. Applicant search (`desktop.store.queries.fetch_page`, the dossier list's first page of 50) over
   `--search-dossiers` (default 500,000) dossiers: a name typed without diacritics, an ID number, a
   phone number. Baseline: the unfiltered first page.

Profiles are made by `desktop.services.demo.seed_demo` in `benchmarks/out/` and reused when present.

    .venv/bin/python benchmarks/intake.py [--runs 30] [--dossiers 200000] [--search-dossiers 500000]

Targets: receive_dossier <= 50 ms median at 200,000 dossiers; search <= 30 ms median at 500,000.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from sqlalchemy import func, select, text  # noqa: E402

from desktop.core.text import fold  # noqa: E402
from desktop.core.timeutil import VN_TZ  # noqa: E402
from desktop.services.accounts import SignedIn, needs_setup, sign_in  # noqa: E402
from desktop.services.demo import DEMO_PASSWORD, DEMO_USERNAME, seed_demo  # noqa: E402
from desktop.services.intake import find_procedure, receive_dossier  # noqa: E402
from desktop.services.intake_draft import ApplicantDraft, DocumentDraft, IntakeDraft  # noqa: E402
from desktop.services.intake_lookup import filter_choices, load_intake_context  # noqa: E402
from desktop.store.engine import Store, open_store  # noqa: E402
from desktop.store.models import Applicant, Dossier  # noqa: E402
from desktop.store.queries import fetch_page  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
FIRST_DAY = datetime(2031, 1, 1, 9, 0, tzinfo=VN_TZ)


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def profile(path: Path, dossiers: int) -> tuple[Store, SignedIn]:
    """Open (seeding on first use) a demo profile with `dossiers` dossiers."""
    store = open_store(path)
    with store.session() as session:
        have = session.scalar(select(func.count()).select_from(Dossier)) or 0
    if needs_setup(store):
        seed_demo(store, 0)
    if have < dossiers:
        print(f"   seeding {dossiers - have:,} demo dossiers into {path} …", flush=True)
        start = time.perf_counter()
        seed_demo(store, dossiers - have)
        print(f"   seeded in {time.perf_counter() - start:.0f} s", flush=True)
    return store, sign_in(store, DEMO_USERNAME, DEMO_PASSWORD)


def draft_for(store: Store, n: int) -> IntakeDraft:
    with store.session() as session:
        procedure = find_procedure(session, "1.004884")
        assert procedure is not None
        documents = [
            DocumentDraft(d.name, d.originals, d.copies, True, d.id, d.required) for d in procedure.documents
        ]
    applicant = ApplicantDraft(
        full_name="Nguyễn Văn Thử",
        id_number=f"064091{n % 1_000_000:06d}",
        date_of_birth="12/03/1991",
        gender="male",
        phone=f"09{n % 100_000_000:08d}",
        address="Thôn Thử, Xã Ia Grai, Tỉnh Gia Lai",
    )
    return IntakeDraft(procedure_code="1.004884", applicant=applicant, documents=documents)


def receive(store: Store, officer: SignedIn, n: int) -> None:
    """One dossier, on its own future day (a workstation has 50 offline numbers a day)."""
    received_at = FIRST_DAY + timedelta(days=n)
    receive_dossier(store, officer, draft_for(store, n), received_at=received_at)


def bench_receive(args: argparse.Namespace) -> None:
    print(f"1. receive_dossier, median of {args.runs} (ms)")
    big, officer = profile(OUT / f"intake-{args.dossiers // 1000}k", args.dossiers)
    with tempfile.TemporaryDirectory() as tmp:
        empty, empty_officer = profile(Path(tmp), 0)
        counter = iter(range(10**9))
        for store, who in ((empty, empty_officer), (big, officer)):  # warm-up: calendar, caches
            receive(store, who, next(counter))
        on_empty = median_ms(lambda: receive(empty, empty_officer, next(counter)), args.runs)
        on_big = median_ms(lambda: receive(big, officer, next(counter)), args.runs)

        def floor() -> None:
            with big.transaction() as session:
                session.execute(text("INSERT INTO settings(key, value) VALUES ('bench', 'x')"))
                session.execute(text("DELETE FROM settings WHERE key = 'bench'"))

        write_floor = median_ms(floor, args.runs)
        empty.close()
    big.close()
    print(f"   {'empty profile (baseline)':<44}{on_empty:8.1f}")
    print(
        f"   {f'{args.dossiers:,} dossiers':<44}{on_big:8.1f}   x{on_big / on_empty:.2f} of empty  (target <= 50)"
    )
    print(
        f"   {'one-row committed write (floor)':<44}{write_floor:8.1f}   x{on_big / write_floor:.2f} of floor"
    )


def bench_typeahead(args: argparse.Namespace) -> None:
    print(f"2. procedure type-ahead per keystroke, median of {args.runs} (µs)")
    with tempfile.TemporaryDirectory() as tmp:
        store, officer = profile(Path(tmp), 0)
        shipped = load_intake_context(store, officer).choices
        store.close()
    inflated = [replace(c, code=f"{c.code}.{i}", name=f"{c.name} {i}") for i in range(120) for c in shipped][
        :2000
    ]
    typed = "đăng ký khai sinh"
    prefixes = [typed[: i + 1] for i in range(len(typed))]
    for label, choices in ((f"shipped ({len(shipped)})", shipped), (f"inflated ({len(inflated)})", inflated)):
        names = [c.name for c in choices]
        ours = median_ms(lambda choices=choices: [filter_choices(choices, p) for p in prefixes], args.runs)
        plain = median_ms(
            lambda names=names: [[n for n in names if p in n.lower()] for p in prefixes], args.runs
        )
        per_key, plain_key = ours * 1000 / len(prefixes), plain * 1000 / len(prefixes)
        print(
            f"   {label:<20} folded+ranked {per_key:9.1f}   plain substring {plain_key:8.1f}   x{per_key / plain_key:.1f}"
        )


def bench_search(args: argparse.Namespace) -> None:
    print(f"3. applicant search, first page of 50, median of {args.runs} (ms)")
    store, _ = profile(OUT / f"intake-{args.search_dossiers // 1000}k", args.search_dossiers)
    with store.session() as session:
        people = session.execute(
            select(Applicant.full_name, Applicant.id_number, Applicant.phone)
            .join(Dossier, Dossier.applicant_id == Applicant.id)
            .order_by(Dossier.received_at)
            .offset(args.search_dossiers // 3)
            .limit(1)
        ).one()
        queries = {
            "name without diacritics": fold(people.full_name),
            "ID number": people.id_number,
            "phone": people.phone,
        }
        baseline = median_ms(lambda: fetch_page(session, 0, 50), args.runs)
        print(f"   {'no filter (baseline)':<28}{baseline:8.1f}")
        for label, query in queries.items():
            hits = len(fetch_page(session, 0, 50, query))
            ms = median_ms(lambda query=query: fetch_page(session, 0, 50, query), args.runs)
            print(f"   {label:<28}{ms:8.1f}   x{ms / baseline:.1f}   ({hits} on the page; target <= 30)")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--dossiers", type=int, default=200_000)
    parser.add_argument("--search-dossiers", type=int, default=500_000)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    bench_receive(args)
    bench_typeahead(args)
    bench_search(args)


if __name__ == "__main__":
    main()

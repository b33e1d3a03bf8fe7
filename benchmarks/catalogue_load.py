"""Cost of the whole shipped catalogue (issue 22): building it, loading it into a new profile, reading it back.

What is measured (medians of `--runs`, each on a fresh temporary profile where it writes):

1. the build from `resources/catalogue/source` (`desktop.store.catalogue_build.build`, in memory);
2. the first-run load (`load_catalogue` of the shipped file: read, validate, insert every procedure and paper);
3. the active procedures with their papers (`active_procedures`), as the intake and the demo read them;
4. the intake form's context (`load_intake_context`: procedures, papers, fee lines in force, recent ones).

Baseline: the same steps over the 17 hand-checked procedures (`source/verified.json`), the catalogue shipped
before the whole one.

    .venv/bin/python benchmarks/catalogue_load.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("MOTCUA_ARGON2_PROFILE", "CHEAPEST")  # setup hashes a password: not what is measured

from desktop.resources import resource  # noqa: E402
from desktop.services.accounts import SetupData, complete_setup  # noqa: E402
from desktop.services.intake_lookup import load_intake_context  # noqa: E402
from desktop.store import catalogue  # noqa: E402
from desktop.store.catalogue import active_procedures, load_catalogue, read_catalogue  # noqa: E402
from desktop.store.catalogue_build import build  # noqa: E402
from desktop.store.engine import open_store  # noqa: E402

SETUP = SetupData(
    unit_name="Xã Ia Grai", unit_code="H21.55.10", province="Tỉnh Gia Lai", workstation=1,
    full_name="Quản trị viên", username="admin", password="matkhau123",
)  # fmt: skip


def median_ms(fn: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def first_run_ms(data: dict[str, Any], runs: int, folder: Path) -> float:
    """The load alone, on a new profile each time (creating the profile is not counted)."""
    times = []
    for n in range(runs):
        store = open_store(folder / f"load-{len(data['procedures'])}-{n}")
        started = time.perf_counter()
        with store.transaction() as session:
            load_catalogue(session, data)
        times.append(time.perf_counter() - started)
        store.close()
    return statistics.median(times) * 1000


def measure(data: dict[str, Any], runs: int, folder: Path) -> dict[str, float]:
    store = open_store(folder / f"ready-{len(data['procedures'])}")
    original = catalogue.read_catalogue
    catalogue.read_catalogue = lambda path=None: data  # type: ignore[assignment]  # setup loads this one
    try:
        officer = complete_setup(store, SETUP)
    finally:
        catalogue.read_catalogue = original  # type: ignore[assignment]

    def read_back() -> None:
        with store.session() as session:
            active_procedures(session)

    figures = {
        "first-run load": first_run_ms(data, runs, folder),
        "active procedures + papers": median_ms(read_back, runs),
        "intake context": median_ms(lambda: load_intake_context(store, officer), runs),
    }
    store.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"build from source: {median_ms(build, max(1, args.runs // 2)):.0f} ms")
    whole = read_catalogue()
    verified = json.loads(resource("catalogue", "source", "verified.json").read_text(encoding="utf-8"))
    seventeen = {**verified["catalogue"], "version": "bench-17", "procedures": verified["procedures"]}
    papers = sum(len(p.get("documents", [])) for p in whole["procedures"])
    with tempfile.TemporaryDirectory() as tmp:
        for label, data in (("17 verified", seventeen), (f"whole ({papers} papers)", whole)):
            figures = measure(data, args.runs, Path(tmp))
            line = ", ".join(f"{name} {value:.0f} ms" for name, value in figures.items())
            print(f"{label}, {len(data['procedures'])} procedures: {line}")


if __name__ == "__main__":
    main()

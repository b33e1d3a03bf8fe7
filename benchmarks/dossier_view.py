"""Opening a dossier: `load_detail` (the one read behind the dossier view) and the whole tab, on a big profile.

    .venv/bin/python benchmarks/dossier_view.py [--dossiers 100000] [--profile DIR] [--runs 40]

The profile (default `benchmarks/out/dossier-view-<N>/`) is seeded once with `seed_demo` and reused. The
figures are medians (and the 95th percentile) over `--runs` different random dossiers, after one warm-up
pass over the same dossiers: `load_detail` alone, and `DossierView` built, loaded and laid out offscreen
(background tasks inline, as in the UI tests). Baseline in the same run: `session.get(Dossier, id)`.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import select  # noqa: E402

from desktop.services.accounts import SignedIn  # noqa: E402
from desktop.services.demo import seed_demo  # noqa: E402
from desktop.services.dossier_detail import load_detail  # noqa: E402
from desktop.store.engine import Store, open_store  # noqa: E402
from desktop.store.models import Dossier, Officer  # noqa: E402


def profile(path: Path, dossiers: int) -> Store:
    if not (path / "motcua.sqlite3").exists():
        print(f"seeding {dossiers:,} demo dossiers into {path} …", flush=True)
        store = open_store(path)
        seed_demo(store, dossiers)
        return store
    print(f"reusing {path}")
    return open_store(path)


def timed(ids: list[str], run: Callable[[str], object]) -> tuple[float, float]:
    """(median, p95) in ms over `ids`, after a warm-up pass."""
    for i in ids:
        run(i)
    samples = []
    for i in ids:
        started = time.perf_counter()
        run(i)
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    store = profile(
        args.profile or ROOT / "benchmarks" / "out" / f"dossier-view-{args.dossiers}", args.dossiers
    )
    rng = random.Random(7)
    with store.session() as session:
        all_ids = list(session.scalars(select(Dossier.id)))
        officer = session.scalars(select(Officer)).first()
        assert officer is not None
        unit = officer.unit
        signed_in = SignedIn(
            officer.id, officer.username, officer.full_name, officer.role, unit.id, unit.code, unit.name
        )
    ids = rng.sample(all_ids, min(args.runs, len(all_ids)))

    def baseline(dossier_id: str) -> None:
        with store.session() as session:
            session.get(Dossier, dossier_id)

    from PySide6.QtWidgets import QApplication

    from desktop.ui import tasks
    from desktop.ui.dossier.view import DossierView

    app = QApplication.instance() or QApplication([])
    tasks.set_synchronous(True)

    def open_view(dossier_id: str) -> None:
        view = DossierView(store, signed_in, dossier_id)
        view.resize(1180, 700)
        view.show()
        app.processEvents()  # one layout/paint pass, as the first frame of the tab
        view.close()
        view.deleteLater()

    print(f"{len(all_ids):,} dossiers; {len(ids)} random dossiers per figure (median / p95)")
    for label, run in (
        ("session.get (baseline)", baseline),
        ("load_detail", lambda i: load_detail(store, i)),
        ("DossierView built+shown", open_view),
    ):
        median, p95 = timed(ids, run)
        print(f"  {label:<26} {median:7.2f} ms  {p95:7.2f} ms", flush=True)
    store.close()


if __name__ == "__main__":
    main()

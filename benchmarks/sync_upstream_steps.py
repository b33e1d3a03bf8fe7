"""Applying upstream status changes on a large workstation: `--steps` items `step` of `GET /changes`
(result ready, 4 → 9, as `motcua-server admin set-status` makes them) applied to a profile of `--dossiers`
dossiers, in pages as `motcua sync` asks them (`sync.engine.CHANGES_PAGE`, 500), each page in one
transaction with its cursor (`sync.client.changes.apply_page`, in this process: the network is not
measured, `benchmarks/sync_first_pull.py` does that).

    .venv/bin/python benchmarks/sync_upstream_steps.py [--dossiers 200000] [--steps 10000]

The profile is built as `benchmarks/worklists.py` builds it (demo dossiers copied back in time; reused
from `benchmarks/out/worklists-<N>k/` when there) and copied, so each run starts from the same store; the
`--steps` dossiers the province moves are set to "processing" first (the demo's older dossiers are mostly
closed). Prints the median of `--runs` runs (each on a fresh copy), the issue's target (10,000 changes
under 5 s at 200,000 dossiers), the processor time of this process in them with the load average (on a
shared machine the wall time is mostly waiting), and a baseline measured in the same run: `--baseline` of
the same steps applied one item per page (the per-item path: each step reads its dossier, chain end and
events itself), with the ratio per step. No assertions.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from sqlalchemy import select, update  # noqa: E402
from worklists import build  # noqa: E402

from desktop.core.timeutil import now_local  # noqa: E402
from desktop.scan.blobstore import BlobStore  # noqa: E402
from desktop.store.engine import open_store  # noqa: E402
from desktop.store.models import Dossier, Unit  # noqa: E402
from sync.client import changes  # noqa: E402
from sync.engine import CHANGES_PAGE  # noqa: E402
from sync.events import UpstreamStep  # noqa: E402
from sync.protocol import ChangesPage, StepChange, UpstreamEvent  # noqa: E402

PAGE = CHANGES_PAGE  # as `motcua sync` asks them


def step_items(codes: list[str]) -> list[StepChange]:
    at = now_local()
    items = []
    for code in codes:
        body = UpstreamStep.written(
            code=code, status="result_ready", status_code=9, previous_status="processing", note="Đã ký"
        )
        event = UpstreamEvent(
            uuid=str(uuid.uuid4()), type=body.kind, occurred_at=at, payload=body.to_payload()
        )
        items.append(StepChange(dossier_code=code, status_code=9, note="Đã ký", at=at, event=event))
    return items


def measure(source: Path, count: int, page_size: int) -> tuple[float, float, changes.PullTally]:
    """Apply `count` result-ready steps in pages of `page_size` to a fresh copy of `source`: seconds, and
    the processor time of this process in them."""
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        shutil.copytree(source, profile)
        store = open_store(profile)
        with store.transaction() as session:  # the dossiers the province moves: being processed
            unit = session.scalars(select(Unit.code).order_by(Unit.id)).first() or ""
            codes = list(session.scalars(select(Dossier.code).order_by(Dossier.code).limit(count)))
            session.execute(
                update(Dossier).where(Dossier.code.in_(codes)).values(status="processing", status_code=4)
            )
        items = step_items(codes)
        blobs = BlobStore(profile / "attachments")
        tally = changes.PullTally()
        started, cpu = time.perf_counter(), time.process_time()
        for first in range(0, len(items), PAGE):  # a transaction per page, as the pull
            with store.transaction() as session:
                for at in range(first, min(first + PAGE, len(items)), page_size):
                    chunk = items[at : at + page_size]
                    page = ChangesPage(items=chunk, next_cursor=str(at + len(chunk)), more=False)
                    tally.add(changes.apply_page(session, page, unit, blobs))
        took, cpu = time.perf_counter() - started, time.process_time() - cpu
        store.close()
    return took, cpu, tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=200_000)
    parser.add_argument("--steps", type=int, default=10_000)
    parser.add_argument("--base", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", type=int, default=1_000, help="steps applied one item per page")
    args = parser.parse_args()
    source = ROOT / "benchmarks" / "out" / f"worklists-{args.dossiers // 1000}k"
    if not (source / "motcua.sqlite3").exists() and not any(source.glob("*.sqlite3")):
        print(f"building {source} …", flush=True)
        build(source, args.dossiers, args.base)
    runs = [measure(source, args.steps, PAGE) for _ in range(args.runs)]
    took, tally = statistics.median(t for t, _, _ in runs), runs[-1][2]
    cpu = statistics.median(c for _, c, _ in runs)
    per = took / max(1, args.steps)
    print(
        f"{args.steps:,} upstream steps on {args.dossiers:,} dossiers, pages of {PAGE}: {took:.2f} s, median of "
        f"{args.runs} ({', '.join(f'{t:.2f}' for t, _, _ in runs)}); {per * 1000:.2f} ms each; applied "
        f"{tally.applied}, refused {tally.refused}, flagged {tally.review}"
    )
    print(f"scaled to 10,000 steps: {per * 10_000:.1f} s (target: under 5 s at 200,000)")
    print(
        f"processor time of this process in them: {cpu:.2f} s, median (the rest is waiting: the disk's "
        f"flushes at each commit, the machine's other work; load average {os.getloadavg()[0]:.1f})"
    )
    if args.baseline:
        alone, _, _ = measure(source, args.baseline, 1)
        each = alone / args.baseline
        print(
            f"baseline, {args.baseline:,} of them one item per page: {alone:.2f} s, {each * 1000:.2f} ms each "
            f"(the page at once: {each / per:.1f}x faster)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

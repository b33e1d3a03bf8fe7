"""Applying upstream status changes on a large workstation: `--steps` items `step` of `GET /changes`
(result ready, 4 → 9, as `motcua-server admin set-status` makes them) applied to a profile of `--dossiers`
dossiers, in pages of 200, each page in one transaction with its cursor (`sync.client.changes.apply_page`,
in this process: the network is not measured, `benchmarks/sync_first_pull.py` does that).

    .venv/bin/python benchmarks/sync_upstream_steps.py [--dossiers 200000] [--steps 10000]

The profile is built as `benchmarks/worklists.py` builds it (demo dossiers copied back in time; reused
from `benchmarks/out/worklists-<N>k/` when there) and copied, so each run starts from the same store; the `--steps` dossiers the province moves are set to
"processing" first (the demo's older dossiers are mostly closed).
Prints the time and the issue's target (10,000 changes under 5 s at 200,000 dossiers). No assertions.
"""

from __future__ import annotations

import argparse
import shutil
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
from sync.events import UpstreamStep  # noqa: E402
from sync.protocol import ChangesPage, StepChange, UpstreamEvent  # noqa: E402

PAGE = 200


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=200_000)
    parser.add_argument("--steps", type=int, default=10_000)
    parser.add_argument("--base", type=int, default=50_000)
    args = parser.parse_args()
    source = ROOT / "benchmarks" / "out" / f"worklists-{args.dossiers // 1000}k"
    if not (source / "motcua.sqlite3").exists() and not any(source.glob("*.sqlite3")):
        print(f"building {source} …", flush=True)
        build(source, args.dossiers, args.base)
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        shutil.copytree(source, profile)
        store = open_store(profile)
        with store.transaction() as session:  # the dossiers the province moves: being processed
            unit = session.scalars(select(Unit.code).order_by(Unit.id)).first() or ""
            codes = list(session.scalars(select(Dossier.code).order_by(Dossier.code).limit(args.steps)))
            session.execute(
                update(Dossier).where(Dossier.code.in_(codes)).values(status="processing", status_code=4)
            )
        items = step_items(codes)
        blobs = BlobStore(profile / "attachments")
        started = time.perf_counter()
        tally = changes.PullTally()
        for first in range(0, len(items), PAGE):
            page = ChangesPage(items=items[first : first + PAGE], next_cursor=str(first + PAGE), more=False)
            with store.transaction() as session:
                tally.add(changes.apply_page(session, page, unit, blobs))
        took = time.perf_counter() - started
        store.close()
    print(
        f"{len(items):,} upstream steps on {args.dossiers:,} dossiers: {took:.2f} s "
        f"({took / max(1, len(items)) * 1000:.2f} ms each; applied {tally.applied}, refused {tally.refused}, "
        f"flagged {tally.review})"
    )
    print(
        f"scaled to 10,000 steps: {took / max(1, len(items)) * 10_000:.1f} s (target: under 5 s at 200,000)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

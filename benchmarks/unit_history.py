"""A unit's server history of any size for the first-pull benchmark, built once and kept in a folder.

Workstation 1 receives a template of up to 800 dossiers through the real intake service (every third with
a supplement cycle: two more events) and pushes them to a reference server (SQLite) on loopback, so the
template is exactly what the province stores. A unit of 50,000 dossiers cannot be received that way: one
workstation numbers at most 850 dossiers a day (`sync.common.code_ranges`) and the real path costs minutes.
So the rest is the template copied in the server's tables, each copy on an earlier day: every UUID in a
dossier's rows (dossier, events, applicant) replaced by a fresh one, the received day moved in the codes
(`<agency>-YYMMDD-NNNN`), records and payloads, and each chain's hashes (`sync.events.event_hash`) and
content digests recomputed, with one feed item `dossier` per copy as a push writes it. Written by hand: it
is test data shaped by this server's own tables, which no data-generation library knows.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select  # noqa: E402

from desktop.services.accounts import complete_setup  # noqa: E402
from desktop.services.demo import DEMO_SETUP  # noqa: E402
from desktop.store.engine import open_store  # noqa: E402
from sync.client.retry import RetryPolicy  # noqa: E402
from sync.engine import SyncEngine  # noqa: E402
from sync.events import event_hash  # noqa: E402
from sync.protocol import content_digest  # noqa: E402
from sync.server.models import ServerChange, ServerDossier, ServerEvent  # noqa: E402
from sync.server.store import ServerStore  # noqa: E402
from tests.sync_helpers import (  # noqa: E402
    add_changes,
    enrol_store,
    loopback_server,
    receive_many,
    seed_server,
)

TEMPLATE = 800
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
DATABASE = "server.sqlite3"


def server_data(folder: Path, dossiers: int, template: int = TEMPLATE) -> Path:
    """The server database of a unit holding `dossiers` dossiers, built in `folder` unless already there
    for that count; its path (copy it before use: a run enrols devices in it)."""
    folder.mkdir(parents=True, exist_ok=True)
    database, marker = folder / DATABASE, folder / "dossiers.txt"
    if database.exists() and marker.exists() and marker.read_text().strip() == f"{dossiers} {template}":
        return database
    database.unlink(missing_ok=True)
    server = ServerStore(f"sqlite:///{database}")
    seed_server(server)
    with tempfile.TemporaryDirectory() as tmp:
        one = open_store(Path(tmp) / "ws1")
        officer = complete_setup(one, DEMO_SETUP)
        ids = receive_many(one, officer, min(dossiers, template))
        add_changes(one, officer, ids[::3])
        with loopback_server(server) as loopback:
            enrol_store(one, loopback.url)
            policy = RetryPolicy(base=0.05, cap=0.5, max_attempts=4)
            assert SyncEngine(one, policy=policy).run_pass("cli").all_acknowledged
        one.close()
    if dossiers > template:
        _copy_template(server, dossiers - template)
    server.dispose()
    marker.write_text(f"{dossiers} {template}")
    return database


def fresh_copy(database: Path, into: Path) -> Path:
    target = into / DATABASE
    shutil.copyfile(database, target)
    return target


def _copy_template(server: ServerStore, wanted: int) -> None:
    with server.transaction() as session:
        dossiers = list(session.scalars(select(ServerDossier).order_by(ServerDossier.code)))
        events: dict[str, list[ServerEvent]] = {d.id: [] for d in dossiers}
        for event in session.scalars(select(ServerEvent).order_by(ServerEvent.seq)):
            events[event.dossier_id].append(event)
        origin = {
            dossier_id: device_id
            for dossier_id, device_id in session.execute(
                select(ServerChange.dossier_id, ServerChange.origin_device_id)
            )
        }
        unit_id = dossiers[0].unit_id
        day = dossiers[0].received_day
        assert day is not None
        copy = 0
        while wanted > 0:
            copy += 1
            shifted = day - timedelta(days=copy)
            rows: tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]] = ([], [], [])
            for dossier in dossiers[:wanted]:
                _copy_dossier(dossier, events[dossier.id], day, shifted, rows)
                rows[2][-1] |= {"unit_id": unit_id, "origin_device_id": origin[dossier.id]}
            session.execute(insert(ServerDossier), rows[0])
            session.execute(insert(ServerEvent), rows[1])
            session.execute(insert(ServerChange), rows[2])
            wanted -= len(rows[0])


def _copy_dossier(
    dossier: ServerDossier,
    chain: list[ServerEvent],
    day: date,
    shifted: date,
    rows: tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]],
) -> None:
    fresh: dict[str, str] = {}
    dates = {
        day.isoformat(): shifted.isoformat(),
        day.strftime("%Y%m%d"): shifted.strftime("%Y%m%d"),
        day.strftime("-%y%m%d-"): shifted.strftime("-%y%m%d-"),
    }
    moved = re.compile("|".join(re.escape(text) for text in dates))

    def move(value: Any) -> Any:
        text = json.dumps(value, ensure_ascii=False)
        text = UUID.sub(lambda m: fresh.setdefault(m[0], str(uuid.uuid4())), text)
        return json.loads(moved.sub(lambda m: dates[m[0]], text))

    prev = ""
    for event in chain:
        body = move(event.body)
        body["prev_hash"] = prev
        body["hash"] = prev = event_hash(prev, body["uuid"], body["seq"], body["type"], body["payload"])
        rows[1].append(
            {
                "uuid": body["uuid"],
                "unit_id": event.unit_id,
                "dossier_id": body["dossier_id"],
                "seq": event.seq,
                "type": event.type,
                "digest": content_digest(body),
                "body": body,
                "status": event.status,
                "reason": event.reason,
                "field": event.field,
                "device_id": event.device_id,
                "received_at": event.received_at,
            }
        )
    record = move(dossier.record)
    code = record["MaHoSo"]
    rows[0].append(
        {
            "id": move(dossier.id),
            "unit_id": dossier.unit_id,
            "code": code,
            "record": record,
            "status_code": dossier.status_code,
            "received_day": shifted,
            "last_seq": dossier.last_seq,
            "last_hash": prev,
            "updated_at": dossier.updated_at,
        }
    )
    rows[2].append({"kind": "dossier", "dossier_id": rows[0][-1]["id"], "body": {"dossier_code": code}})


def main() -> int:
    """Build (or find) a unit's server history in a folder, for the first-pull benchmark's `--server-data`."""
    import argparse
    import time

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=50_000)
    parser.add_argument("--out", type=Path, required=True, help="the folder kept for later runs")
    args = parser.parse_args()
    start = time.perf_counter()
    database = server_data(args.out, args.dossiers)
    print(f"{args.dossiers:,} dossiers in {database} ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Every counter of the commune knows every dossier of the commune (issue 20, Deliver item 3).

**Into the feed.** When a workstation's push stores events of a dossier (accepted, or rejected: a rejected
event keeps its place in the chain), `announce` writes one item `dossier` per dossier into the unit's
`GET /changes` feed, marked with the pushing device (`ServerChange.origin_device_id`): that device already
has those events and is not sent the item. A dossier the province does not hold yet (its first event was
refused) is not announced. Migration 0007 wrote one item for every dossier held before, so a new
workstation's first pull (from the empty cursor, paged) brings the unit's whole history.

**Out of the feed.** The item stores only the dossier; `expand` builds its body when a page is read: the
record as the province holds it (the fold of the accepted events), the workstation that received it (the
one whose device pushed event 1: the chain's holder) and the whole chain in sequence order, each event
with its payload exactly as hashed and the server's answer to it. The chain is sent whole, so a receiver
that lacked earlier events gets them too; it keeps those it lacks by UUID (`sync.client.unit_dossiers`).

**One history, many actors.** There is one chain per dossier, the province's. A workstation acting on a
dossier it did not receive appends after the last event it has seen, like for its own, and pushes it; the
province takes it by the usual checks (`sync.server.ingest`: the chain's sequence and hash, then the
dossier's history and the shared action table from the status the province holds,
`sync.server.history`), so a step from another workstation of the unit is accepted when the table allows
it, and announced to the others, the holder included. Two workstations that acted offline on the same
dossier: the first push takes the positions, the second is answered `conflict` (its events stay set
aside at that workstation, the dossier flagged "Cần xem lại" there: `sync.client.unit_dossiers`); the
province's chain and its history checks (`sync.server.history`) are unchanged.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import (
    CHANGE_DOSSIER,
    CHECKED,
    ChainEvent,
    DossierChange,
    EventResult,
    HoSo,
    WireEvent,
)
from sync.server.feed import serialise_feed
from sync.server.models import ServerChange, ServerDevice, ServerDossier, ServerEvent

log = logging.getLogger("motcua.server")
STORED = ("accepted", "rejected")
ENVELOPE = ("uuid", "seq", "type", "occurred_at", "clock_offset_ms", "officer", "prev_hash", "hash")
# The chain's fields read out of each stored body by the database (SQLite `json_extract`, PostgreSQL
# `->`), so the event's whole record, most of its body, is never decoded to build a page.
_INTEGERS = ("seq", "clock_offset_ms")
_ENVELOPE_COLUMNS = [
    ServerEvent.body[name].as_integer() if name in _INTEGERS else ServerEvent.body[name].as_string()
    for name in ENVELOPE
] + [ServerEvent.body["payload"]]


def announce(
    session: Session, events: list[WireEvent], results: list[EventResult], unit_id: int, device_id: str
) -> int:
    """One `dossier` item per dossier of which this push stored events; the number written."""
    answered = {result.uuid for result in results if result.status in STORED}
    wanted = {event.uuid for event in events if event.uuid in answered}
    if not wanted:
        return 0
    dossier_ids = set(
        session.scalars(
            select(ServerEvent.dossier_id).where(
                ServerEvent.uuid.in_(wanted), ServerEvent.device_id == device_id
            )
        )
    )
    rows = session.execute(
        select(ServerDossier.id, ServerDossier.code).where(
            ServerDossier.id.in_(dossier_ids), ServerDossier.code.is_not(None)
        )
    ).all()
    if not rows:
        return 0
    serialise_feed(session)
    for dossier_id, code in sorted(rows, key=lambda row: str(row[1])):
        session.add(
            ServerChange(
                unit_id=unit_id,
                kind=CHANGE_DOSSIER,
                dossier_id=dossier_id,
                body={"dossier_code": code},
                origin_device_id=device_id,
            )
        )
    return len(rows)


def expand(session: Session, dossier_ids: set[str]) -> dict[str, DossierChange]:
    """The body of a `dossier` item for each of `dossier_ids`, as the province holds it now."""
    if not dossier_ids:
        return {}
    dossiers = {
        d.id: d for d in session.scalars(select(ServerDossier).where(ServerDossier.id.in_(dossier_ids)))
    }
    chains: dict[str, list[dict[str, Any]]] = defaultdict(list)
    first_device: dict[str, str] = {}
    rows = session.execute(
        select(ServerEvent.dossier_id, ServerEvent.status, ServerEvent.device_id, *_ENVELOPE_COLUMNS)
        .where(ServerEvent.dossier_id.in_(dossier_ids))
        .order_by(ServerEvent.dossier_id, ServerEvent.seq)
    )
    for dossier_id, status, device, *envelope in rows:
        if not chains[dossier_id]:
            first_device[dossier_id] = device
        chains[dossier_id].append(_chain_body(envelope, status))
    workstations = dict(
        session.execute(
            select(ServerDevice.id, ServerDevice.workstation).where(
                ServerDevice.id.in_(set(first_device.values()))
            )
        ).all()
    )
    out: dict[str, DossierChange] = {}
    for dossier_id, dossier in dossiers.items():
        if dossier.code is None or not chains[dossier_id]:
            continue
        try:
            out[dossier_id] = DossierChange(
                dossier_id=dossier_id,
                dossier_code=dossier.code,
                workstation=workstations.get(first_device[dossier_id]),
                record=HoSo.model_validate(dossier.record or {}, context=CHECKED),
                events=[ChainEvent.model_validate(event, context=CHECKED) for event in chains[dossier_id]],
            )
        except ValidationError:  # stored by an older release in a form the wire no longer carries
            log.warning("dossier %s cannot be sent to the unit's other workstations", dossier_id)
    return out


def _chain_body(envelope: list[Any], status: str) -> dict[str, Any]:
    """An event as stored (`WireEvent` dumped) in the chain's wire form; an event that came without its
    payload (an older client) travels with an empty one, which the receiver's hash check refuses."""
    *fields, payload = envelope
    return dict(zip(ENVELOPE, fields, strict=True)) | {
        "payload": payload or {},
        "status": "rejected" if status == "rejected" else "accepted",
    }

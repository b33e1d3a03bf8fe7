"""A page of `GET /changes` applied at once (its steps' rows read once, their events written together) leaves
the store exactly as the same items applied one by one: the dossiers, their pauses, the chains of events
(each hash recomputed), the tally, and the indicators' day summary (`desktop.store.day_figures`)."""

from __future__ import annotations

import shutil
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.core.timeutil import now_local
from desktop.scan.blobstore import BlobStore
from desktop.services.accounts import SignedIn
from desktop.services.followup import hand_over
from desktop.store import day_figures
from desktop.store.engine import Store, open_store
from desktop.store.models import Dossier, DossierPause, Event
from sync.client import changes
from sync.events import UpstreamStep, event_hash
from sync.protocol import ChangesPage, StepChange, UpstreamEvent
from tests.sync_helpers import UNIT_CODE, receive_many

VOLATILE = {"updated_at"}  # the moment the row was written


def step(
    code: str, status: str, status_code: int, previous: str, note: str = "", at_minutes: int = 0
) -> StepChange:
    at = now_local() + timedelta(minutes=at_minutes)
    body = UpstreamStep.written(
        code=code, status=status, status_code=status_code, previous_status=previous, note=note
    )
    event = UpstreamEvent(uuid=str(uuid.uuid4()), type=body.kind, occurred_at=at, payload=body.to_payload())
    return StepChange(dossier_code=code, status_code=status_code, note=note, at=at, event=event)


def state(store: Store) -> dict[str, Any]:
    with store.session() as session:
        dossiers = {
            d.code: {k: v for k, v in vars(d).items() if not k.startswith("_") and k not in VOLATILE}
            for d in session.scalars(select(Dossier))
        }
        pauses = sorted(
            (p.dossier_id, str(p.started_at), str(p.ended_at), p.reason)
            for p in session.scalars(select(DossierPause))
        )
        events = [
            (e.dossier_id, e.seq, e.uuid, e.type, e.payload, e.prev_hash, e.hash, e.push_status)
            for e in session.scalars(select(Event).order_by(Event.dossier_id, Event.seq))
        ]
        return {"dossiers": dossiers, "pauses": pauses, "events": events}


def test_a_page_applied_at_once_equals_its_items_one_by_one(
    ready_store: tuple[Store, SignedIn], data_dir: Path, tmp_path: Path
) -> None:
    store, officer = ready_store
    a, b, c, d = (hand_over(store, officer, i, "Phòng Tư pháp").code for i in receive_many(store, officer, 4))
    ready = step(a, "result_ready", 9, "processing", "Đã ký")
    items: list[Any] = [
        ready,
        step(b, "supplement_requested", 5, "processing", "Thiếu bản sao", 1),
        step(c, "stopped", 8, "processing", "Người nộp đề nghị dừng", 1),
        step(b, "processing", 4, "supplement_requested", "Đã bổ sung", 2),  # the same dossier again
        ready,  # delivered twice
        step(d, "returned", 10, "received", "", 3),  # a step backwards: flagged "Cần xem lại"
        step(f"{UNIT_CODE}-261203-0999", "result_ready", 9, "processing"),  # not held here
        step("H99.1-261203-0001", "result_ready", 9, "processing"),  # another unit's
        step(b, "result_ready", 9, "processing", "Đã ký", 4),
    ]
    store.close()
    shutil.copytree(data_dir, tmp_path / "one-by-one")
    batched, single = open_store(data_dir), open_store(tmp_path / "one-by-one")
    blobs = BlobStore(tmp_path / "blobs")
    try:
        with batched.transaction() as session:
            at_once = changes.apply_page(
                session, ChangesPage(items=items, next_cursor="9", more=False), UNIT_CODE, blobs
            )
        by_one = changes.PullTally()
        with single.transaction() as session:
            for n, item in enumerate(items, start=1):
                page = ChangesPage(items=[item], next_cursor=str(n), more=False)
                by_one.add(changes.apply_page(session, page, UNIT_CODE, blobs))

        assert at_once == by_one
        assert (at_once.applied, at_once.repeated, at_once.refused, at_once.review) == (6, 1, 2, 1)
        after = state(batched)
        assert after == state(single)
        moved = after["dossiers"]
        assert (moved[a]["status"], moved[b]["status"], moved[c]["status"]) == ("result_ready",) * 2 + (
            "stopped",
        )
        assert moved[d]["review_note"] and moved[d]["status"] == "processing"
        chains: dict[str, str] = {}
        for dossier_id, seq, uid, kind, payload, prev, hash_, _status in after["events"]:
            assert prev == chains.get(dossier_id, "") and hash_ == event_hash(prev, uid, seq, kind, payload)
            chains[dossier_id] = hash_
        with batched.engine.connect() as conn:
            assert day_figures.differences(conn) == 0
    finally:
        batched.close()
        single.close()

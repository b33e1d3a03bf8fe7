"""Supplement cycles travel as the portal's `DanhSachHoSoBoSung[]`, through the real server (SQLite and
PostgreSQL): the request and the receipt of each cycle fold into one entry the province holds as a gateway
would forward it; a second cycle is a second entry; the old form (everything in `MoRong`) is still
accepted from older workstations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import requests
from sqlalchemy import select

from desktop.core.timeutil import VN_TZ
from desktop.services.accounts import SignedIn
from desktop.services.intake import MissingItem, receive_dossier, request_supplement, supplement_received
from desktop.store.engine import Store
from desktop.store.models import Dossier, Event
from sync.client import credentials
from sync.client.config import DEVICE_ID, get_state
from sync.client.records import to_record, to_wire
from sync.engine import SyncEngine
from sync.events import OtherEvent
from sync.protocol import API_PREFIX, EventBatch, WireEvent
from sync.server.store import ServerStore
from tests.sync_helpers import (
    CLIENT_RETRY,
    OFFICER,
    UNIT_CODE,
    LoopbackServer,
    MemoryKeyring,
    client_state,
    enrol_store,
    make_draft,
    server_state,
)


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=VN_TZ)


def _supplement_cycles(store: Store, officer: SignedIn, dossier_id: str) -> None:
    request_supplement(
        store, officer, dossier_id,
        [MissingItem("Thiếu bản chính", position=1), MissingItem("Cần bản sao có chứng thực", name="Sổ hộ khẩu")],
        "Thiếu giấy tờ theo quy định", at=_at(30, 9),
    )  # fmt: skip
    supplement_received(store, officer, dossier_id, note="Đã nộp đủ", at=_at(30, 14, 30))
    request_supplement(
        store, officer, dossier_id, [MissingItem("Ảnh mờ", position=2)], "Ảnh chụp không rõ", at=_at(30, 15)
    )


def _first_paper_name(store: Store, dossier_id: str) -> str:
    with store.session() as session:
        return next(d.name for d in session.get_one(Dossier, dossier_id).documents if d.position == 1)


def test_supplement_cycles_round_trip_in_the_portal_vocabulary(
    ready_store: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    backend_store: ServerStore,
    memory_keyring: MemoryKeyring,
) -> None:
    store, officer = ready_store
    enrol_store(store, e2e_server.url)
    dossier_id = receive_dossier(store, officer, make_draft(store, 1), received_at=_at(30, 8)).id
    with store.session() as session:
        dossier = session.get_one(Dossier, dossier_id)
        code, first_due = dossier.code, dossier.due_at
    _supplement_cycles(store, officer, dossier_id)
    assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().all_acknowledged
    with store.session() as session:
        new_due = session.get_one(Dossier, dossier_id).due_at

    record = server_state(backend_store)[dossier_id]
    assert record == client_state(store)[dossier_id]
    first, second = record["DanhSachHoSoBoSung"]
    assert first == {
        "HoSoBoSungId": f"{code}-BS20261130090000",
        "NgayBoSung": "20261130090000",
        "NguoiYeuCauBoSung": officer.username,
        "NoiDungBoSung": "Thiếu giấy tờ theo quy định",
        "TrangThaiBoSung": 1,
        "DanhSachGiayToBoSung": [
            {"TenGiayTo": _first_paper_name(store, dossier_id), "GhiChu": "Thiếu bản chính"},
            {"TenGiayTo": "Sổ hộ khẩu", "GhiChu": "Cần bản sao có chứng thực"},
        ],
        "NgayTiepNhanBoSung": "20261130143000",
        "NguoiTiepNhanBoSung": officer.username,
        "ThongTinTiepNhan": "Đã nộp đủ",
        "NgayHenTraTruoc": f"{first_due.astimezone(VN_TZ):%Y%m%d%H%M%S}",
        "NgayHenTraMoi": f"{new_due.astimezone(VN_TZ):%Y%m%d%H%M%S}",
    }
    assert second["HoSoBoSungId"] == f"{code}-BS20261130150000"
    assert (second["TrangThaiBoSung"], second["NoiDungBoSung"]) == (0, "Ảnh chụp không rõ")
    assert "NgayTiepNhanBoSung" not in second
    assert record["TrangThaiHoSo"] == 5 and record["NgayHenTra"] == first["NgayHenTraMoi"]
    extension = record["MoRong"]
    assert not {"reason", "missing", "paused_at", "resumed_at", "previous_due_at"} & set(extension)
    assert extension["missing_positions"] == [2]  # the last request's lines; the portal has no name


def test_the_old_form_in_the_extension_is_still_accepted(
    ready_store: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    backend_store: ServerStore,
    memory_keyring: MemoryKeyring,
) -> None:
    store, officer = ready_store
    enrol_store(store, e2e_server.url)
    dossier_id = receive_dossier(store, officer, make_draft(store, 1), received_at=_at(30, 8)).id
    _supplement_cycles(store, officer, dossier_id)
    with store.session() as session:
        events = session.scalars(select(Event).order_by(Event.seq)).all()
    old_form = [  # as a workstation before DanhSachHoSoBoSung sends them
        to_wire(e, OFFICER).model_copy(update={"record": to_record(OtherEvent("", e.payload))})
        if e.type != "received"
        else to_wire(e, OFFICER)
        for e in events
    ]
    assert all(w.record.DanhSachHoSoBoSung is None for w in old_form)
    results = _push(store, e2e_server, old_form)
    assert [r["status"] for r in results] == ["accepted"] * len(events)
    record = server_state(backend_store)[dossier_id]
    assert "DanhSachHoSoBoSung" not in record
    assert record["MoRong"]["reason"] == "Ảnh chụp không rõ" and record["TrangThaiHoSo"] == 5


def test_an_impossible_time_in_a_supplement_entry_is_rejected_with_its_field(
    ready_store: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    memory_keyring: MemoryKeyring,
) -> None:
    store, officer = ready_store
    enrol_store(store, e2e_server.url)
    dossier_id = receive_dossier(store, officer, make_draft(store, 1), received_at=_at(30, 8)).id
    _supplement_cycles(store, officer, dossier_id)
    with store.session() as session:
        events = [to_wire(e, OFFICER) for e in session.scalars(select(Event).order_by(Event.seq))]
    entries = events[1].record.DanhSachHoSoBoSung
    assert entries is not None
    entry = entries[0]
    events[1].record.DanhSachHoSoBoSung = [entry.model_copy(update={"NgayBoSung": "20261399090000"})]
    results = _push(store, e2e_server, events[:2])
    assert [r["status"] for r in results] == ["accepted", "rejected"]
    assert results[1]["field"] == "DanhSachHoSoBoSung" and "20261399090000" in results[1]["reason"]


def _push(store: Store, server: LoopbackServer, events: list[WireEvent]) -> list[dict[str, Any]]:
    """POST /events:batch as a workstation, plain JSON; the per-event answers."""
    with store.session() as session:
        token = credentials.load_token(get_state(session, DEVICE_ID))
    answer = requests.post(
        f"{server.url}{API_PREFIX}/events:batch",
        data=EventBatch(unit_code=UNIT_CODE, events=events).model_dump_json(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    results: list[dict[str, Any]] = answer.json()["results"]
    return results

"""A batch hand-over (status 4) and a financial obligation requested then met (6, back to 4) reach the
reference server (SQLite and PostgreSQL) as the portal's status with its fields, the rest in `MoRong`."""

from __future__ import annotations

from datetime import date, datetime

from desktop.core.timeutil import VN_TZ
from desktop.services.accounts import SignedIn
from desktop.services.handover import hand_over_batch
from desktop.services.intake import receive_dossier
from desktop.services.obligation import obligation_met, request_obligation
from desktop.store.engine import Store
from sync.engine import SyncEngine
from sync.server.store import ServerStore
from tests.sync_helpers import (
    CLIENT_RETRY,
    LoopbackServer,
    MemoryKeyring,
    client_state,
    enrol_store,
    make_draft,
    server_state,
)

TO = "Công chức Địa chính - Xây dựng"


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=VN_TZ)


def test_a_batch_hand_over_and_an_obligation_round_trip(
    ready_store: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    backend_store: ServerStore,
    memory_keyring: MemoryKeyring,
) -> None:
    store, officer = ready_store
    enrol_store(store, e2e_server.url)
    first, second = (
        receive_dossier(store, officer, make_draft(store, n), received_at=_at(30, 8, n)) for n in (1, 2)
    )
    batch = hand_over_batch(store, officer, [first.code, second.code], TO, "Lê Văn Nhận", at=_at(30, 10))
    request_obligation(
        store, officer, first.code, "45/TB-CCT", "Chi cục Thuế khu vực", 2_400_000,
        notice_date=date(2026, 11, 30), pay_by=date(2026, 12, 10), at=_at(30, 14),
    )  # fmt: skip
    assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().all_acknowledged
    records = server_state(backend_store)
    assert records[first.id] == client_state(store)[first.id]
    waiting, handed = records[first.id], records[second.id]
    assert handed["TrangThaiHoSo"] == 4 and handed["DonViXuLy"] == TO
    assert handed["MoRong"]["batch_id"] == batch.batch_id and handed["MoRong"]["receiver"] == "Lê Văn Nhận"
    assert waiting["TrangThaiHoSo"] == 6
    assert waiting["MoRong"]["notice_number"] == "45/TB-CCT" and waiting["MoRong"]["amount"] == 2_400_000
    assert waiting["MoRong"]["pay_by"] == "2026-12-10"

    obligation_met(store, officer, first.code, "BL-778899", place="Kho bạc Nhà nước", at=_at(30, 16))
    assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().all_acknowledged
    met = server_state(backend_store)[first.id]
    assert met == client_state(store)[first.id]
    assert met["TrangThaiHoSo"] == 4 and met["MoRong"]["document_number"] == "BL-778899"

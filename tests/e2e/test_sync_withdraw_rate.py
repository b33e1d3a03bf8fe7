"""Withdrawal, rating and their correction reach the reference server (SQLite and PostgreSQL): status 7
with its processing end, the rating in `MoRong` (the portal has no field for it), and a correction
putting the status back and the rating to null."""

from __future__ import annotations

from desktop.services.accounts import SignedIn
from desktop.services.corrections import undo_last_step
from desktop.services.followup import hand_over
from desktop.services.intake import receive_dossier
from desktop.services.withdrawal import rate, withdraw
from desktop.store.engine import Store
from desktop.store.models import Dossier
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


def test_withdrawal_rating_and_undo_round_trip(
    ready_store: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    backend_store: ServerStore,
    memory_keyring: MemoryKeyring,
) -> None:
    store, officer = ready_store
    enrol_store(store, e2e_server.url)
    withdrawn = receive_dossier(store, officer, make_draft(store, 1)).id
    rated = receive_dossier(store, officer, make_draft(store, 2)).id
    hand_over(store, officer, withdrawn, "Công chức Tư pháp")
    withdraw(store, officer, withdrawn)
    rate(store, officer, rated, "dissatisfied", "Phải chờ lâu")
    assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().all_acknowledged

    records = server_state(backend_store)
    assert records == {k: v for k, v in client_state(store).items() if k in records}
    with store.session() as session:
        finished = session.get_one(Dossier, withdrawn).finished_at
    assert finished is not None
    assert records[withdrawn]["TrangThaiHoSo"] == 7
    assert records[withdrawn]["NgayKetThucXuLy"] == f"{finished:%Y%m%d%H%M%S}"
    assert records[withdrawn]["MoRong"]["requester_kind"] == "owner"
    extension = records[rated]["MoRong"]
    assert (extension["rating"], extension["rating_reason"]) == ("dissatisfied", "Phải chờ lâu")
    assert records[rated]["TrangThaiHoSo"] == 2

    undo_last_step(store, officer, withdrawn, "Rút nhầm hồ sơ")
    undo_last_step(store, officer, rated, "Ghi nhầm mức đánh giá")
    rate(store, officer, rated, "very_satisfied")
    assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().all_acknowledged
    records = server_state(backend_store)
    assert records[withdrawn]["TrangThaiHoSo"] == 4
    assert records[withdrawn]["MoRong"]["corrected_kind"] == "withdrawn"
    assert records[rated]["MoRong"]["rating"] == "very_satisfied"
    assert records == {k: v for k, v in client_state(store).items() if k in records}

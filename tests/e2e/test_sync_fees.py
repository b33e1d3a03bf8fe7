"""Fee lines travel as the portal's `DanhSachLePhi[]` with `DuocThanhToanTrucTuyen`, through the real server
(SQLite and PostgreSQL): one entry per fee line, a collected fee with its method, a free dossier as an
explicit `Gia` 0 line (lifecycle §3)."""

from __future__ import annotations

from desktop.services.accounts import SignedIn
from desktop.services.fees import collect_fees, exempt_fees
from desktop.services.intake import receive_dossier
from desktop.store.engine import Store
from sync.engine import SyncEngine
from sync.server.store import ServerStore
from tests.factories import receipt_day
from tests.sync_helpers import (
    CLIENT_RETRY,
    LoopbackServer,
    MemoryKeyring,
    client_state,
    enrol_store,
    make_draft,
    server_state,
)


def test_fee_lines_round_trip_in_the_portal_vocabulary(
    ready_store: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    backend_store: ServerStore,
    memory_keyring: MemoryKeyring,
) -> None:
    store, officer = ready_store
    enrol_store(store, e2e_server.url)
    paid = receive_dossier(store, officer, make_draft(store, 1, "2.000884"))
    collect_fees(store, officer, paid.code, "transfer")
    free = receive_dossier(store, officer, make_draft(store, 2, "1.001193"))
    exempt = receive_dossier(store, officer, make_draft(store, 3, "1.004194"))
    exempt_fees(store, officer, exempt.code, "tt75_dieu4")
    assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().all_acknowledged

    held = server_state(backend_store)
    assert held == {k: v for k, v in client_state(store).items() if k in held}
    assert held[paid.id]["DanhSachLePhi"] == [
        {"TenPhiLePhi": "Phí chứng thực chữ ký", "MaPhiLePhi": "P-CTCK", "HinhThucThu": "transfer",
         "Gia": 10000, "LoaiPhiLePhi": 2},
    ]  # fmt: skip
    assert held[paid.id]["DuocThanhToanTrucTuyen"] == 0
    assert held[paid.id]["MoRong"]["receipts"] == [
        {"number": f"01-{receipt_day()}-0001", "kind": "phi", "amount": 10000}
    ]
    assert held[free.id]["DanhSachLePhi"] == [
        {"TenPhiLePhi": "Miễn phí, lệ phí", "Gia": 0, "LoaiPhiLePhi": 1}
    ]
    assert held[exempt.id]["DanhSachLePhi"][0]["Gia"] == 0
    assert held[exempt.id]["DanhSachLePhi"][0]["TenPhiLePhi"] == "Lệ phí đăng ký cư trú"
    assert held[exempt.id]["DuocThanhToanTrucTuyen"] == 0

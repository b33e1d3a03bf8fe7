"""The result and its return travel in the portal's vocabulary through the real server (SQLite and
PostgreSQL): status 9 with `NgayKetThucXuLy` and `DanhSachGiayToKetQua`, status 10 with `NgayTra`,
`HinhThuc` 0 and the receiver at the counter, or `HinhThuc` 1 and the waybill by post."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update

from desktop.core.timeutil import VN_TZ
from desktop.services.accounts import SignedIn
from desktop.services.apology import apologise
from desktop.services.followup import hand_over
from desktop.services.intake import receive_dossier
from desktop.services.result import (
    Receiver,
    ReceiverKind,
    post_result,
    record_delivery,
    record_result,
    return_result,
)
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


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=VN_TZ)


def _ready(store: Store, officer: SignedIn, number: int) -> str:
    dossier_id = receive_dossier(store, officer, make_draft(store, number), received_at=_at(30, 8)).id
    hand_over(store, officer, dossier_id, "Công chức Tư pháp - Hộ tịch", at=_at(30, 9))
    record_result(
        store, officer, dossier_id, document_number="25/QĐ-UBND", signer="Trần Văn Bình",
        issued_at=_at(30, 10), at=_at(30, 11),
    )  # fmt: skip
    return dossier_id


def test_result_ready_and_returned_round_trip(
    ready_store: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    backend_store: ServerStore,
    memory_keyring: MemoryKeyring,
) -> None:
    store, officer = ready_store
    enrol_store(store, e2e_server.url)
    at_counter = _ready(store, officer, 1)
    by_post = _ready(store, officer, 2)
    still_ready = _ready(store, officer, 3)
    receiver = Receiver(ReceiverKind.AUTHORISED, "Lê Thị Hoa", "001090000123", "Giấy ủy quyền số 12")
    return_result(store, officer, at_counter, receiver, at=_at(30, 14))
    with store.transaction() as session:
        session.execute(update(Dossier).where(Dossier.id == by_post).values(delivery="postal"))
    post_result(store, officer, by_post, "EV123456789VN", at=_at(30, 15))
    record_delivery(store, officer, by_post, delivered_at=_at(30, 16))
    # received on 02/11, its result on 30/11 is late: the apology travels before the return
    late = receive_dossier(store, officer, make_draft(store, 4), received_at=_at(2, 8)).id
    hand_over(store, officer, late, "Công chức Tư pháp - Hộ tịch", at=_at(2, 9))
    record_result(store, officer, late, at=_at(30, 11))
    apologise(store, officer, late, "Chờ xác minh nơi cư trú", "Trần Văn Bình, Chủ tịch", at=_at(30, 12))
    return_result(store, officer, late, at=_at(30, 14))
    assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().all_acknowledged

    records = server_state(backend_store)
    assert records == client_state(store)
    ready = records[still_ready]
    assert (ready["TrangThaiHoSo"], ready["NgayKetThucXuLy"]) == (9, "20261130110000")
    assert ready["DanhSachGiayToKetQua"] == [
        {"TenGiayTo": "Kết quả giải quyết", "SoKyHieu": "25/QĐ-UBND", "NguoiKy": "Trần Văn Bình",
         "NgayKy": "20261130100000"}
    ]  # fmt: skip
    returned = records[at_counter]
    assert (returned["TrangThaiHoSo"], returned["NgayTra"], returned["HinhThuc"]) == (10, "20261130140000", 0)
    assert returned["NgayKetThucXuLy"] == "20261130110000"  # a return never moves the end of processing
    assert returned["ThongTinTra"] == (
        "Người nhận: Lê Thị Hoa (người được ủy quyền); số giấy tờ: 001090000123; giấy ủy quyền: Giấy ủy quyền số 12"
    )
    posted = records[by_post]
    assert (posted["TrangThaiHoSo"], posted["NgayTra"], posted["HinhThuc"]) == (10, "20261130150000", 1)
    assert "EV123456789VN" in posted["ThongTinTra"]
    assert posted["MoRong"]["delivered_at"].startswith("2026-11-30T16:00")
    apologised = records[late]
    assert (apologised["TrangThaiHoSo"], apologised["NgayTra"]) == (10, "20261130140000")
    assert apologised["MoRong"]["signer"] == "Trần Văn Bình, Chủ tịch"

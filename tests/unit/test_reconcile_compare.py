"""The end-of-day comparison itself: what it names when the province holds a dossier differently or holds
more, and how it reads a server from before the detail (dossiers only, never asks for the detail)."""

from __future__ import annotations

from datetime import date

from desktop.core.timeutil import today_local
from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from sync.client.reconcile import LocalDay, compare, last_check, local_day, reconcile_day
from sync.protocol import Reconciliation, ReconciliationItem
from tests.sync_helpers import receive_many

SHA_A = "a" * 64
SHA_B = "b" * 64


def test_the_lines_name_each_difference() -> None:
    local = LocalDay(
        dossiers={"X-1": 2, "X-2": 4},
        events={("X-1", 1): "accepted", ("X-2", 1): "accepted", ("X-2", 2): "accepted"},
        scans={("X-1", SHA_A)},
    )
    server = Reconciliation(
        unit_code="X",
        date=date(2026, 12, 3),
        dossiers=2,
        events=4,
        digest="",
        items=[
            ReconciliationItem(code="X-2", status=2, seqs=[1, 2, 3], scans=[SHA_B]),
            ReconciliationItem(code="X-9", status=2, seqs=[1]),
        ],
    )
    assert compare(local, server).lines() == [
        "Tỉnh chưa có hồ sơ: X-1",
        "Tỉnh ghi trạng thái khác: X-2 (máy này 4, tỉnh 2)",
        "Tỉnh có mà máy này không có hồ sơ: X-9",
        "Tỉnh chưa có thay đổi: X-1 #1",
        "Tỉnh có thay đổi mà máy này không có: X-2 #3, X-9 #1",
        f"Tỉnh chưa có bản quét: X-1 {SHA_A}",
        f"Tỉnh có bản quét mà máy này không có: X-2 {SHA_B}",
    ]


def test_a_server_without_the_detail_is_compared_on_dossiers_only(
    ready_store: tuple[Store, SignedIn],
) -> None:
    store, officer = ready_store
    receive_many(store, officer, 1)
    day = today_local()
    local = local_day(store, day)
    asked: list[bool] = []

    def older(_day: str, detail: bool) -> Reconciliation:  # an older server ignores `detail`
        asked.append(detail)
        return Reconciliation(
            unit_code="X", date=day, dossiers=1, events=1, digest=local.digest, scope="device"
        )

    check = reconcile_day(store, older, day)
    assert check.matched and asked == [False]
    assert (
        check.message == f"Đối chiếu ngày {day:%d/%m/%Y}: khớp 1 hồ sơ với hệ thống tỉnh. Đã khớp với tỉnh."
    )
    with store.session() as session:
        kept = last_check(session, day)
        assert (
            kept is not None
            and kept.message == check.message
            and last_check(session, date(2020, 1, 1)) is None
        )

    def differs(_day: str, detail: bool) -> Reconciliation:
        asked.append(detail)
        return Reconciliation(unit_code="X", date=day, dossiers=2, events=2, digest="0" * 64, scope="device")

    check = reconcile_day(store, differs, day)
    assert not check.matched and check.details == () and asked[1:] == [False]
    assert "hệ thống tỉnh có 2 hồ sơ từ máy này, máy này có 1 (chưa khớp)" in check.message

"""The end-of-day check of dossiers, events and scans against the real server on loopback: a matching
day says so and exits 0; a day the province lacks a dossier of names it, sends it, and then matches."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from desktop.cli import main
from desktop.core.timeutil import now_local
from desktop.services.accounts import SignedIn
from desktop.services.attachments import attach_files, remove_attachment
from desktop.store.engine import Store
from desktop.store.models import Attachment, Dossier, Event
from sync.engine import SyncEngine
from sync.server.models import ServerDossier, StoredBlob
from sync.server.reconcile import day_detail
from sync.server.store import ServerStore
from tests.scan_samples import blank_pdf
from tests.sync_helpers import CLIENT_RETRY, LoopbackServer, MemoryKeyring, enrol_store, receive_many


def _codes(store: Store, ids: list[str]) -> list[str]:
    with store.session() as session:
        return [session.get(Dossier, i).code for i in ids]  # type: ignore[union-attr]


def _scan(store: Store, officer: SignedIn, code: str, tmp_path: Path, name: str, pages: int) -> str:
    path = tmp_path / name
    path.write_bytes(blank_pdf(pages) + name.encode())  # distinct content, distinct hash
    return attach_files(store, code, [path], officer_id=officer.officer_id)[0].sha256


def test_a_matching_day_says_matched_and_exits_0(
    enrolled: tuple[Store, SignedIn, LoopbackServer],
    server_store: ServerStore,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store, officer, _server = enrolled
    first, second = _codes(store, receive_many(store, officer, 2))
    kept = _scan(store, officer, first, tmp_path, "a.pdf", 2)
    gone = _scan(store, officer, second, tmp_path, "b.pdf", 1)
    with store.transaction() as session:
        row = session.scalars(select(Attachment).where(Attachment.sha256 == gone)).one()
        remove_attachment(session, row.id, officer.officer_id)

    assert main(["--data-dir", str(store.profile.root), "sync", "--end-of-day"]) == 0
    out = capsys.readouterr().out
    assert "khớp 2 hồ sơ, 5 thay đổi, 1 bản quét với hệ thống tỉnh. Đã khớp với tỉnh." in out
    assert "Tỉnh chưa có" not in out

    with (
        server_store.transaction() as session
    ):  # the province's side counts the scan kept, not the one removed
        unit_id = session.scalars(select(ServerDossier.unit_id)).first()
        assert unit_id is not None
        items = day_detail(session, unit_id, now_local().date())
    assert {item.code: item.scans for item in items} == {first: [kept], second: []}
    assert [item.seqs for item in items] == [[1, 2], [1, 2, 3]]


def test_a_dossier_the_province_lacks_is_listed_and_sent(
    ready_store: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The province restored an older backup: a dossier this workstation saw acknowledged is gone there."""
    store, officer = ready_store
    enrol_store(store, e2e_server.url)
    receive_many(store, officer, 2)
    assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().all_acknowledged
    [lost_id] = receive_many(store, officer, 1, start=7)
    [lost] = _codes(store, [lost_id])
    sha = _scan(store, officer, lost, tmp_path, "c.pdf", 1)
    with store.transaction() as session:  # acknowledged here, never held there
        session.execute(update(Event).where(Event.dossier_id == lost_id).values(push_status="accepted"))

    assert main(["--data-dir", str(store.profile.root), "sync", "--end-of-day"]) == 0
    out = capsys.readouterr().out
    assert f"Tỉnh chưa có hồ sơ: {lost}" in out
    assert f"Tỉnh chưa có thay đổi: {lost} #1, {lost} #2" in out
    assert f"Tỉnh chưa có bản quét: {lost} {sha}" in out
    assert "Đã gửi lại cho tỉnh 2 thay đổi và 1 bản quét còn thiếu." in out
    assert "khớp 3 hồ sơ, 4 thay đổi, 1 bản quét với hệ thống tỉnh. Đã khớp với tỉnh." in out

    with e2e_server.store.transaction() as session:
        assert session.scalar(select(ServerDossier.id).where(ServerDossier.code == lost)) == lost_id
    result = SyncEngine(store, policy=CLIENT_RETRY).run_pass("end_of_day")  # the next check: nothing to list
    assert result.reconciled is True and result.reconcile_details == ()


def test_a_scan_the_province_no_longer_holds_is_listed_and_sent_again(
    enrolled: tuple[Store, SignedIn, LoopbackServer],
    server_store: ServerStore,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Only scans whose file the province holds verified count: its record of the scan is not enough."""
    store, officer, _server = enrolled
    [code] = _codes(store, receive_many(store, officer, 1))
    sha = _scan(store, officer, code, tmp_path, "d.pdf", 2)
    assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().all_acknowledged
    with server_store.transaction() as session:  # the province lost the file (a restored disk)
        session.execute(delete(StoredBlob).where(StoredBlob.sha256 == sha))

    assert main(["--data-dir", str(store.profile.root), "sync", "--end-of-day"]) == 0
    out = capsys.readouterr().out
    assert f"Tỉnh chưa có bản quét: {code} {sha}" in out
    assert "khớp 1 hồ sơ, 2 thay đổi, 1 bản quét với hệ thống tỉnh. Đã khớp với tỉnh." in out
    with server_store.transaction() as session:
        assert session.scalar(select(StoredBlob.sha256).where(StoredBlob.sha256 == sha)) == sha

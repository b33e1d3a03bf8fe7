"""Scans reach the province (tus under `/blobs/`), for real: the reference server on loopback behind the
fault proxy, the real engine and uploader, real profile files. Whatever the link does, every scan the
server keeps matches its hash, none is kept twice, and a chunk is sent again only when it was lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from sqlalchemy import select

from desktop.services.accounts import SignedIn
from desktop.services.attachments import blob_store, remove_attachment
from desktop.store import settings
from desktop.store.engine import Store
from desktop.store.models import Attachment, Dossier
from sync.client.scans import waiting_scans
from sync.client.status import dossier_sync
from sync.common.text import kilobytes
from sync.server.blobstore import FileBlobStorage
from sync.server.store import ServerStore
from tests.e2e.faultproxy import FaultProxy
from tests.e2e.scan_sync import CHUNK, ScanEngine, assert_all_verified, local_scans, scan_dossiers
from tests.e2e.test_sync_process import ROOT, child_env
from tests.file_keyring import FileKeyring
from tests.small_disk import SmallDisk
from tests.sync_helpers import UNIT_CODE, LoopbackServer, enrol_store, loopback_server

# The faults (a drop mid-chunk, a corrupted chunk, a server restart, a full disk, a pass stopped or a client
# killed mid-upload, a lost last answer) run on SQLite and PostgreSQL; the client-side behaviours on SQLite.
SQLITE_ONLY = pytest.mark.parametrize("backend_url", ["sqlite"], indirect=True)


def test_a_profile_with_scans_syncs_every_scan_verified_and_a_rerun_sends_nothing(
    proxied_client: tuple[Store, SignedIn], proxy: FaultProxy, backend_store: ServerStore, tmp_path: Path
) -> None:
    store, officer = proxied_client
    scan_dossiers(store, officer, 3)
    scans = local_scans(store)
    with store.session() as session:
        assert waiting_scans(session).count == 6
    engine = ScanEngine(store)
    first = engine.run_pass()
    assert first.outcome == "ok" and first.all_acknowledged, first
    assert sorted(engine.missing) == sorted(scans)  # the push answers named every scan the server lacked
    assert first.scans_sent == 6 and first.scans_pending == 0
    assert first.scan_bytes == sum(scans.values()) == proxy.upload_bytes  # each byte once
    assert_all_verified(store, backend_store, tmp_path / "server-blobs")
    again = ScanEngine(store).run_pass()
    assert again.all_acknowledged and again.scans_sent == 0 and again.scan_bytes == 0
    assert proxy.upload_bytes == sum(scans.values())


@SQLITE_ONLY
def test_a_scan_the_server_already_holds_never_travels_again(
    proxied_client: tuple[Store, SignedIn], proxy: FaultProxy, backend_store: ServerStore
) -> None:
    store, officer = proxied_client
    scan_dossiers(store, officer, 1)
    assert ScanEngine(store).run_pass().scans_sent == 2
    sent = proxy.upload_bytes
    with store.transaction() as session:  # as if the acknowledgement had been lost
        for row in session.scalars(select(Attachment)):
            row.uploaded_at = None
    again = ScanEngine(store).run_pass()
    assert again.all_acknowledged and again.scans_sent == 2  # "already have it", by hash
    assert proxy.upload_bytes == sent and again.scan_bytes == 0


@pytest.mark.parametrize("cut", [["cut_request"], ["pass", "cut_request"]], ids=["creation", "patch"])
def test_a_link_that_drops_mid_chunk_resumes_and_resends_only_what_never_arrived(
    proxied_client: tuple[Store, SignedIn],
    proxy: FaultProxy,
    backend_store: ServerStore,
    tmp_path: Path,
    cut: list[str],
) -> None:
    store, officer = proxied_client
    scan_dossiers(store, officer, 1, pages=1)
    [size] = local_scans(store).values()
    proxy.set_plan(cut, match="/blobs/")  # the POST with the first chunk, or the PATCH after it
    result = ScanEngine(store).run_pass()
    assert result.all_acknowledged, result
    assert "cut_request" in proxy.applied
    # the proxy forwards half of the cut request (its head, then the chunk's first bytes) and lets the client
    # notice only once the server has handled them (`FaultProxy.server`): the server kept them, so only the
    # rest of the chunk (about half of it, never the whole cut chunk) went twice
    cut_chunk = min(CHUNK, size - CHUNK * (len(cut) - 1))
    assert size < proxy.upload_bytes < size + cut_chunk // 2 + 1024 < size + cut_chunk
    assert_all_verified(store, backend_store, tmp_path / "server-blobs")


def test_a_chunk_corrupted_on_the_way_is_refused_and_sent_again(
    proxied_client: tuple[Store, SignedIn], proxy: FaultProxy, backend_store: ServerStore, tmp_path: Path
) -> None:
    store, officer = proxied_client
    scan_dossiers(store, officer, 1, pages=1)
    [size] = local_scans(store).values()
    proxy.set_plan(["pass", "corrupt_request"], match="/blobs/")
    result = ScanEngine(store).run_pass()
    assert result.all_acknowledged, result
    assert proxy.applied.count("corrupt_request") == 1
    # chunks carry no checksum: the finished file did not match the scan's SHA-256, the server refused and
    # deleted it, and the scan went again from zero, once
    assert proxy.upload_bytes == 2 * size
    assert list((tmp_path / "server-blobs" / "partial").glob("*")) == []
    assert_all_verified(store, backend_store, tmp_path / "server-blobs")  # nothing wrong kept


def test_the_server_restarts_mid_upload_and_the_upload_resumes_from_its_offset(
    proxied_client: tuple[Store, SignedIn],
    proxy: FaultProxy,
    e2e_server: LoopbackServer,
    backend_store: ServerStore,
    tmp_path: Path,
) -> None:
    store, officer = proxied_client
    scan_dossiers(store, officer, 1, pages=1)
    [size] = local_scans(store).values()
    proxy.set_plan(["pass", "drop_request", "drop_request", "drop_request", "drop_request"], match="/blobs/")
    cut = ScanEngine(store, attempts=3).run_pass()
    assert cut.outcome == "offline" and cut.scans_pending == 1, cut
    assert (tmp_path / "server-blobs" / "partial").is_dir()
    e2e_server.stop()
    with loopback_server(backend_store, blobs=FileBlobStorage(tmp_path / "server-blobs")) as restarted:
        proxy.upstream_port = restarted.port
        proxy.set_plan([])
        done = ScanEngine(store).run_pass()
    assert done.all_acknowledged, done
    assert proxy.upload_bytes <= size + CHUNK  # the first chunk was kept across the restart
    assert_all_verified(store, backend_store, tmp_path / "server-blobs")


@SQLITE_ONLY
def test_an_altered_or_missing_scan_is_said_on_its_dossier_and_the_others_go(
    proxied_client: tuple[Store, SignedIn], proxy: FaultProxy, backend_store: ServerStore
) -> None:
    store, officer = proxied_client
    altered_id, missing_id, fine_id = scan_dossiers(store, officer, 3, pages=1)
    blobs = blob_store(store)
    with store.session() as session:
        by_dossier = {a.dossier_id: a.sha256 for a in session.scalars(select(Attachment))}
    path = blobs.path_for(by_dossier[altered_id])
    os.chmod(path, 0o644)
    path.write_bytes(path.read_bytes()[:-1] + b"!")
    blobs.path_for(by_dossier[missing_id]).unlink()
    result = ScanEngine(store).run_pass()
    assert result.outcome == "ok" and not result.all_acknowledged
    assert result.scans_sent == 1 and result.scans_pending == 2
    assert result.scan_bytes == proxy.upload_bytes == local_scans(store)[by_dossier[fine_id]]  # nothing else
    with store.session() as session:
        altered = dossier_sync(session, altered_id)
        missing = dossier_sync(session, missing_id)
        assert altered.state == "rejected" and "đã bị thay đổi" in altered.message
        assert missing.state == "rejected" and "không còn trên máy trạm" in missing.message
        assert dossier_sync(session, fine_id).state == "synced"
        assert session.get_one(Dossier, altered_id).sync_status == "rejected"
    assert backend_store.report(UNIT_CODE)["attachments"] == 1


def test_a_full_disk_on_the_server_is_a_clear_answer_and_the_client_sends_later(
    ready_store: tuple[Store, SignedIn],
    backend_store: ServerStore,
    small_disk: SmallDisk,
    memory_keyring: object,
) -> None:
    store, officer = ready_store
    with loopback_server(backend_store, blobs=FileBlobStorage(small_disk.root / "blobs")) as server:
        enrol_store(store, server.url)
        scan_dossiers(store, officer, 1, pages=2)
        small_disk.fill(leave=8 * 1024)
        engine = ScanEngine(store, attempts=2)
        full = engine.run_pass()
        assert full.outcome == "offline" and full.scans_pending == 2, full
        assert "hết chỗ lưu" in full.message
        assert 300 in engine.slept  # the server's Retry-After, honoured
        with store.session() as session:
            assert settings.get(session, settings.SERVER_URL) == server.url
        small_disk.free_up()
        later = ScanEngine(store).run_pass()
        assert later.all_acknowledged, later
        assert_all_verified(store, backend_store, small_disk.root / "blobs")


@SQLITE_ONLY
def test_the_command_line_says_what_waits_and_what_a_pass_sent(
    proxied_client: tuple[Store, SignedIn], capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli import main

    store, officer = proxied_client
    scan_dossiers(store, officer, 2)
    scans = local_scans(store)
    root = str(store.profile.root)
    assert main(["--data-dir", root, "sync", "--status", "--json"]) == 0
    waiting = json.loads(capsys.readouterr().out)
    assert waiting == {"records": 6, "scans": 4, "scan_bytes": sum(scans.values()), "problems": 0}
    assert main(["--data-dir", root, "sync"]) == 0
    out = capsys.readouterr().out
    assert "Đã gửi: 6" in out  # the records' lines as before
    assert f"Bản số hoá đã gửi: 4 ({kilobytes(sum(scans.values()))})" in out
    assert "Bản số hoá còn chờ gửi: 0 (0 KB)" in out and "Dung lượng đã gửi: " in out
    assert main(["--data-dir", root, "sync", "--status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"records": 0, "scans": 0, "scan_bytes": 0, "problems": 0}


@SQLITE_ONLY
def test_a_scan_the_server_refuses_has_its_reason_on_the_dossier_and_a_removed_scan_waits_for_nothing(
    proxied_client: tuple[Store, SignedIn], proxy: FaultProxy, backend_store: ServerStore
) -> None:
    store, officer = proxied_client
    refused_id, removed_id, fine_id = scan_dossiers(store, officer, 3, pages=1)
    with store.transaction() as session:
        for row in session.scalars(select(Attachment)):
            if row.dossier_id == refused_id:
                row.mime = "application/x-msdownload"
        removed = session.scalars(select(Attachment).where(Attachment.dossier_id == removed_id)).one()
        remove_attachment(session, removed.id, officer.officer_id)
    with store.session() as session:
        assert waiting_scans(session).count == 2
    result = ScanEngine(store).run_pass()
    assert result.scans_sent == 1 and result.scans_pending == 1
    with store.session() as session:
        refused = dossier_sync(session, refused_id)
        assert refused.state == "rejected" and "không nhận tệp loại" in refused.message
        assert dossier_sync(session, removed_id).state == "synced"
        assert dossier_sync(session, fine_id).state == "synced"
    assert backend_store.report(UNIT_CODE)["attachments"] == 1


def test_a_pass_stopped_mid_scan_goes_on_later_from_the_servers_offset(
    proxied_client: tuple[Store, SignedIn], proxy: FaultProxy, backend_store: ServerStore, tmp_path: Path
) -> None:
    store, officer = proxied_client
    scan_dossiers(store, officer, 1, pages=1)
    [size] = local_scans(store).values()
    engine = ScanEngine(store)

    def stop_after_a_chunk(done: int, whole: int, *_: object) -> None:
        if whole == size and 0 < done < size:
            engine.cancel()

    stopped = engine.run_pass(progress=stop_after_a_chunk)
    assert stopped.outcome == "cancelled" and stopped.scans_pending == 1
    done = ScanEngine(store).run_pass()
    assert done.all_acknowledged, done
    assert proxy.upload_bytes == size  # nothing sent twice
    assert_all_verified(store, backend_store, tmp_path / "server-blobs")


@pytest.fixture
def file_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The device token in a file that the `motcua` processes a test starts read too (tests.file_keyring)."""
    ring = tmp_path / "keyring.json"
    monkeypatch.setenv("MOTCUA_TEST_KEYRING", str(ring))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    yield ring
    keyring.set_keyring(previous)


def test_a_client_killed_mid_upload_goes_on_after_a_restart_resending_at_most_the_chunk_in_flight(
    ready_store: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    proxy: FaultProxy,
    backend_store: ServerStore,
    file_keyring: Path,
    tmp_path: Path,
) -> None:
    """`motcua sync` as a process, killed with SIGKILL while its second chunk is on the way; then a pass."""
    store, officer = ready_store
    enrol_store(store, e2e_server.url)
    with store.transaction() as session:
        settings.put(session, settings.SERVER_URL, proxy.url)
    scan_dossiers(store, officer, 1, pages=1, sizes=(150_000, 200_000))  # more than the first 64 KB chunk
    [(sha, size)] = local_scans(store).items()
    proxy.stall = 2  # the second chunk hangs on the way: the client is killed meanwhile
    proxy.set_plan(["pass", "stall"], match="/blobs/")
    child = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--data-dir", str(store.profile.root), "sync"],
        cwd=ROOT,
        env=child_env(file_keyring),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while "stall" not in proxy.applied:
        assert time.monotonic() < deadline and child.poll() is None, "the client never sent a chunk"
        time.sleep(0.02)
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait(10) == -signal.SIGKILL
    first = (tmp_path / "server-blobs" / "partial" / sha).stat().st_size
    assert 0 < first < size  # the first chunk is kept at the province

    proxy.set_plan([])
    restarted = ScanEngine(store).run_pass()
    assert restarted.all_acknowledged and restarted.scans_sent == 1, restarted
    assert proxy.upload_bytes <= size + (size - first)  # at most the chunk in flight again
    assert_all_verified(store, backend_store, tmp_path / "server-blobs")


def test_the_last_answer_lost_costs_no_byte_the_scan_is_found_verified(
    proxied_client: tuple[Store, SignedIn], proxy: FaultProxy, backend_store: ServerStore, tmp_path: Path
) -> None:
    store, officer = proxied_client
    scan_dossiers(store, officer, 1, pages=1)
    [size] = local_scans(store).values()
    assert CHUNK < size <= 4 * CHUNK
    proxy.set_plan(["pass"] * ((size - 1) // CHUNK) + ["lose_response"], match="/blobs/")
    result = ScanEngine(store).run_pass()
    assert result.all_acknowledged and proxy.applied[-1] == "lose_response", result
    assert proxy.upload_bytes == size
    assert_all_verified(store, backend_store, tmp_path / "server-blobs")

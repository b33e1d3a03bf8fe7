"""The sync screen's data (Qt-free): what waits, the history of passes, refusals and their retry, the upload
cap; real SQLite profiles and the real server on loopback."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from desktop.core.errors import ValidationError
from desktop.core.timeutil import now_local
from desktop.services.accounts import SignedIn
from desktop.services.attachments import blob_store, link_blobs, remove_attachment
from desktop.services.sync_screen import (
    eta_seconds,
    read_sync_screen,
    retry_refused,
    set_upload_rate,
    size_text,
)
from desktop.store.engine import Store
from desktop.store.models import Attachment, DocumentLine, Dossier
from sync.client.config import load_config
from sync.engine import SyncEngine
from sync.server.models import ServerDossier
from sync.server.store import ServerStore
from tests.sync_helpers import CLIENT_RETRY, LoopbackServer, add_changes, receive_many


def scan(store: Store, dossier_id: str, size: int, officer: SignedIn) -> str:
    """A stored scan of `size` bytes linked to the dossier's first paper; its attachment id."""
    blob = blob_store(store).put(b"%PDF-1.4\n" + bytes(i % 251 for i in range(size - 9)), pages=1)
    with store.transaction() as session:
        line = session.scalars(
            select(DocumentLine).where(DocumentLine.dossier_id == dossier_id).order_by(DocumentLine.position)
        ).first()
        assert line is not None
        [row] = link_blobs(session, dossier_id, line.id, [_ref(blob)], officer.officer_id)
        return row.id


def _ref(blob: object) -> dict[str, object]:
    return {
        "sha256": blob.sha256,  # type: ignore[attr-defined]
        "pages": 1,
        "size": blob.size,  # type: ignore[attr-defined]
        "profile": "text",
        "source": "import",
        "mime": "application/pdf",
        "original_name": "to-khai.pdf",
    }


def test_waiting_lists_records_and_scans_with_their_bytes(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    first, second = receive_many(store, officer, 2)
    kept = scan(store, first, 30_000, officer)
    gone = scan(store, first, 20_000, officer)
    uploaded = scan(store, second, 25_000, officer)
    with store.transaction() as session:
        remove_attachment(session, gone, officer.officer_id)
        session.execute(update(Attachment).where(Attachment.id == uploaded).values(uploaded_at=now_local()))
    kept_size = _size(store, kept)

    waiting = read_sync_screen(store).waiting
    # 2 intakes, 3 scans added, 1 removed: 6 changes; one scan still to upload
    assert (waiting.records, waiting.scans, waiting.scan_bytes) == (6, 1, kept_size)
    rows = {row.dossier_id: row for row in waiting.dossiers}
    assert (rows[first].records, rows[first].scans, rows[first].scan_bytes) == (4, 1, kept_size)
    assert (rows[second].records, rows[second].scans) == (2, 0)
    assert waiting.dossiers[0].dossier_id == first  # the most bytes waiting first
    assert rows[first].code.startswith("H21.55.10-") and rows[first].applicant


def _size(store: Store, attachment_id: str) -> int:
    with store.session() as session:
        return session.get_one(Attachment, attachment_id).size


def test_a_pass_ends_in_the_history_and_a_conflict_is_retried_after_the_province_corrects_it(
    enrolled: tuple[Store, SignedIn, LoopbackServer], server_store: ServerStore
) -> None:
    store, officer, _server = enrolled
    [dossier_id] = receive_many(store, officer, 1)
    engine = SyncEngine(store, policy=CLIENT_RETRY)
    assert engine.run_pass("manual").outcome == "ok"
    history = read_sync_screen(store).history
    assert len(history) == 1
    run = history[0]
    assert (run.trigger, run.outcome, run.pushed, run.sent, run.pending) == ("manual", "ok", 1, 1, 0)
    assert run.bytes_sent > 0 and run.finished_at is not None and run.finished_at >= run.started_at

    # the province's copy of the dossier goes astray: the next change no longer fits its history
    with server_store.transaction() as session:
        good = session.get_one(ServerDossier, dossier_id).last_hash
        session.execute(
            update(ServerDossier).where(ServerDossier.id == dossier_id).values(last_hash="0" * 64)
        )
    add_changes(store, officer, [dossier_id])
    result = engine.run_pass("auto")
    assert result.rejected == 1 and result.problems == 1
    [refused] = read_sync_screen(store).refused
    assert refused.dossier_id == dossier_id and refused.code.startswith("H21.55.10-")
    assert refused.reason == (
        "Tỉnh từ chối thay đổi #2: Sự kiện không khớp với lịch sử hồ sơ trên hệ thống tỉnh. "
        "(trường: chuỗi kiểm tra lịch sử)"
    )
    assert read_sync_screen(store).waiting.records == 1  # the later change waits behind it

    # the province puts its copy right; the officer retries from the screen
    with server_store.transaction() as session:
        session.execute(update(ServerDossier).where(ServerDossier.id == dossier_id).values(last_hash=good))
    assert retry_refused(store, dossier_id) == 1
    screen = read_sync_screen(store)
    assert screen.refused == () and screen.waiting.records == 2
    again = engine.run_pass("manual")
    assert (again.outcome, again.pushed, again.pending, again.problems) == ("ok", 2, 0, 0)
    with store.session() as session:
        assert session.get_one(Dossier, dossier_id).sync_status == "synced"
    assert [r.trigger for r in read_sync_screen(store).history] == ["manual", "auto", "manual"]


def test_the_upload_cap_is_a_checked_setting_the_client_reads(ready_store: tuple[Store, SignedIn]) -> None:
    store, _officer = ready_store
    assert read_sync_screen(store).upload_rate_kbit == 0
    set_upload_rate(store, 128)
    assert read_sync_screen(store).upload_rate_kbit == 128
    with store.session() as session:
        assert load_config(session).upload_rate == 16_000  # bytes a second
    with pytest.raises(ValidationError, match="Giới hạn tốc độ gửi"):
        set_upload_rate(store, -1)
    set_upload_rate(store, 0)
    assert read_sync_screen(store).upload_rate_kbit == 0


def test_eta_and_sizes_for_the_progress_line() -> None:
    assert eta_seconds(10.0, 25, 100) == 30.0
    assert eta_seconds(0.0, 0, 100) is None and eta_seconds(5.0, 0, 100) is None
    assert [size_text(n) for n in (850, 31_400, 1_234_567, 45_000_000)] == [
        "850 B",
        "31 KB",
        "1,2 MB",
        "45 MB",
    ]

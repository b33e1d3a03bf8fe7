"""Helpers of the scan-sync tests (and `benchmarks/sync_scans.py`): dossiers with scanned pages made through
the real services, the real engine with small chunks and short recorded waits, and the check that every
scan of a profile is on the server once, verified against its hash."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select

from desktop.services.accounts import SignedIn
from desktop.services.attachments import BlobRef, blob_store, link_blobs
from desktop.store.engine import Store
from desktop.store.models import Attachment, DocumentLine
from sync.client.http import SyncHttp
from sync.client.retry import RetryPolicy
from sync.client.scans import ChunkSizer, waiting_scans
from sync.engine import ProgressFn, SyncEngine
from sync.server.store import ServerStore
from tests.sync_helpers import UNIT_CODE, receive_many

CHUNK = 16 * 1024


class ScanEngine(SyncEngine):
    """The real engine with 16 KB chunks and short, recorded waits."""

    def __init__(self, store: Store, attempts: int = 4) -> None:
        super().__init__(
            store,
            policy=RetryPolicy(base=0.02, cap=0.1, max_attempts=attempts),
            read_timeout=2,
            chunks=lambda: ChunkSizer(start=CHUNK, low=CHUNK, high=CHUNK),
        )
        self.slept: list[float] = []
        self.missing: list[str] = []  # the push answers' missing_blobs

    def _upload_blobs(
        self, http: SyncHttp, missing: Sequence[str] = (), progress: ProgressFn | None = None
    ) -> None:
        self.missing = list(missing)
        super()._upload_blobs(http, missing, progress)

    def _sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        super()._sleep(min(seconds, 0.05))


def scan_dossiers(
    store: Store,
    officer: SignedIn,
    count: int,
    pages: int = 2,
    seed: int = 1,
    sizes: tuple[int, int] = (20_000, 50_000),
) -> list[str]:
    """`count` dossiers with `pages` scans each (random bytes, which do not compress, as a scanned PDF; each
    between `sizes` bytes, as text pages are), linked to their first paper through the real service;
    returns the dossier ids."""
    ids = receive_many(store, officer, count, start=seed * 100)
    rng = random.Random(seed)
    blobs = blob_store(store)
    with store.transaction() as session:
        for dossier_id in ids:
            line = session.scalars(
                select(DocumentLine)
                .where(DocumentLine.dossier_id == dossier_id)
                .order_by(DocumentLine.position)
            ).first()
            assert line is not None
            refs = []
            for _ in range(pages):
                stored = blobs.put(rng.randbytes(rng.randint(*sizes)), pages=1)
                refs.append(BlobRef(stored.sha256, 1, stored.size, "text", "import"))
            link_blobs(session, dossier_id, line.id, refs, officer.officer_id, store=blobs)
    return ids


def local_scans(store: Store) -> dict[str, int]:
    """The profile's scans: SHA-256 → size."""
    with store.session() as session:
        return {sha: size for sha, size in session.execute(select(Attachment.sha256, Attachment.size))}


def assert_all_verified(store: Store, server: ServerStore, root: Path) -> None:
    """Every scan of the profile is on the server once, its file hashing to its name; marked uploaded."""
    scans = local_scans(store)
    held = {p.name: p for p in root.rglob("*") if p.is_file() and "partial" not in p.parts}
    assert set(held) == set(scans)
    for sha, path in held.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sha
    report = server.report(UNIT_CODE)
    assert (report["attachments"], report["attachment_bytes"]) == (len(scans), sum(scans.values()))
    with store.session() as session:
        assert waiting_scans(session).count == 0
        assert session.scalar(select(Attachment).where(Attachment.uploaded_at.is_(None))) is None

"""Sealed scans still reach the province as their original bytes: the server verifies each one's SHA-256."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.services import store_key
from desktop.services.accounts import SignedIn
from desktop.services.attachments import blob_store
from desktop.store.engine import Store
from sync.server.store import ServerStore
from tests.e2e.faultproxy import FaultProxy
from tests.e2e.scan_sync import ScanEngine, assert_all_verified, local_scans, scan_dossiers


@pytest.mark.parametrize("backend_url", ["sqlite"], indirect=True)  # a client-side matter
def test_sealed_scans_are_sent_as_their_original_bytes(
    proxied_client: tuple[Store, SignedIn], proxy: FaultProxy, backend_store: ServerStore, tmp_path: Path
) -> None:
    store, officer = proxied_client
    store_key.create_store_key(store.profile)
    scan_dossiers(store, officer, 1)
    scans = local_scans(store)
    blobs = blob_store(store)
    assert blobs.sealed and all(blobs.path_for(sha).read_bytes()[:4] != b"%PDF" for sha in scans)
    engine = ScanEngine(store)
    engine.blobs = lambda: blob_store(store)
    result = engine.run_pass()
    assert result.all_acknowledged and result.scans_sent == 2 and result.scans_pending == 0
    assert result.scan_bytes == sum(scans.values()) == proxy.upload_bytes  # original sizes, not sealed ones
    assert_all_verified(store, backend_store, tmp_path / "server-blobs")  # the server's files hash right

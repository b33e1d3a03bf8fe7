"""Attachment files sealed with the store key: found by the original's SHA-256, stored once, read back
decrypted in memory, never in clear on disk; clear files of an older profile converted safely."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from desktop.core.errors import StorageError
from desktop.scan.blobstore import BlobStore
from desktop.services import store_key
from desktop.services.attachments import blob_store, seal_clear_scans
from desktop.services.dossier_detail import attachment_file
from desktop.services.store_key import StoreKey
from desktop.store.engine import Store
from tests.sync_helpers import MemoryKeyring

SCAN = b"%PDF-1.4 giay to cua Tran Van Ba 079203004512\n" + os.urandom(3 * (1 << 20) // 2)  # 2 chunks


def _key() -> StoreKey:
    return StoreKey("k" * 32, os.urandom(32))


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_a_sealed_scan_is_found_by_its_original_hash_and_holds_nothing_in_clear(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path / "attachments", _key())
    blob = blobs.put(SCAN, pages=1)
    assert blob.sha256 == hashlib.sha256(SCAN).hexdigest() and blob.size == len(SCAN)
    [stored] = _files(blobs.root)
    data = stored.read_bytes()
    assert SCAN[:40] not in data and SCAN[-64:] not in data and b"Tran Van Ba" not in data
    assert blob.sha256 not in str(stored)  # the name tells nothing about the content
    assert blobs.exists(blob.sha256, len(SCAN)) and not blobs.exists(blob.sha256, len(SCAN) + 1)
    assert blobs.read(blob.sha256) == SCAN and blobs.verify(blob.sha256)
    assert blobs.put(SCAN, pages=1) == blob and _files(blobs.root) == [stored]  # stored once
    # another profile's key neither finds nor reads it
    other = BlobStore(blobs.root, _key())
    assert not other.exists(blob.sha256)
    with pytest.raises(StorageError):
        other.read(blob.sha256)


def test_an_altered_sealed_scan_is_named_damaged(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path / "attachments", _key())
    blob = blobs.put(SCAN, pages=1)
    path = blobs.path_for(blob.sha256)
    data = bytearray(path.read_bytes())
    data[-100] ^= 1
    path.chmod(0o600)
    path.write_bytes(bytes(data))
    assert not blobs.verify(blob.sha256)
    with pytest.raises(StorageError, match="bị thay đổi hoặc hỏng"):
        blobs.read(blob.sha256)


def test_a_profile_whose_key_is_locked_away_stores_nothing_in_clear(tmp_path: Path) -> None:
    (tmp_path / store_key.KEY_FILE).write_text("{}")
    blobs = BlobStore(tmp_path / "attachments")  # no key: the keyring did not give it
    assert blobs.locked
    with pytest.raises(StorageError, match="khoá khôi phục"):
        blobs.put(SCAN, pages=1)
    assert not (tmp_path / "attachments").exists()


def test_clear_files_are_sealed_once_verified_resumably(tmp_path: Path) -> None:
    root = tmp_path / "attachments"
    clear = BlobStore(root)
    scans = [SCAN[:1000] + bytes([n]) for n in range(3)]
    shas = [clear.put(s, pages=1).sha256 for s in scans]
    damaged = clear.clear_path(shas[2])
    damaged.chmod(0o600)
    damaged.write_bytes(b"not what it was")  # a clear file whose bytes no longer match its name
    (damaged.parent / ".tmp-cut").write_bytes(scans[0])  # a write cut by a power failure
    sealed = BlobStore(root, _key())
    sealed._write(sealed.path_for(shas[1]), scans[1])  # a run cut after sealing, before removing the clear
    progress: list[tuple[int, int]] = []
    tally = sealed.seal_clear_files(lambda done, total: progress.append((done, total)))
    assert (tally.sealed, tally.leftovers, tally.damaged) == (2, 1, (damaged,))
    assert progress[-1] == (5, 5)
    assert [sealed.read(sha) for sha in shas[:2]] == scans[:2]
    assert not clear.clear_path(shas[0]).exists() and not clear.clear_path(shas[1]).exists()
    again = sealed.seal_clear_files()
    assert (again.sealed, again.already, again.damaged) == (0, 2, (damaged,))
    assert all(scans[0][:200] not in p.read_bytes() for p in _files(root))


def test_the_viewer_gets_the_bytes_of_a_sealed_scan(
    ready_store: tuple[Store, object], memory_keyring: MemoryKeyring
) -> None:
    store, _ = ready_store
    before = blob_store(store).put(SCAN, pages=1)  # no store key yet: a clear file the viewer opens in place
    assert attachment_file(store, before.sha256) == blob_store(store).path_for(before.sha256)
    store_key.create_store_key(store.profile)
    tally = seal_clear_scans(store)  # the upgrade: done once, then marked done
    assert tally is not None and tally.sealed == 1 and seal_clear_scans(store) is None
    assert blob_store(store).sealed and attachment_file(store, before.sha256) == SCAN

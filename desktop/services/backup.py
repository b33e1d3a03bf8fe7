"""Verified backups: one sealed file (`desktop.core.sealed`) holding the store and the scans.

Inside the seal, a tar stream: `store/motcua.sqlite3` (SQLite's online backup of the live store, consistent
while the app runs), `store/store-key.json` (the store key wrapped by the recovery key), the scans
`attachments/aa/bb/<sha256>`, and last `manifest.json` (commune, workstation, created at, schema
version, each entry's SHA-256 and size). The clear header names the commune and workstation (no citizen
data) and carries the wrapped store key, so a restore on another PC needs only the recovery key.

Restoring: `desktop.services.restore`; the daily snapshots and the reminder: `desktop.services.snapshots`.
"""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import re
import tarfile
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from desktop.core.errors import StorageError, ValidationError
from desktop.core.sealed import (
    ALTERED,
    CHUNK,
    Header,
    SealedError,
    SealedReader,
    SealedWriter,
    file_key_for,
)
from desktop.core.sealed import read_header as read_sealed_header
from desktop.core.timeutil import now_local
from desktop.services import audit, store_key
from desktop.store import settings
from desktop.store.engine import Store
from desktop.store.faults import disk_full
from desktop.store.migrations import online_copy
from desktop.store.models import Unit
from desktop.store.profile import DB_NAME, SCHEMA_VERSION, Profile, os_reason
from desktop.store.workstation import workstation_number

PURPOSE = b"backup"
SUFFIX = ".mcbak"
MANIFEST = "manifest.json"
STORE_ENTRY = "store/" + DB_NAME
KEY_ENTRY = "store/" + store_key.KEY_FILE
_ENTRY = re.compile(
    r"^(store/(motcua\.sqlite3|store-key\.json)|attachments/[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64})$"
)
_BLOCK = 1 << 20

Progress = Callable[[int, int], None]  # (bytes done, bytes in all)


@dataclass(frozen=True)
class Entry:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    commune_code: str
    commune_name: str
    workstation: int
    created_at: datetime
    schema_version: int
    entries: tuple[Entry, ...] = field(default=())

    @property
    def scans(self) -> int:
        return sum(1 for e in self.entries if e.name.startswith("attachments/"))

    @property
    def size(self) -> int:
        return sum(e.size for e in self.entries)


# ---- creating -------------------------------------------------------------------------------------------


def _commune(store: Store) -> tuple[str, str, int]:
    with store.session() as session:
        unit_id = settings.get(session, settings.UNIT_ID)
        unit = session.get(Unit, int(unit_id)) if unit_id.isdigit() else None
        if unit is None:
            raise ValidationError(
                "Hồ sơ dữ liệu này chưa được thiết lập đơn vị (chạy thiết lập lần đầu trước)."
            )
        return unit.code, unit.name, workstation_number(session)


def backup_name(commune_code: str, workstation: int, at: datetime) -> str:
    return f"motcua-{commune_code}-may{workstation:02d}-{at:%Y%m%d-%H%M%S}{SUFFIX}"


def _scans(profile: Profile) -> list[tuple[str, Path]]:
    root = profile.attachments_dir
    found = []
    for path in sorted(root.glob("??/??/*")) if root.is_dir() else []:
        name = "attachments/" + path.relative_to(root).as_posix()
        if path.is_file() and _ENTRY.match(name):
            found.append((name, path))
    return found


def _add(
    tar: tarfile.TarFile, name: str, source: BinaryIO, size: int, done: Callable[[bytes], None]
) -> Entry:
    digest = hashlib.sha256()

    class Hashing:
        def read(self, n: int = -1) -> bytes:
            data = source.read(n)
            digest.update(data)
            done(data)
            return data

    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    tar.addfile(info, Hashing())
    return Entry(name, size, digest.hexdigest())


def create_backup(
    store: Store,
    to_dir: Path,
    key: store_key.StoreKey,
    progress: Progress | None = None,
    now: datetime | None = None,
    *,
    record: bool = True,
) -> BackupInfo:
    """Write one sealed backup of `store` into `to_dir`; on any failure (a full disk…) the partial file is
    removed, earlier backups untouched, and a StorageError says what happened."""
    profile = store.profile
    code, name, workstation = _commune(store)
    at = (now or now_local()).replace(microsecond=0)
    to_dir = Path(to_dir)
    final = to_dir / backup_name(code, workstation, at)
    for n in range(2, 100):  # never over an earlier backup of the same second
        if not final.exists():
            break
        final = final.with_name(backup_name(code, workstation, at).replace(SUFFIX, f"-{n}{SUFFIX}"))
    partial = to_dir / f".{final.name}.{uuid.uuid4().hex[:8]}.partial"
    wrapped = store_key.key_file(profile).read_text(encoding="utf-8")
    meta = {
        "commune_code": code,
        "commune_name": name,
        "workstation": workstation,
        "created_at": at.isoformat(),
    }
    with tempfile.TemporaryDirectory(prefix=".backup-", dir=profile.root) as work:
        snapshot = Path(work) / DB_NAME
        online_copy(profile.db_path, snapshot)
        sources: list[tuple[str, Path]] = [(STORE_ENTRY, snapshot), *_scans(profile)]
        total = sum(p.stat().st_size for _, p in sources) + len(wrapped.encode())
        fields = {"format": 1, **meta, "wrapped_key": json.loads(wrapped)}
        try:
            with _writing(partial) as fh:
                sealed = SealedWriter(fh, key, PURPOSE, fields)
                manifest = _write_entries(sealed, sources, wrapped, meta, _counter(total, progress))
                sealed.close()
            os.replace(partial, final)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise write_error(to_dir, exc) from None
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    info = info_from(final, manifest)
    if record:
        record_backup(store, info, verified=False)
    return info


def record_backup(store: Store, info: BackupInfo, verified: bool, officer_id: int | None = None) -> None:
    """The audit line of a backup made (or verified: then also the profile's last verified backup)."""
    if verified:
        mark_verified(store, info)
    with store.transaction() as session:
        action = audit.BACKUP_VERIFIED if verified else audit.BACKUP_CREATED
        audit.record(session, action, officer_id, detail=info.path.name)


@contextmanager
def _writing(path: Path) -> Iterator[BinaryIO]:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb", buffering=_BLOCK) as fh:
        yield fh
        fh.flush()
        os.fsync(fh.fileno())


def _counter(total: int, progress: Progress | None) -> Callable[[bytes], None]:
    done = 0

    def count(data: bytes) -> None:
        nonlocal done
        done += len(data)
        if progress is not None and data:
            progress(done, total)

    return count


def _write_entries(
    sealed: SealedWriter,
    sources: list[tuple[str, Path]],
    wrapped: str,
    meta: dict[str, Any],
    count: Callable[[bytes], None],
) -> dict[str, Any]:
    entries = []
    # whole chunks through the tar stream: with tarfile's 16 KiB copies (and its 10 KiB records re-sliced
    # from a growing buffer), reading, hashing and sealing 3.4 GiB took twice as long
    with tarfile.open(  # type: ignore[call-overload]
        fileobj=sealed, mode="w|", format=tarfile.PAX_FORMAT, bufsize=CHUNK, copybufsize=CHUNK
    ) as tar:
        for name, path in sources:
            with path.open("rb") as src:
                entries.append(_add(tar, name, src, path.stat().st_size, count))
        raw = wrapped.encode()
        entries.append(_add(tar, KEY_ENTRY, io.BytesIO(raw), len(raw), count))
        manifest = {**meta, "schema_version": SCHEMA_VERSION, "entries": [asdict(e) for e in entries]}
        body = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(body)
        tar.addfile(info, io.BytesIO(body))
    return manifest


def write_error(folder: Path, exc: OSError) -> StorageError:
    if exc.errno == errno.ENOSPC:
        return StorageError(
            f"{disk_full(folder)} Bản sao lưu dở dang đã được xoá; các bản sao lưu trước vẫn giữ nguyên.",
            str(folder),
        )
    return StorageError(
        f"Không ghi được bản sao lưu vào '{folder}' ({os_reason(exc)}); các bản sao lưu trước vẫn giữ nguyên.",
        str(folder),
    )


def info_from(path: Path, manifest: dict[str, Any]) -> BackupInfo:
    try:
        return BackupInfo(
            path=path,
            commune_code=str(manifest["commune_code"]),
            commune_name=str(manifest.get("commune_name", "")),
            workstation=int(manifest["workstation"]),
            created_at=datetime.fromisoformat(manifest["created_at"]),
            schema_version=int(manifest["schema_version"]),
            entries=tuple(
                Entry(str(e["name"]), int(e["size"]), str(e["sha256"])) for e in manifest["entries"]
            ),
        )
    except (KeyError, TypeError, ValueError):
        raise SealedError(ALTERED) from None


# ---- reading: verify and restore -----------------------------------------------------------------------

OTHER_COMMUNE = "Bản sao lưu này là của {theirs}, không phải của đơn vị trong hồ sơ dữ liệu này ({ours}): không dùng được ở đây."
MISSING = "Bản sao lưu thiếu nội dung '{name}' (không khớp bảng kê): tệp đã bị sửa đổi hoặc hỏng."
MISMATCH = (
    "Nội dung '{name}' trong bản sao lưu không khớp mã băm SHA-256 đã ghi: tệp đã bị sửa đổi hoặc hỏng."
)


def read_header(path: Path) -> Header:
    try:
        with Path(path).open("rb") as fh:
            return read_sealed_header(fh)
    except FileNotFoundError:
        raise ValidationError(f"Không có tệp '{path}'.") from None
    except IsADirectoryError:
        raise ValidationError(f"'{path}' là một thư mục, không phải tệp sao lưu.") from None


def key_for(header: Header, recovery_key: str | None = None) -> store_key.StoreKey:
    """The store key that opens a backup: the keyring's (same PC), or the recovery key's."""
    try:
        wrapped = store_key.WrappedKey.from_json(json.dumps(header.fields["wrapped_key"]))
    except (KeyError, TypeError, ValueError):
        raise SealedError(ALTERED) from None
    return store_key.unlock(wrapped, recovery_key)


def check_commune(header: Header, store: Store) -> None:
    """A backup checked against a profile must be that profile's commune's."""
    code, name, _ = _commune(store)
    theirs = str(header.fields.get("commune_code", ""))
    if theirs != code:
        their_name = str(header.fields.get("commune_name", ""))
        raise ValidationError(
            OTHER_COMMUNE.format(theirs=f"{their_name} ({theirs})", ours=f"{name} ({code})")
        )


def read_entries(
    path: Path, key: store_key.StoreKey, sink: Callable[[str], BinaryIO | None], progress: Progress | None
) -> dict[str, Any]:
    """Open, decrypt and hash every entry (written to `sink(name)` when it gives a file); the manifest
    once every entry matched it, else SealedError naming what is wrong."""
    with Path(path).open("rb", buffering=_BLOCK) as fh:
        header = read_sealed_header(fh)
        reader = SealedReader(fh, header, file_key_for(header, key, PURPOSE))
        seen: dict[str, Entry] = {}
        manifest: dict[str, Any] | None = None
        total = Path(path).stat().st_size
        count = _counter(total, progress)
        try:
            tar = tarfile.open(fileobj=reader, mode="r|")  # type: ignore[call-overload]
            for member in tar:
                if manifest is not None or not member.isfile():
                    raise SealedError(ALTERED)
                source = tar.extractfile(member)
                assert source is not None
                if member.name == MANIFEST:
                    manifest = json.loads(source.read())
                    continue
                if not _ENTRY.match(member.name) or member.name in seen:
                    raise SealedError(ALTERED)
                seen[member.name] = _copy_entry(member.name, source, sink(member.name), count)
            reader.finish()
        except (tarfile.TarError, ValueError, EOFError):
            raise SealedError(ALTERED) from None
    if manifest is None:
        raise SealedError(ALTERED)
    info = info_from(Path(path), manifest)
    for entry in info.entries:
        got = seen.pop(entry.name, None)
        if got is None:
            raise SealedError(MISSING.format(name=entry.name))
        if got != entry:
            raise SealedError(MISMATCH.format(name=entry.name))
    if seen or info.commune_code != header.fields.get("commune_code"):
        raise SealedError(ALTERED)
    return manifest


def _copy_entry(
    name: str, source: BinaryIO, target: BinaryIO | None, count: Callable[[bytes], None]
) -> Entry:
    digest = hashlib.sha256()
    size = 0
    try:
        while block := source.read(_BLOCK):
            digest.update(block)
            size += len(block)
            count(block)
            if target is not None:
                target.write(block)
    finally:  # a truncated or altered entry raises mid-way: the file is closed all the same
        if target is not None:
            target.close()
    return Entry(name, size, digest.hexdigest())


def verify_backup(
    path: Path,
    recovery_key: str | None = None,
    against: Store | None = None,
    progress: Progress | None = None,
    *,
    record: bool = True,
) -> BackupInfo:
    """Prove the backup opens and each entry matches its SHA-256; checked against `against`'s commune
    when given (and then recorded there as its last verified backup)."""
    header = read_header(path)
    if against is not None:
        check_commune(header, against)
    key = key_for(header, recovery_key)
    manifest = read_entries(Path(path), key, lambda _name: None, progress)
    info = info_from(Path(path), manifest)
    if against is not None and record:
        record_backup(against, info, verified=True)
    return info


def mark_verified(store: Store, info: BackupInfo) -> None:
    """The profile's last verified backup, for the reminder (an automatic snapshot: no audit line)."""
    with store.transaction() as session:
        settings.put(session, settings.LAST_VERIFIED_BACKUP, info.created_at.isoformat())

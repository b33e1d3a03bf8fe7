"""The content-addressed attachment store: one file per distinct content, found by its SHA-256.

Layout: `<attachments_dir>/<aa>/<bb>/<name>` (two shard levels keep folders small). A blob is written
to a temporary file in its shard folder, fsynced, renamed into place, and the folder is fsynced, all
BEFORE `put` returns; callers link it to a dossier (a database row) only afterwards, so a committed row
never points at a file a power cut could lose. Stored files are made read-only and never modified;
identical content is stored once (a second `put` finds the file and returns it).

Sealed (a profile with a store key): each file is sealed with `desktop.core.sealed` (AES-GCM chunks, a file
key from HKDF(store key, random salt, "motcua/scans")), and its name is HMAC-SHA-256 of the content's
SHA-256 under a key of its own ("motcua/scan-names"), so neither the bytes nor the name tell anything about
the scan (a known document cannot be confirmed by its hash). The SHA-256 that addresses a blob stays the
one of the ORIGINAL bytes: dedup, the rows and the sync (the province verifies the original's SHA-256) are
unchanged; reading decrypts on the fly, in memory. Without a store key (a profile set up before it, until
`seal_clear_files` converts it) the files are the clear bytes named by their SHA-256; a profile that has a
key this process could not unlock (`locked`) refuses to store a scan rather than keep it in clear.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import os
import re
import stat
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from desktop.core.errors import StorageError
from desktop.core.sealed import (
    CHUNK,
    KEY_FILE,
    MAGIC,
    SealedError,
    SealedReader,
    SealedWriter,
    StoreKey,
    file_key_for,
    read_header,
)
from sync.common.files import fsync_dir

_SHA = re.compile(r"^[0-9a-f]{64}$")
PDF_MIME = "application/pdf"
PURPOSE = b"scans"
NAMES = b"scan-names"
_TMP = ".tmp-"
_FIELDS = {"kind": "scan"}
NO_KEY = (
    "Không mở được khoá dữ liệu nên không đọc, không lưu được bản số hoá (kho mật khẩu của hệ điều hành bị "
    "khoá hoặc đây là máy khác). Hãy khởi động lại chương trình và nhập khoá khôi phục."
)
DAMAGED = "Tệp số hoá {short}… trong kho đã bị thay đổi hoặc hỏng (không khớp mã xác thực); hãy quét lại giấy tờ này."


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    pages: int
    mime: str = PDF_MIME


@dataclass(frozen=True)
class SealTally:
    """What `seal_clear_files` did: clear files sealed (and removed), already sealed, clear files whose bytes
    no longer match their name (left as they are, named to the officer), leftover temporary files removed."""

    sealed: int = 0
    already: int = 0
    damaged: tuple[Path, ...] = ()
    leftovers: int = 0


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_error(root: Path, exc: OSError) -> StorageError:
    return StorageError(
        f"Không lưu được bản số hoá vào '{root}': {exc.strerror or exc}. "
        "Hồ sơ chưa thay đổi; hãy kiểm tra ổ đĩa rồi thử lại.",
        str(root),
    )


class BlobStore:
    """Files under one root, found by the SHA-256 of their content; sealed when given the store key."""

    def __init__(self, root: Path, key: StoreKey | None = None) -> None:
        self.root = Path(root)
        self.key = key
        self._names = key.derive(NAMES) if key is not None else b""
        # a profile with a store key that this process could not unlock: nothing is stored in clear
        self.locked = key is None and (self.root.parent / KEY_FILE).exists()
        self._overhead: int | None = None

    @property
    def sealed(self) -> bool:
        return self.key is not None

    def clear_path(self, sha256: str) -> Path:
        """Where the clear file of `sha256` is (a profile without a store key, or not yet converted)."""
        if not _SHA.match(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def path_for(self, sha256: str) -> Path:
        """Where `sha256` is stored: its sealed file under a keyed name, or its clear file."""
        if self.key is None:
            return self.clear_path(sha256)
        if not _SHA.match(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        name = hmac.new(self._names, sha256.encode("ascii"), hashlib.sha256).hexdigest()
        return self.root / name[:2] / name[2:4] / name

    def sealed_size(self, size: int) -> int:
        """The size of the sealed file of `size` original bytes (header, then a length and a tag per chunk)."""
        if self._overhead is None:
            assert self.key is not None
            empty = io.BytesIO()
            SealedWriter(empty, self.key, PURPOSE, _FIELDS).close()
            self._overhead = len(empty.getvalue())
        return self._overhead + size + (max(1, -(-size // CHUNK)) - 1) * (_LEN_TAG)

    def exists(self, sha256: str, size: int | None = None) -> bool:
        """Whether `sha256` is stored (sealed, or still clear), of `size` original bytes when given."""
        if self.key is not None and self._sealed_exists(sha256, size):
            return True
        try:
            st = self.clear_path(sha256).stat()
        except (FileNotFoundError, ValueError):
            return False
        return size is None or st.st_size == size

    def _sealed_exists(self, sha256: str, size: int | None) -> bool:
        try:
            st = self.path_for(sha256).stat()
        except (FileNotFoundError, ValueError):
            return False
        return size is None or st.st_size == self.sealed_size(size)

    def put(self, data: bytes, pages: int, mime: str = PDF_MIME) -> StoredBlob:
        """Store `data` durably (fsynced file and folder) and return its identity."""
        digest = sha256_hex(data)
        blob = StoredBlob(digest, len(data), pages, mime)
        if self.locked:
            raise StorageError(NO_KEY, str(self.root))
        held = self.exists if self.key is None else self._sealed_exists  # a clear copy is sealed again
        if held(digest, len(data)):
            return blob
        self._write(self.path_for(digest), data)
        return blob

    def _write(self, target: Path, data: bytes) -> None:
        shard = target.parent
        tmp = shard / f"{_TMP}{uuid.uuid4().hex}"
        try:
            created = [p for p in (shard.parent, shard) if not p.exists()]
            shard.mkdir(parents=True, exist_ok=True)
            with open(tmp, "xb") as fh:
                if self.key is None:
                    fh.write(data)
                else:
                    writer = SealedWriter(fh, self.key, PURPOSE, _FIELDS)
                    writer.write(data)
                    writer.close()
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
            os.replace(tmp, target)
            fsync_dir(shard)
            for folder in created:  # new shard folders must be durable entries of their parents too
                fsync_dir(folder.parent)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise _write_error(self.root, exc) from exc

    @contextlib.contextmanager
    def open(self, sha256: str) -> Iterator[BinaryIO | SealedReader]:
        """The original bytes of `sha256` as a stream (`read`), decrypted on the fly when sealed."""
        missing = StorageError(f"Không tìm thấy tệp số hoá {sha256[:12]}… trong kho.", str(self.root))
        for path in (
            (self.path_for(sha256), self.clear_path(sha256)) if self.key else (self.clear_path(sha256),)
        ):
            try:
                fh = open(path, "rb")
            except (FileNotFoundError, ValueError):
                continue
            with fh:
                if fh.read(len(MAGIC)) != MAGIC:
                    fh.seek(0)
                    yield fh
                    return
                if self.key is None:
                    raise StorageError(NO_KEY, str(self.root))
                fh.seek(0)
                try:
                    header = read_header(fh)
                    yield SealedReader(fh, header, file_key_for(header, self.key, PURPOSE))
                except SealedError:
                    raise StorageError(DAMAGED.format(short=sha256[:12]), str(path)) from None
                return
        raise missing

    def read(self, sha256: str) -> bytes:
        """The original bytes of `sha256` (in memory; a sealed file is checked to its final chunk)."""
        with self.open(sha256) as stream:
            try:
                data = stream.read()
                if isinstance(stream, SealedReader):
                    stream.finish()
            except SealedError:
                raise StorageError(DAMAGED.format(short=sha256[:12]), str(self.root)) from None
        return data

    def verify(self, sha256: str) -> bool:
        """True when the stored file still hashes to its name."""
        try:
            return sha256_hex(self.read(sha256)) == sha256
        except StorageError:
            return False

    def seal_clear_files(self, progress: Callable[[int, int], None] | None = None) -> SealTally:
        """Convert the clear files of a profile that now has a store key: each is sealed, its sealed copy
        read back and checked against the SHA-256, and only then the clear file removed. Idempotent and
        resumable (a cut run leaves clear files, sealed ones or both, never neither); `progress(done, total)`."""
        if self.key is None:
            raise StorageError(NO_KEY, str(self.root))
        files = sorted(p for p in self.root.glob("??/??/*") if p.is_file())
        damaged: list[Path] = []
        sealed = already = leftovers = 0
        for done, path in enumerate(files, 1):
            if path.name.startswith(_TMP):  # a write cut short: never linked to anything
                path.unlink(missing_ok=True)
                leftovers += 1
            elif self._seal_one(path):
                sealed += 1
            elif _SHA.match(path.name) and not _is_sealed(path):
                damaged.append(path)
            else:
                already += 1
            if progress is not None and (done % 50 == 0 or done == len(files)):
                progress(done, len(files))
        return SealTally(sealed, already, tuple(damaged), leftovers)

    def _seal_one(self, path: Path) -> bool:
        if not _SHA.match(path.name) or _is_sealed(path):
            return False
        data = path.read_bytes()
        if sha256_hex(data) != path.name:
            return False
        target = self.path_for(path.name)
        if not (target.exists() and self.verify(path.name)):
            self._write(target, data)
            if not self.verify(path.name):
                raise StorageError(DAMAGED.format(short=path.name[:12]), str(target))
        try:
            path.unlink()
            fsync_dir(path.parent)
        except OSError as exc:
            raise _write_error(self.root, exc) from exc
        return True


_LEN_TAG = 4 + 16  # each chunk: its length, and the AES-GCM tag


def _is_sealed(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC

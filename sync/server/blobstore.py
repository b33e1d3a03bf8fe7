"""Where the provincial server keeps scans: a small storage interface and its filesystem implementation.

The tus router (`sync.server.tus`) only talks to `BlobStorage`: bytes of uploads in progress, appended
at an offset, and finished blobs named by their SHA-256, moved into place only after the whole file was
hashed and matched its name. `FileBlobStorage` (the default) keeps both under one folder:

    <root>/partial/<sha256>            an upload in progress (its size is the tus offset)
    <root>/<aa>/<bb>/<sha256>          a verified scan (read-only, never modified)

Every append and every finished blob is fsynced (file and folder) before the server answers, so a
server that restarts or loses power resumes from an offset it really holds. The folder may be any
mounted filesystem (NFS, CIFS, a SAN volume): `motcua-server --blob-dir /mnt/scans`. A full disk raises
`StorageFull` (the router answers 507 with Retry-After); the partial file is cut back to its last
offset so no half chunk stays.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
from pathlib import Path
from typing import BinaryIO, Protocol

from sync.common.files import fsync_dir

_SHA = re.compile(r"^[0-9a-f]{64}$")


class StorageFull(Exception):
    """No space left for the bytes of a scan (or quota exceeded)."""


class BlobStorage(Protocol):
    def size(self, sha256: str) -> int | None:
        """The size of the verified blob, or None when it is not held."""

    def partial_size(self, sha256: str) -> int | None:
        """The bytes received so far of an upload in progress, or None when there is none."""

    def begin(self, sha256: str) -> int:
        """Start (or find) the upload of `sha256`; returns its offset."""

    def append(self, sha256: str, offset: int, data: bytes) -> int:
        """Write `data` at `offset` (the end of the partial file) durably; returns the new offset."""

    def finish(self, sha256: str) -> bool:
        """Hash the whole partial file: on a match move it into place (True); otherwise delete it (False)."""

    def discard(self, sha256: str) -> None:
        """Forget an upload in progress."""

    def partials(self) -> list[tuple[str, int]]:
        """Every upload in progress: its SHA-256 and the bytes received so far."""

    def put(self, sha256: str, data: bytes) -> None:
        """Keep a whole scan received in one piece, already hashed to `sha256` by the caller, durably."""

    def open(self, sha256: str) -> BinaryIO:
        """The verified blob for reading."""


def _full(exc: OSError) -> bool:
    return exc.errno in (errno.ENOSPC, errno.EDQUOT)


class FileBlobStorage:
    """`BlobStorage` on a folder (local disk or a mounted shared filesystem); created on first write."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, sha256: str) -> Path:
        if not _SHA.match(sha256):
            raise ValueError("not a SHA-256 hex digest")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def _partial(self, sha256: str) -> Path:
        if not _SHA.match(sha256):
            raise ValueError("not a SHA-256 hex digest")
        return self.root / "partial" / sha256

    def size(self, sha256: str) -> int | None:
        try:
            return self._path(sha256).stat().st_size
        except FileNotFoundError:
            return None

    def partial_size(self, sha256: str) -> int | None:
        try:
            return self._partial(sha256).stat().st_size
        except FileNotFoundError:
            return None

    def begin(self, sha256: str) -> int:
        path = self._partial(sha256)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "ab") as fh:
                os.fsync(fh.fileno())
            fsync_dir(path.parent)
        except OSError as exc:
            if _full(exc):
                raise StorageFull(str(exc)) from None
            raise
        return path.stat().st_size

    def append(self, sha256: str, offset: int, data: bytes) -> int:
        path = self._partial(sha256)
        with open(path, "r+b") as fh:
            try:
                fh.seek(offset)
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            except OSError as exc:
                with contextlib.suppress(OSError):
                    fh.truncate(offset)  # no half chunk stays: the client re-sends it whole
                if _full(exc):
                    raise StorageFull(str(exc)) from None
                raise
        return offset + len(data)

    def finish(self, sha256: str) -> bool:
        partial = self._partial(sha256)
        digest = hashlib.sha256()
        with open(partial, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != sha256:
            partial.unlink(missing_ok=True)
            return False
        target = self._path(sha256)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(partial, 0o444)
            os.replace(partial, target)
            fsync_dir(target.parent)
        except OSError as exc:
            if _full(exc):
                raise StorageFull(str(exc)) from None
            raise
        return True

    def discard(self, sha256: str) -> None:
        self._partial(sha256).unlink(missing_ok=True)

    def partials(self) -> list[tuple[str, int]]:
        folder = self.root / "partial"
        if not folder.is_dir():
            return []
        found = []
        for path in folder.iterdir():
            if _SHA.match(path.name):
                with contextlib.suppress(FileNotFoundError):  # finished or discarded meanwhile
                    found.append((path.name, path.stat().st_size))
        return found

    def put(self, sha256: str, data: bytes) -> None:
        target = self._path(sha256)
        temporary = target.with_name(f".{sha256}.tmp")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(temporary, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(temporary, 0o444)
            os.replace(temporary, target)
            fsync_dir(target.parent)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            if _full(exc):
                raise StorageFull(str(exc)) from None
            raise

    def open(self, sha256: str) -> BinaryIO:
        return open(self._path(sha256), "rb")

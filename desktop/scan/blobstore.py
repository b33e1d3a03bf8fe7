"""The content-addressed attachment store: one file per distinct content, named by its SHA-256.

Layout: `<attachments_dir>/<aa>/<bb>/<sha256>` (two shard levels keep folders small). A blob is written
to a temporary file in its shard folder, fsynced, renamed into place, and the folder is fsynced, all
BEFORE `put` returns; callers link it to a dossier (a database row) only afterwards, so a committed row
never points at a file a power cut could lose. Stored files are made read-only and never modified;
identical content is stored once (a second `put` finds the file and returns it).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import uuid
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import StorageError
from sync.common.files import fsync_dir

_SHA = re.compile(r"^[0-9a-f]{64}$")
PDF_MIME = "application/pdf"


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    pages: int
    mime: str = PDF_MIME


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobStore:
    """Files under one root, named by the SHA-256 of their content."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        if not _SHA.match(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def exists(self, sha256: str, size: int | None = None) -> bool:
        try:
            st = self.path_for(sha256).stat()
        except (FileNotFoundError, ValueError):
            return False
        return size is None or st.st_size == size

    def put(self, data: bytes, pages: int, mime: str = PDF_MIME) -> StoredBlob:
        """Store `data` durably (fsynced file and folder) and return its identity."""
        digest = sha256_hex(data)
        blob = StoredBlob(digest, len(data), pages, mime)
        target = self.path_for(digest)
        if self.exists(digest, len(data)):
            return blob
        shard = target.parent
        tmp = shard / f".tmp-{uuid.uuid4().hex}"
        try:
            created = [p for p in (shard.parent, shard) if not p.exists()]
            shard.mkdir(parents=True, exist_ok=True)
            with open(tmp, "xb") as fh:
                fh.write(data)
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
            raise StorageError(
                f"Không lưu được bản số hoá vào '{self.root}': {exc.strerror or exc}. "
                "Hồ sơ chưa thay đổi; hãy kiểm tra ổ đĩa rồi thử lại.",
                str(self.root),
            ) from exc
        return blob

    def read(self, sha256: str) -> bytes:
        try:
            return self.path_for(sha256).read_bytes()
        except (FileNotFoundError, ValueError):
            raise StorageError(
                f"Không tìm thấy tệp số hoá {sha256[:12]}… trong kho.", str(self.root)
            ) from None

    def verify(self, sha256: str) -> bool:
        """True when the stored file still hashes to its name."""
        try:
            return sha256_hex(self.read(sha256)) == sha256
        except StorageError:
            return False

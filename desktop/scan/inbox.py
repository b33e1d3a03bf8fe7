"""The "scan to folder" inbox: network copiers drop files into a shared folder; we pick them up.

Polling (not inotify/ReadDirectoryChangesW) because SMB shares often deliver no change notifications,
and a poll every couple of seconds costs nothing. A file is taken only once it is *stable*: same size
and modification time on two polls at least `settle` seconds apart, since copiers write slowly over the
network. The inbox remembers what it already offered by (name, size, mtime).

A stable file is *claimed* before it is offered: renamed into the share's `taken/` subfolder (an atomic
rename, also on SMB), so every other scan panel of this application and every other workstation watching
the same share finds it gone: one paper lands in one dossier. The content is never changed: the copier's file
waits in `taken/` (under a new name when one of that name is already there). On a share where we may not
rename (read-only, or no delete right), the file is taken in place and a process-wide memory makes sure
this application offers it only once.

A taken file is a citizen's paper in clear outside the profile. In a profile whose scans are sealed (it
has a store key), `seal_original` moves it into the sealed attachment store once it has been imported: its
bytes are stored sealed (`BlobStore.put`: fsynced), read back and compared byte for byte, and only then is
the clear file removed. A file that cannot be removed (a share without delete right) is named to the
officer, who removes it by hand; the scan is then kept twice, never lost.
"""

from __future__ import annotations

import contextlib
import mimetypes
import os
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import StorageError
from desktop.scan.blobstore import PDF_MIME, BlobStore, StoredBlob, sha256_hex
from desktop.scan.importer import IMAGE_SUFFIXES
from sync.common.files import fsync_dir

SUFFIXES = IMAGE_SUFFIXES | {".pdf"}
TAKEN_DIR = "taken"

_taken_in_place: set[tuple[str, str, int, int]] = set()  # (folder, name, size, mtime_ns), this process
_taken_lock = threading.Lock()


@dataclass(frozen=True)
class InboxFile:
    path: Path
    size: int
    mtime_ns: int


class ScanInbox:
    """Watches one folder; `poll()` returns the files that became stable since the last poll."""

    def __init__(
        self, folder: Path, settle: float = 2.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.folder = Path(folder)
        self.settle = settle
        self._clock = clock
        self._pending: dict[Path, tuple[int, int, float]] = {}  # path -> (size, mtime_ns, first seen)
        self._offered: set[tuple[str, int, int]] = set()

    def _scan(self) -> list[InboxFile]:
        try:
            entries = list(self.folder.iterdir())
        except FileNotFoundError:
            raise StorageError(
                f"Không tìm thấy thư mục nhận bản quét '{self.folder}'.", str(self.folder)
            ) from None
        except OSError as exc:
            raise StorageError(
                f"Không đọc được thư mục nhận bản quét '{self.folder}': {exc.strerror}.", str(self.folder)
            ) from exc
        found = []
        for entry in entries:
            if entry.name.startswith((".", "~")) or entry.suffix.lower() not in SUFFIXES:
                continue
            try:
                st = entry.stat()
            except OSError:
                continue  # vanished or locked by the copier: try next time
            if entry.is_file():
                found.append(InboxFile(entry, st.st_size, st.st_mtime_ns))
        return found

    def skip_existing(self) -> int:
        """Treat the files already in the folder as offered (a copier's share keeps old scans); returns
        how many were skipped. Call once when watching starts; only files that arrive later are taken."""
        found = self._scan()
        for item in found:
            self._offered.add((item.path.name, item.size, item.mtime_ns))
        return len(found)

    def poll(self) -> list[InboxFile]:
        """Files whose size and time have not changed for `settle` seconds, claimed and offered once."""
        now = self._clock()
        ready: list[InboxFile] = []
        seen: set[Path] = set()
        for item in self._scan():
            seen.add(item.path)
            key = (item.path.name, item.size, item.mtime_ns)
            if key in self._offered:
                continue
            before = self._pending.get(item.path)
            if before is None or before[:2] != (item.size, item.mtime_ns):
                self._pending[item.path] = (item.size, item.mtime_ns, now)
                continue
            if item.size > 0 and now - before[2] >= self.settle:
                self._offered.add(key)
                del self._pending[item.path]
                claimed = self._claim(item)
                if claimed is not None:
                    ready.append(claimed)
        for gone in set(self._pending) - seen:
            del self._pending[gone]
        return sorted(ready, key=lambda f: (f.mtime_ns, f.path.name))

    def _claim(self, item: InboxFile) -> InboxFile | None:
        """Make the file ours alone (see the module doc); None when another panel or workstation has it."""
        taken = self.folder / TAKEN_DIR
        target = taken / item.path.name
        try:
            taken.mkdir(exist_ok=True)
            if target.exists():
                target = taken / f"{item.path.stem}-{uuid.uuid4().hex[:8]}{item.path.suffix}"
            os.rename(item.path, target)
        except FileNotFoundError:
            return None  # renamed away by someone else a moment ago
        except OSError:
            return self._claim_in_place(item)
        return InboxFile(target, item.size, item.mtime_ns)

    def _claim_in_place(self, item: InboxFile) -> InboxFile | None:
        key = (str(self.folder.resolve()), item.path.name, item.size, item.mtime_ns)
        with _taken_lock:
            if key in _taken_in_place:
                return None
            _taken_in_place.add(key)
        return item


def seal_original(blobs: BlobStore, path: Path, data: bytes, pages: int) -> StoredBlob:
    """Move the imported inbox file `path` (whose bytes are `data`) into the sealed store `blobs`: stored,
    read back and compared, then the clear file removed. A StorageError when the sealed copy does not
    read back identically (the file is left) or the file cannot be removed (the sealed copy is kept)."""
    mime = PDF_MIME if path.suffix.lower() == ".pdf" else mimetypes.guess_type(path.name)[0] or "image/*"
    stored = blobs.put(data, pages, mime)
    if sha256_hex(blobs.read(stored.sha256)) != sha256_hex(data):
        raise StorageError(
            f"Bản lưu mã hoá của tệp '{path.name}' không khớp với bản gốc: bản gốc được giữ nguyên trong "
            f"thư mục '{path.parent}'.",
            str(path),
        )
    try:
        path.unlink()
    except FileNotFoundError:
        pass  # gone already: the sealed copy is what is left
    except OSError as exc:
        raise StorageError(
            f"Bản quét '{path.name}' đã được cất (mã hoá) vào kho dữ liệu nhưng không xoá được bản gốc trong "
            f"thư mục '{path.parent}' ({exc.strerror or exc}). Bản gốc chưa mã hoá: hãy xoá tệp này bằng tay.",
            str(path),
        ) from exc
    with contextlib.suppress(OSError):  # a share may refuse a folder's fsync; the file is gone either way
        fsync_dir(path.parent)
    return stored

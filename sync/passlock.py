"""One sync pass at a time per profile, across threads and processes (the GUI and `motcua sync`).

An OS advisory lock on `<profile>/sync.lock` (fcntl on POSIX, msvcrt on Windows) is released by the
OS when the process dies, even by `kill -9`, so a crash never leaves a stale lock. Hand-written because
it is twenty lines and the `filelock` package is not otherwise a dependency.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import IO

_local_locks: dict[Path, threading.Lock] = {}
_guard = threading.Lock()


class PassLock:
    """Non-blocking: `acquire()` returns False when another pass holds the profile."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with _guard:
            self._thread_lock = _local_locks.setdefault(path.resolve(), threading.Lock())
        self._file: IO[bytes] | None = None

    def acquire(self) -> bool:
        if not self._thread_lock.acquire(blocking=False):
            return False
        try:
            handle = open(self.path, "a+b")
            try:
                _lock(handle)
            except OSError:
                handle.close()
                self._thread_lock.release()
                return False
        except OSError:
            self._thread_lock.release()
            raise
        self._file = handle
        return True

    def release(self) -> None:
        if self._file is not None:
            try:
                _unlock(self._file)
            finally:
                self._file.close()
                self._file = None
                self._thread_lock.release()


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


__all__ = ["PassLock"]

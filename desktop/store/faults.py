"""Storage faults named rightly: what an SQLite, SQLAlchemy or operating-system error means for the officer.

`classify(exc, path)` tells apart a damaged file, a full disk (also when SQLite only says "disk I/O error",
as it does when the WAL's shared memory cannot grow), read-only media, a missing write permission and a
lock held by another program past the busy timeout, looking at the filesystem where the error alone does
not tell (free space, the mount's read-only flag, write access). Each becomes a `StorageError` subclass
(`desktop.core.errors`) with one Vietnamese message saying what happened and what to do; anything else
is left to the caller (None). No Qt here: the commands print these messages, the GUI shows them.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.core.errors import (
    DamagedStoreError,
    DiskFullError,
    NotWritableError,
    StorageError,
    StoreLockedError,
)
from desktop.store import cipher

# SQLite's primary result codes (the low byte of the extended code Python's sqlite3 gives)
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26
# Below this much free space an I/O error is taken for a full disk: SQLite needs room for the WAL's
# shared memory (32 KB) and a transaction's pages, and reports their absence as a bare "disk I/O error".
FULL_MARGIN = 1024**2

_KEPT = "Dữ liệu đã lưu trước đó không bị mất."
_BACKUP_NAME = re.compile(r"-(\d{8}-\d{6})\.sqlite3$")


def _size(n: int) -> str:
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}".replace(".", ",")
    return f"{n} byte"


def _existing(path: Path) -> Path:
    """`path` or its nearest existing parent (free space and flags are asked of what exists)."""
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return path


def drive_of(path: Path) -> str:
    """The drive an officer would free space on: "C:\\" on Windows, else the mount point (e.g. "/home")."""
    resolved = _existing(path).resolve()
    if resolved.drive:
        return resolved.anchor
    for candidate in (resolved, *resolved.parents):
        if os.path.ismount(candidate):
            return str(candidate)
    return resolved.anchor or str(resolved)


def free_bytes(path: Path) -> int | None:
    try:
        return shutil.disk_usage(_existing(path)).free
    except OSError:
        return None


def nearly_full(path: Path) -> bool:
    free = free_bytes(path)
    return free is not None and free < FULL_MARGIN


def media_read_only(path: Path) -> bool:
    """Whether the filesystem holding `path` is mounted read-only (not known on Windows: False)."""
    statvfs = getattr(os, "statvfs", None)
    if statvfs is None:
        return False
    try:
        return bool(statvfs(_existing(path)).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _writable(path: Path) -> bool:
    target = _existing(path)
    effective = os.access in os.supports_effective_ids
    return os.access(target, os.W_OK, effective_ids=effective) and not media_read_only(target)


# ---- the faults ---------------------------------------------------------------------------------------


def disk_full(path: Path) -> DiskFullError:
    drive = drive_of(path)
    free = free_bytes(path)
    left = f" (chỉ còn {_size(free)})" if free is not None else ""
    return DiskFullError(
        f"Ổ đĩa {drive} đã đầy{left}: không ghi được dữ liệu, thao tác vừa rồi chưa được lưu. {_KEPT} "
        "Nội dung đang nhập vẫn được giữ nguyên. "
        f"Hãy giải phóng dung lượng trên ổ {drive} (xóa hoặc chuyển bớt tệp không cần) rồi thử lại.",
        str(path),
    )


def not_writable(path: Path) -> NotWritableError:
    where = _existing(path)
    if media_read_only(where):
        return NotWritableError(
            f"Ổ đĩa chứa '{where}' đang ở chế độ chỉ đọc: không ghi được dữ liệu. {_KEPT} "
            "Hãy kiểm tra ổ đĩa (khóa chống ghi của thẻ nhớ hoặc USB; ổ bị hệ điều hành chuyển sang chỉ đọc "
            "vì lỗi thì cần hỗ trợ kỹ thuật kiểm tra), rồi mở lại chương trình.",
            str(path),
        )
    kind = "Thư mục dữ liệu" if where.is_dir() else "Tệp"
    return NotWritableError(
        f"{kind} '{where}' chỉ đọc: không thể lưu hồ sơ. Tài khoản này không có quyền ghi vào đó; "
        "dữ liệu đã lưu trước đó không bị mất. Hãy nhờ quản trị máy cấp quyền ghi cho tài khoản này, "
        "hoặc chọn thư mục dữ liệu khác (--data-dir).",
        str(path),
    )


def locked(path: Path) -> StoreLockedError:
    return StoreLockedError(
        f"Cơ sở dữ liệu '{path}' đang bị khóa bởi chương trình khác (đã chờ mà chưa được nhả): thao tác vừa "
        f"rồi chưa được lưu. {_KEPT} Hãy đóng chương trình kia (một cửa sổ Một Cửa khác, công cụ sao lưu hoặc "
        "xem cơ sở dữ liệu) rồi thử lại.",
        str(path),
    )


def drive_error(path: Path) -> StorageError:
    return StorageError(
        f"Ổ đĩa chứa '{path}' báo lỗi đọc/ghi: thao tác vừa rồi chưa được lưu. {_KEPT} "
        "Hãy kiểm tra ổ đĩa (dây cắm, USB) rồi thử lại; nếu lỗi lặp lại, chạy `motcua doctor` và liên hệ "
        "hỗ trợ kỹ thuật.",
        str(path),
    )


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: datetime


def backups(backups_dir: Path) -> list[Backup]:
    """The profile's backups (`motcua-v<N>-<YYYYmmdd-HHMMSS>.sqlite3`), newest first."""
    found = []
    for path in backups_dir.glob("motcua-*.sqlite3"):
        match = _BACKUP_NAME.search(path.name)
        if match is None:
            continue
        try:
            found.append(Backup(path, datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")))
        except ValueError:
            continue
    return sorted(found, key=lambda b: b.made_at, reverse=True)


def is_sound(db: Path, pragma: str = "quick_check") -> bool:
    """Whether SQLite's `quick_check` (or `integrity_check`) finds `db` sound, read-only."""
    try:
        conn = cipher.connect(db, "mode=ro")
        try:
            return [r[0] for r in conn.execute(f"PRAGMA {pragma}").fetchall()] == ["ok"]
        finally:
            conn.close()
    except (sqlite3.Error, cipher.CipherError, StorageError):  # StorageError: encrypted, its key not at hand
        return False


def last_verified_backup(backups_dir: Path) -> Backup | None:
    """The newest backup that passes `quick_check` now (backups are made from a checked file)."""
    return next((b for b in backups(backups_dir) if is_sound(b.path)), None)


def damaged(path: Path, detail: str = "") -> DamagedStoreError:
    """The damaged-file message, naming the last verified backup and what was entered since."""
    reason = f" ({detail})" if detail else ""
    backup = last_verified_backup(path.parent / "backups")
    if backup is None:
        advice = (
            "Hồ sơ này chưa có bản sao lưu nào đã kiểm tra: đừng xóa hay chép đè tệp; hãy liên hệ hỗ trợ "
            "kỹ thuật để cứu dữ liệu."
        )
    else:
        when = f"{backup.made_at:%H:%M ngày %d/%m/%Y}"
        advice = (
            f"Hãy nhờ hỗ trợ kỹ thuật khôi phục bản sao lưu đã kiểm tra gần nhất '{backup.path}' (lập lúc "
            f"{when}); các hồ sơ và thao tác làm sau {when} sẽ phải nhập lại, nên ghi lại chúng từ màn hình "
            "trước khi khôi phục."
        )
    return DamagedStoreError(
        f"Tệp dữ liệu '{path}' bị hỏng{reason}. Chương trình không ghi gì thêm vào tệp này, chỉ cho xem và "
        f"in những gì còn đọc được. {advice}",
        str(path),
    )


# ---- classifying --------------------------------------------------------------------------------------


def _sqlite_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    text = str(exc).lower()  # no code (an error raised by Python's module itself): its wording
    for words, primary in (
        (("locked", "busy"), SQLITE_BUSY),
        (("full",), SQLITE_FULL),
        (("readonly", "read-only"), SQLITE_READONLY),
        (("malformed", "not a database"), SQLITE_CORRUPT),
        (("disk i/o",), SQLITE_IOERR),
    ):
        if any(w in text for w in words):
            return primary
    return None


def _from_sqlite(exc: sqlite3.Error, path: Path) -> StorageError | None:
    primary = _sqlite_code(exc)
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return locked(path)
    if primary == SQLITE_FULL:
        return disk_full(path)
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return damaged(path, str(exc))
    if primary in (SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_PERM):
        if nearly_full(path):
            return disk_full(path)
        if not _writable(path) or not _writable(path.parent):
            return not_writable(path)
        if primary in (SQLITE_READONLY, SQLITE_PERM):
            return not_writable(path)
        return drive_error(path) if primary == SQLITE_IOERR else None
    return None


def _from_os(exc: OSError, path: Path) -> StorageError | None:
    where = Path(exc.filename) if isinstance(exc.filename, str) else path
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return disk_full(where)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return not_writable(where)
    if exc.errno == errno.EIO:
        return disk_full(where) if nearly_full(where) else drive_error(where)
    return None


def classify(exc: BaseException, path: Path) -> StorageError | None:
    """The storage fault `exc` (met working on the database at `path`) is, or None when it is none."""
    if isinstance(exc, StorageError):
        return exc
    orig = getattr(exc, "orig", None)  # SQLAlchemy's DBAPIError wraps the driver's exception
    if isinstance(orig, BaseException):
        exc = orig
    if isinstance(exc, cipher.ERRORS):
        return _from_sqlite(exc, path)  # type: ignore[arg-type]  # SQLCipher's errors: the same attributes
    if isinstance(exc, OSError):
        return _from_os(exc, path)
    return None

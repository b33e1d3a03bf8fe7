"""Opening only a sound store: the quick check at open, and a lost database never taken for a new profile.

`check_at_open(db)` runs SQLite's `PRAGMA quick_check` on a read-only connection before anything writes
the file (no WAL set-up, no migration): a damaged file gives the `DamagedStoreError` the store then opens
read-only with. quick_check reads every page and checks the b-trees' structure without matching indexes
to their tables (`integrity_check`, 2.5x the time, is left to `motcua doctor` and to before a backup);
about 0.3 s for a profile of 20,000 dossiers (README, "Start-up time").

`refuse_lost_store(profile)`: a zero-byte database, a missing one or one without any table, in a folder
that shows a profile lived there (backups, scanned papers, printed documents, a non-empty
WAL), is refused with `LostStoreError`: setting up again would hand out dossier codes already
given to citizens. A truly new folder still gets the first-run setup.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.core.errors import DamagedStoreError, LostStoreError, StorageError
from desktop.store import cipher
from desktop.store.faults import classify, damaged, last_verified_backup
from desktop.store.profile import Profile

TIMEOUT_S = 5.0
EMPTY_AT_MOST = (
    64 * 1024
)  # a database without tables is one page (a few in a WAL left behind); ours are larger


def check_at_open(db: Path, pragma: str = "quick_check") -> DamagedStoreError | None:
    """The damage `pragma` finds in `db` (None: sound, or no database yet); other faults are raised."""
    if not db.is_file() or db.stat().st_size == 0:
        return None
    try:
        conn = cipher.connect(db, "mode=ro", timeout=TIMEOUT_S)
        try:
            problems = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
        finally:
            conn.close()
    except cipher.ERRORS as exc:
        fault = classify(exc, db)
        if isinstance(fault, DamagedStoreError):
            return fault
        if fault is not None:
            raise fault from exc
        raise
    if problems == ["ok"]:
        return None
    shown = "; ".join(problems[:2]) + (" …" if len(problems) > 2 else "")
    return damaged(db, f"{pragma}: {shown}")


def _is_empty(db: Path) -> bool:
    """No database, a zero-byte one, or one without any table (what a new profile starts from)."""
    if not db.is_file() or db.stat().st_size == 0:
        return True
    if db.stat().st_size > EMPTY_AT_MOST:
        return False  # has pages beyond the schema's: not opened, which costs a start nothing
    try:
        conn = cipher.connect(db, "mode=ro", timeout=TIMEOUT_S)
        try:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
    except (sqlite3.Error, cipher.CipherError, StorageError):
        return False  # unreadable: the quick check and the migrations say what it is
    return int(tables) == 0


def _has_file(folder: Path) -> bool:
    return folder.is_dir() and any(p.is_file() for p in folder.rglob("*"))


def traces(profile: Profile) -> list[str]:
    """What in the folder shows a profile was used there, in Vietnamese (empty: a new folder)."""
    found = []
    if _has_file(profile.backups_dir):
        found.append("bản sao lưu")
    if _has_file(profile.attachments_dir):
        found.append("giấy tờ đã quét")
    if _has_file(profile.output_dir):
        found.append("giấy tờ đã in")
    wal = profile.db_path.with_name(profile.db_path.name + "-wal")
    if wal.is_file() and wal.stat().st_size > 0:
        found.append("nhật ký ghi của cơ sở dữ liệu")
    return found


def refuse_lost_store(profile: Profile) -> None:
    """Raise LostStoreError for an empty database where a profile lived; a new folder passes."""
    db = profile.db_path
    if not _is_empty(db):
        return
    found = traces(profile)
    if not found:
        return
    what = (
        "không còn"
        if not db.exists()
        else "trống (0 byte)"
        if db.stat().st_size == 0
        else "không có bảng nào"
    )
    backup = last_verified_backup(profile.backups_dir)
    restore = (
        f"khôi phục bản sao lưu đã kiểm tra gần nhất '{backup.path}' (lập lúc {backup.made_at:%H:%M ngày %d/%m/%Y};"
        f" hồ sơ nhập sau lúc đó phải nhập lại)"
        if backup is not None
        else "tìm lại tệp dữ liệu"
    )
    raise LostStoreError(
        f"Tệp dữ liệu '{db}' {what}, nhưng thư mục '{profile.root}' đã từng được dùng ({', '.join(found)}). "
        "Chương trình không tạo lại hồ sơ mới ở đây: thiết lập lại sẽ cấp trùng mã hồ sơ đã trao cho công dân. "
        f"Hãy nhờ hỗ trợ kỹ thuật {restore}, hoặc chọn thư mục dữ liệu khác (--data-dir).",
        str(db),
    )

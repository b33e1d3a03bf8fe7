"""The store file encrypted with SQLCipher (`sqlcipher3`: SQLCipher 4, SQLite and OpenSSL in one wheel).

A profile with a store key (`store-key.json`, `desktop.services.store_key`) keeps its database encrypted
with a raw 256-bit key derived from the store key (`PRAGMA key = "x'…'"`: no PBKDF2, 0.2 ms a connection);
a profile without one yet keeps a plain SQLite file, opened with the standard library as before. Which one
a file is, its first 16 bytes tell: SQLite's header, or SQLCipher's random salt.

Every connection to a profile's database, or to a copy of it in `backups/`, is made here (`connect`), so the
engine, the peek before sign-in, the soundness checks, `motcua doctor` and the migrations' backups all open
either kind. The key comes from the key source the entry points install (`set_key_source`: the keyring
through the store key) or from `remember` (a key unlocked with the recovery key), cached per profile.

`encrypt_in_place` converts a plain database: exported with `sqlcipher_export` to a new file beside it,
fsynced, checked, then renamed over the plain one (atomic); cut half-way, the plain file is still there
and whole, and the next start converts again.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher  # type: ignore[import-untyped]

from desktop.core.errors import StorageError, StoreLockedError
from desktop.core.sealed import KEY_FILE  # in a profile: the store key wrapped by the recovery key

SQLITE_HEADER = b"SQLite format 3\x00"  # a plain database's first 16 bytes
ENCRYPTING = ".encrypting"  # suffix of the encrypted copy being made by `encrypt_in_place`

dbapi: Any = sqlcipher  # the DB-API module of encrypted connections (SQLAlchemy's `module=`)
# SQLCipher's DB-API classes, beside the standard library's (its errors carry the same attributes)
CipherError: type[Exception] = sqlcipher.Error
CipherDatabaseError: type[Exception] = sqlcipher.DatabaseError
CipherIntegrityError: type[Exception] = sqlcipher.IntegrityError
CipherConnection: type[Any] = sqlcipher.Connection
ERRORS = (sqlite3.Error, CipherError)
DATABASE_ERRORS = (sqlite3.DatabaseError, CipherDatabaseError)

KeySource = Callable[[Path], bytes | None]  # profile root -> its raw key; None: no store key yet
Progress = Callable[[float], None]  # 0.0 … 1.0

_sources: list[KeySource] = []  # the one installed, if any
_keys: dict[Path, bytes] = {}


def set_key_source(source: KeySource | None) -> None:
    """Where keys come from (installed by `desktop.cli` and the tests); clears the cache."""
    _sources[:] = [source] if source is not None else []
    _keys.clear()


def remember(root: Path, key: bytes) -> None:
    """Use `key` for the profile at `root` from now on in this process (e.g. unlocked by the recovery key)."""
    _keys[root.resolve()] = key


def forget(root: Path) -> None:
    _keys.pop(root.resolve(), None)


def no_key_error(db: Path) -> StorageError:
    return StorageError(
        f"Tệp dữ liệu '{db}' đã được mã hoá nhưng chưa có khoá để mở (kho mật khẩu của hệ điều hành bị khoá, "
        "chưa có, hoặc đây là máy khác). Hãy nhập khoá khôi phục đã in khi cài đặt.",
        str(db),
    )


def has_store_key(root: Path) -> bool:
    return (root / KEY_FILE).is_file()


def profile_key(root: Path) -> bytes | None:
    """The raw key of the profile at `root`: None when it has no store key yet (or no source is
    installed); the source's error (e.g. the keyring locked: ask for the recovery key) raised."""
    root = root.resolve()
    if root in _keys:
        return _keys[root]
    if not _sources or not has_store_key(root):
        return None
    key = _sources[0](root)
    if key is not None:
        _keys[root] = key
    return key


def is_encrypted(db: Path) -> bool:
    """A non-empty file whose header is not SQLite's (garbage is told apart only by the key failing)."""
    try:
        with db.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError:
        return False  # missing or unreadable: SQLite's own error says which
    return len(header) == len(SQLITE_HEADER) and header != SQLITE_HEADER


def _root_of(db: Path) -> Path:
    """The profile a database file belongs to: its folder, or the profile above `backups/`."""
    folder = db.resolve().parent
    return folder.parent if folder.name == "backups" else folder


def _is_new(db: Path) -> bool:
    try:
        return db.stat().st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False  # unreadable: SQLite's own error says why


def _is_profile_database(db: Path) -> bool:
    """`db` lies in a profile with a store key (its own database, not a copy in `backups/`: a copy is of
    the kind of its source)."""
    root = _root_of(db)
    return db.resolve().parent == root and has_store_key(root)


def key_for(db: Path) -> bytes | None:
    """The key `db` needs: None for a plain file; an encrypted one without a key is a StorageError. A
    database not made yet in a profile that has a store key (not a copy in `backups/`) is made encrypted
    from its first page, so nothing reaches the disk in clear (its key not at hand: the source's error,
    as for an encrypted one)."""
    if not is_encrypted(db) and not (_is_new(db) and _is_profile_database(db)):
        return None
    key = profile_key(_root_of(db))
    if key is None:
        raise no_key_error(db)
    return key


def key_pragma(key: bytes, schema: str = "") -> str:
    prefix = f"{schema}." if schema else ""
    return f"PRAGMA {prefix}key = \"x'{key.hex()}'\""


def connect(
    db: Path,
    query: str = "",
    *,
    key: bytes | None = None,
    timeout: float = 5.0,
    check_same_thread: bool = True,
) -> sqlite3.Connection:
    """A connection to `db` (`query`: URI parameters such as `mode=ro`), keyed when the file is encrypted
    (or `key` given, to create one). The standard library's connection for a plain file."""
    key = key if key is not None else key_for(db)
    uri = db.resolve().as_uri() + (f"?{query}" if query else "")
    if key is None:
        return sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=check_same_thread)
    conn = sqlcipher.connect(uri, uri=True, timeout=timeout, check_same_thread=check_same_thread)
    try:
        conn.execute(key_pragma(key))
    except BaseException:
        conn.close()
        raise
    return conn  # type: ignore[no-any-return]  # the same DB-API as sqlite3.Connection


# ---- converting a plain database -----------------------------------------------------------------------


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _verify(target: Path, key: bytes, user_version: int, tables: int) -> None:
    conn = connect(target, "mode=ro", key=key)
    try:
        ok = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()] == ["ok"]
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        count = int(conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
    finally:
        conn.close()
    if not ok or version != user_version or count != tables:
        raise StorageError(
            f"Bản mã hoá '{target}' không khớp với tệp dữ liệu gốc: tệp gốc được giữ nguyên, chưa mã hoá.",
            str(target),
        )


def _in_use(db: Path) -> StorageError:
    return StoreLockedError(
        f"Tệp dữ liệu '{db}' đang được chương trình khác mở: chưa mã hoá được lúc này (sẽ mã hoá ở lần mở "
        "sau). Dữ liệu không bị ảnh hưởng.",
        str(db),
    )


def encrypt_in_place(db: Path, key: bytes, progress: Progress | None = None) -> None:
    """Encrypt the plain database `db` with `key`: a new encrypted file beside it, fsynced and checked,
    then renamed over it. The plain file stays whole until that rename; a leftover copy from a conversion
    cut short is removed and made again. Another program having `db` open: StoreLockedError, nothing
    changed (the plain file is held exclusively from the check to the rename, so nobody writes to it
    meanwhile)."""
    target = db.with_name(db.name + ENCRYPTING)
    target.unlink(missing_ok=True)
    wal = db.with_name(db.name + "-wal")
    size = max(db.stat().st_size + (wal.stat().st_size if wal.exists() else 0), 1)
    src = sqlcipher.connect(str(db), timeout=0.2)  # no key: plain
    try:
        src.isolation_level = None
        src.execute("PRAGMA locking_mode=EXCLUSIVE")  # every lock taken is kept until close
        try:  # leaving WAL needs every other connection closed; its write takes the exclusive lock
            mode = src.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        except sqlcipher.OperationalError as exc:
            raise _in_use(db) from exc
        if str(mode).lower() != "delete":
            raise _in_use(db)
        user_version = int(src.execute("PRAGMA user_version").fetchone()[0])
        tables = int(src.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
        if progress is not None:

            def tick() -> int:
                written = target.stat().st_size if target.exists() else 0
                progress(min(written / size, 0.99))
                return 0  # go on

            src.set_progress_handler(tick, 5_000)  # virtual machine steps
        src.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(target),))
        src.execute("PRAGMA encrypted.cache_size = 256")  # pages reach the file as they are made: progress
        src.execute("SELECT sqlcipher_export('encrypted')")
        src.execute(f"PRAGMA encrypted.user_version = {user_version}")
        src.execute("DETACH DATABASE encrypted")
        src.set_progress_handler(None, 0)
        _fsync(target)
        _verify(target, key, user_version, tables)
        if os.name == "nt":  # Windows renames nothing that is open
            src.close()
        os.replace(target, db)
        _fsync(db.parent)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    if progress is not None:
        progress(1.0)


def needs_encrypting(db: Path) -> bool:
    """A plain, non-empty database in a profile that has a store key (whose key is available)."""
    if not db.is_file() or db.stat().st_size == 0 or is_encrypted(db):
        return False
    return has_store_key(_root_of(db))

"""Opening the local store: the SQLite engine and its pragmas, set in one place, and the session factory.

The profile folder and the checks made before SQLAlchemy is imported live in `desktop.store.profile`
(re-exported here); environment problems raise a `StorageError` subclass with a Vietnamese message naming
the path (`desktop.store.faults`: damaged, disk full, not writable, locked). The store is quick-checked
before anything writes it (`desktop.store.soundness`): a damaged file opens read-only (`Store.damaged`),
every write refused with the damage's message; an empty database where a profile lived is refused.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from desktop.core.errors import AppError, DamagedStoreError, NotWritableError, StorageError, StoreLockedError
from desktop.store import cipher
from desktop.store.faults import classify
from desktop.store.profile import (
    DB_NAME,
    SQLITE_HEADER,
    Profile,
    check_database_file,
    default_data_dir,
    folder_error,
    is_writable,
    os_reason,
    prepare_profile,
    profile_root,
    read_only_error,
)

__all__ = [  # the profile's names too: the rest of the code finds them here
    "BUSY_TIMEOUT_MS",
    "DB_NAME",
    "SQLITE_HEADER",
    "Profile",
    "Store",
    "check_database_file",
    "default_data_dir",
    "folder_error",
    "is_writable",
    "make_engine",
    "open_store",
    "os_reason",
    "prepare_profile",
    "profile_root",
    "read_only_error",
    "translate_storage_errors",
]

IMMEDIATE = "motcua_immediate"  # execution option: begin the transaction with the write lock
BUSY_TIMEOUT_MS = 10_000  # how long a write waits for another program's lock before "locked" is reported


def _set_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()
    # Python's sqlite3 (before 3.12) opens transactions itself, and only before INSERT/UPDATE/DELETE: DDL
    # and reads would run outside any transaction, so a failed migration step could not be rolled back.
    # Let SQLAlchemy's begin() issue the BEGIN instead (SQLAlchemy's documented pysqlite recipe).
    dbapi_conn.isolation_level = None


def _begin(conn: Connection) -> None:
    # A write transaction takes the write lock at its BEGIN (IMMEDIATE), where the busy timeout applies: a
    # deferred one that reads first and then writes gets "database is locked" at once when another
    # process holds the lock (SQLite cannot wait there without risking a deadlock), whatever the timeout.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(IMMEDIATE) else "BEGIN")


def _set_read_only_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    dbapi_conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
    dbapi_conn.isolation_level = None


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine on the SQLite file with WAL, foreign keys and synchronous=FULL on every connection; an
    encrypted file (`desktop.store.cipher`) is opened through SQLCipher with its profile's key.

    `read_only`: connections opened with SQLite's `mode=ro` (no WAL set-up, no checkpoint on close), for a
    damaged file that must never be written."""
    # hide_parameters: an SQL error's text (logged with a crash) never carries names or ID numbers
    key = cipher.key_for(path)
    if read_only or key is not None:
        query = "mode=ro" if read_only else ""

        def connect() -> sqlite3.Connection:
            return cipher.connect(path, query, key=key, check_same_thread=False)

        # `module`: SQLAlchemy wraps SQLCipher's exceptions (IntegrityError…) as it does sqlite3's
        options: dict[str, Any] = {"module": cipher.dbapi} if key is not None else {}
        engine = create_engine(
            "sqlite://", creator=connect, poolclass=QueuePool, future=True, hide_parameters=True, **options
        )
        event.listen(engine, "connect", _set_read_only_pragmas if read_only else _set_pragmas)
    else:
        engine = create_engine(f"sqlite:///{path}", future=True, hide_parameters=True)
        event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


class Store:
    """The open local store of one profile: engine plus session factory.

    `damaged`: the quick check at open found the file damaged; the engine is read-only and every write
    (`transaction`, or a commit from `session`) raises this error instead."""

    def __init__(self, profile: Profile, engine: Engine, damaged: DamagedStoreError | None = None) -> None:
        self.profile = profile
        self.engine = engine
        self.damaged = damaged
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def read_only(self) -> bool:
        return self.damaged is not None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading; nothing is committed. A damaged or locked file raises StorageError."""
        with self._sessions() as session, translate_storage_errors(self.profile.db_path, self._refusal):
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed on success, rolled back on any error; refused on a damaged file."""
        if self.damaged is not None:
            raise self.damaged
        with self._sessions() as session, translate_storage_errors(self.profile.db_path, self._refusal):
            with session.begin():
                session.connection(execution_options={IMMEDIATE: True})  # BEGIN IMMEDIATE (`_begin`)
                yield session

    def _refusal(self, fault: StorageError) -> StorageError:
        """Damage met while reading makes the store refuse writes from then on; on a damaged file a write
        fails as read-only: the officer is told about the damage."""
        if isinstance(fault, DamagedStoreError):
            self.damaged = self.damaged or fault
            return fault
        if self.damaged is not None and isinstance(fault, NotWritableError):  # its `mode=ro` refusing
            return self.damaged
        return fault

    def close(self) -> None:
        self.engine.dispose()


@contextmanager
def translate_storage_errors(
    path: Path, refusal: Callable[[StorageError], StorageError] | None = None
) -> Iterator[None]:
    """Turn SQLite's environment errors (and the operating system's) into the `StorageError` subclass an
    officer understands (`desktop.store.faults.classify`); `refusal` may replace the fault found."""
    try:
        yield
    except (
        DatabaseError,
        sqlite3.Error,
        cipher.CipherError,
        OSError,
    ) as exc:  # "malformed" pages are DatabaseError itself
        if isinstance(exc, IntegrityError | sqlite3.IntegrityError | cipher.CipherIntegrityError):
            raise  # a broken rule is a bug or a validation gap, not the environment
        fault = classify(exc, path)
        if fault is None:
            raise
        raise (refusal(fault) if refusal is not None else fault) from exc


# The damage of every store this process opened read-only, for the command line to warn about after a
# command that only read (`desktop.cli`); the GUI says it at start (`desktop.ui.app`).
opened_damaged: list[DamagedStoreError] = []


def _open_damaged(profile: Profile, damage: DamagedStoreError) -> Store:
    """A damaged file opened read-only when this version can read it as it is; else the damage raised."""
    from desktop.store import migrations

    engine = make_engine(profile.db_path, read_only=True)
    try:
        with translate_storage_errors(profile.db_path, lambda _fault: damage):
            version = migrations.check_version(engine, profile.db_path)
    except Exception:
        engine.dispose()
        raise
    if version != migrations.LATEST:  # reading it would need a migration, which writes
        engine.dispose()
        raise damage
    opened_damaged.append(damage)
    return Store(profile, engine, damaged=damage)


def open_store(data_dir: Path | None = None, *, migrate: bool = True) -> Store:
    """Prepare the profile, check its database and bring the schema up to date; a damaged database opens
    read-only (`Store.damaged`), an empty one where a profile lived is refused."""
    from desktop.store import migrations
    from desktop.store.soundness import check_at_open, refuse_lost_store

    profile = prepare_profile(data_dir)
    check_database_file(profile.db_path)
    refuse_lost_store(profile)
    damage = check_at_open(profile.db_path)
    if damage is not None:
        return _open_damaged(profile, damage)
    engine = make_engine(profile.db_path)
    with translate_storage_errors(profile.db_path):
        try:
            if migrate:
                migrations.upgrade(engine, profile)
            else:
                migrations.check_version(engine, profile.db_path)
        except Exception:
            engine.dispose()
            raise
    return Store(profile, engine)


def encrypt(profile: Profile, progress: cipher.Progress | None = None, *, backup: bool = True) -> bool:
    """Encrypt the profile's plain database in place when it has a store key whose key is at hand (from
    the keyring, or unwrapped by the recovery key typed at start: without either it stays plain until a
    start that has it), after a verified backup into `backups/` (the
    migrations' kind; `backup=False` for a database just made); those backups are encrypted too. True when
    it was converted; another program with the file open (even idle) leaves it plain until a later start.
    Called by the GUI at start before its
    store opens, and by `motcua setup` with its store closed: this process must hold no connection to
    the plain file (SQLCipher's SQLite and Python's are two libraries that do not see each other's locks).
    """
    from desktop.store import migrations

    db = profile.db_path
    if not cipher.needs_encrypting(db):
        return False
    try:
        key = cipher.profile_key(profile.root)
    except AppError:
        return False
    if key is None:
        return False
    with translate_storage_errors(db):
        if backup:
            conn = cipher.connect(db, "mode=ro")
            try:
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            finally:
                conn.close()
            migrations.backup(db, profile.backups_dir, version)  # integrity-checked, then checked again
        try:
            cipher.encrypt_in_place(db, key, progress)
        except StoreLockedError:  # another program has it open: converted at a later start
            return False
        for old in sorted(profile.backups_dir.glob("motcua-v*.sqlite3")):
            if not cipher.is_encrypted(old):
                cipher.encrypt_in_place(old, key)
    return True

"""Opening the local store: the SQLite engine and its pragmas, set in one place, and the session factory.

The profile folder and the checks made before SQLAlchemy is imported live in `desktop.store.profile`
(re-exported here); environment problems raise `StorageError` with a Vietnamese message naming the path.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.errors import StorageError
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
    storage_message,
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
    "storage_message",
    "translate_storage_errors",
]

IMMEDIATE = "motcua_immediate"  # execution option: begin the transaction with the write lock
BUSY_TIMEOUT_MS = 5000  # how long a write waits for another program's lock before "locked" is reported


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


def make_engine(path: Path) -> Engine:
    """An engine on the SQLite file with WAL, foreign keys and synchronous=FULL on every connection."""
    # hide_parameters: an SQL error's text (logged with a crash) never carries names or ID numbers
    engine = create_engine(f"sqlite:///{path}", future=True, hide_parameters=True)
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


class Store:
    """The open local store of one profile: engine plus session factory."""

    def __init__(self, profile: Profile, engine: Engine) -> None:
        self.profile = profile
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading; nothing is committed. A damaged or locked file raises StorageError."""
        with self._sessions() as session, translate_storage_errors(self.profile.db_path):
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed on success, rolled back on any error."""
        with self._sessions() as session, translate_storage_errors(self.profile.db_path):
            with session.begin():
                session.connection(execution_options={IMMEDIATE: True})  # BEGIN IMMEDIATE (`_begin`)
                yield session

    def close(self) -> None:
        self.engine.dispose()


@contextmanager
def translate_storage_errors(path: Path) -> Iterator[None]:
    """Turn SQLite's environment errors into StorageError with a message an officer understands."""
    try:
        yield
    except DatabaseError as exc:  # OperationalError, and "malformed" pages (DatabaseError itself)
        if isinstance(exc, IntegrityError):
            raise  # a broken rule is a bug or a validation gap, not the environment
        msg = storage_message(path, str(exc.orig))
        if msg is None:
            raise
        raise StorageError(msg, str(path)) from exc


def open_store(data_dir: Path | None = None, *, migrate: bool = True) -> Store:
    """Prepare the profile, open its database and bring the schema up to date."""
    from desktop.store import migrations

    profile = prepare_profile(data_dir)
    check_database_file(profile.db_path)
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

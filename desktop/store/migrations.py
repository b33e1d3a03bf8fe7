"""Ordered schema migrations of the local store, keyed by SQLite's `PRAGMA user_version`.

Written by hand rather than with Alembic because the local store is only ever SQLite, must upgrade inside a
frozen PyInstaller bundle without a script folder, and needs exactly three things Alembic leaves to us
anyway: back up the file before migrating, run each step in one transaction together with the version
bump, and refuse a database newer than the code. (The provincial server, which does run on PostgreSQL,
creates its schema itself.)

A new database is created from the current models and stamped with the latest version; an existing one
runs the missing steps in order. `tests/unit/test_migrations.py` checks that both paths give the same
schema. To change the schema: edit the models, append a step to `STEPS`, never edit a released step.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Engine, text

from desktop.core.errors import StorageError
from desktop.core.timeutil import now_local
from desktop.store.engine import Profile
from desktop.store.models import Base

# SQL run after the tables exist: full-text search over the folded search column, kept in step by triggers.
SEARCH_DDL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS dossier_fts USING fts5("
    "search_text, content='dossiers', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS dossiers_fts_ai AFTER INSERT ON dossiers BEGIN "
    "INSERT INTO dossier_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS dossiers_fts_ad AFTER DELETE ON dossiers BEGIN "
    "INSERT INTO dossier_fts(dossier_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS dossiers_fts_au AFTER UPDATE OF search_text ON dossiers BEGIN "
    "INSERT INTO dossier_fts(dossier_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); "
    "INSERT INTO dossier_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END",
    # Events are append-only: the store itself refuses to delete or rewrite history.
    "CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events BEGIN "
    "SELECT RAISE(ABORT, 'events are append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS events_no_rewrite BEFORE UPDATE OF uuid, dossier_id, seq, type, payload, "
    "hash, prev_hash ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END",
]


def _create_current(conn: Connection) -> None:
    Base.metadata.create_all(conn)
    for statement in SEARCH_DDL:
        conn.exec_driver_sql(statement)


# Step N upgrades a database at version N-1 to version N. Step 1 is the first released schema.
STEPS: list[Callable[[Connection], None]] = [_create_current]
LATEST = len(STEPS)


def current_version(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())


def _is_empty(conn: Connection) -> bool:
    count = conn.execute(text("SELECT count(*) FROM sqlite_master WHERE type='table'")).scalar_one()
    return int(count) == 0


def check_version(engine: Engine, db_path: Path) -> int:
    """Refuse a database written by a newer version of the application."""
    with engine.connect() as conn:
        version = current_version(conn)
    if version > LATEST:
        raise StorageError(
            f"Cơ sở dữ liệu '{db_path}' được tạo bởi phiên bản mới hơn của Một Cửa (lược đồ {version}, "
            f"phiên bản này hỗ trợ đến {LATEST}). Hãy cập nhật chương trình; tệp được giữ nguyên.",
            str(db_path),
        )
    return version


def backup(db_path: Path, backups_dir: Path, version: int) -> Path:
    """Copy the database consistently (SQLite's online backup) before a migration."""
    stamp = now_local().strftime("%Y%m%d-%H%M%S")
    target = backups_dir / f"motcua-v{version}-{stamp}.sqlite3"
    src = sqlite3.connect(db_path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def upgrade(engine: Engine, profile: Profile) -> int:
    """Bring the schema to LATEST; returns the version the database had before."""
    version = check_version(engine, profile.db_path)
    if version == LATEST:
        return version
    with engine.connect() as conn:
        empty = _is_empty(conn)
    if version == 0 and not empty:
        raise StorageError(
            f"Tệp '{profile.db_path}' là một cơ sở dữ liệu SQLite khác, không phải của Một Cửa. "
            "Tệp được giữ nguyên; hãy chọn thư mục dữ liệu khác.",
            str(profile.db_path),
        )
    if empty:
        with engine.begin() as conn:
            _create_current(conn)
            conn.exec_driver_sql(f"PRAGMA user_version={LATEST}")
        return 0
    shutil.disk_usage(profile.backups_dir)  # raises early on a vanished folder
    backup(profile.db_path, profile.backups_dir, version)
    for number in range(version + 1, LATEST + 1):
        with engine.begin() as conn:
            STEPS[number - 1](conn)
            conn.exec_driver_sql(f"PRAGMA user_version={number}")
    return version

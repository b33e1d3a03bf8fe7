"""The reference server's schema migrations (alembic, configured from code: no alembic.ini).

Every start of `motcua-server` (serving or any admin command) calls `upgrade_to_head` before anything else:

- an empty database is built by running every revision, so there is one path to the current schema;
- a database created before these migrations existed (the tables, no `alembic_version`) is stamped with
  the newest revision whose schema it already has (`_PRE_ALEMBIC`), then upgraded;
- a database stamped with a revision this code does not know (written by a newer server) is refused
  (`SchemaTooNew`, Vietnamese message; the command line exits 2) and left untouched.

It all happens in one transaction: PostgreSQL's DDL is transactional, and on SQLite the connection is
switched to explicit `BEGIN IMMEDIATE` (Python's sqlite3 would otherwise run DDL outside any
transaction). Two servers starting at once on one database are serialised (SQLite's write lock, a
PostgreSQL advisory lock). A new revision is a file in `versions/` whose `down_revision` is the previous
head; revisions are one-way (downgrades raise), and a test checks that the migrated schema equals the models.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, inspect, text

from sync.common.errors import StorageError

BASELINE = "0001_baseline"
# (table, column, revision): a pre-alembic database that has the column (or, column None, the table)
# already has that revision's schema.
_PRE_ALEMBIC: tuple[tuple[str, str | None, str], ...] = (
    ("devices", "workstation", "0002_device_workstation"),
    ("devices", "confirmed_at", "0003_pending_enrolment"),
    ("officers", "unit_admin", "0004_unit_admin"),
    ("blobs", None, "0005_blobs"),
    ("changes", None, "0006_changes"),
    ("changes", "origin_device_id", "0007_change_origin"),
    ("time_limit_corrections", None, "0008_time_limit_corrections"),
)
_PG_LOCK = 0x6D6F_6375_6100  # pg_advisory_xact_lock key of the migrations ("mocua")


class SchemaTooNew(StorageError):
    """The database was migrated by a newer server than this one."""


def _config(connection: Connection | None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent))
    config.attributes["connection"] = connection  # read by env.py
    return config


def head() -> str:
    """The newest revision this code knows."""
    return str(ScriptDirectory.from_config(_config(None)).get_current_head())


def current_revisions(connection: Connection) -> tuple[str, ...]:
    return tuple(MigrationContext.configure(connection).get_current_heads())


@contextmanager
def _transaction(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as conn:
        if engine.dialect.name != "sqlite":
            with conn.begin():
                if engine.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
                yield conn
            return
        dbapi = conn.connection.dbapi_connection
        saved = dbapi.isolation_level  # type: ignore[union-attr]
        dbapi.isolation_level = None  # type: ignore[union-attr]
        try:
            with conn.begin():
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                yield conn
        finally:
            dbapi.isolation_level = saved  # type: ignore[union-attr]


def _pre_alembic_revision(connection: Connection) -> str | None:
    inspector = inspect(connection)
    if not inspector.has_table("units"):
        return None
    revision = BASELINE
    for table, column, newer in _PRE_ALEMBIC:
        if not inspector.has_table(table):
            continue
        if column is None or column in {c["name"] for c in inspector.get_columns(table)}:
            revision = newer
    return revision


def upgrade_to_head(engine: Engine) -> None:
    """Bring the database to the newest revision in one transaction (see the module docstring)."""
    with _transaction(engine) as conn:
        config = _config(conn)
        script = ScriptDirectory.from_config(config)
        current = current_revisions(conn)
        for revision in current:
            try:
                script.get_revision(revision)
            except CommandError:
                raise SchemaTooNew(
                    f"Cơ sở dữ liệu của máy chủ tỉnh đã được nâng cấp lên phiên bản lược đồ '{revision}', "
                    f"mới hơn phiên bản chương trình này biết ('{script.get_current_head()}'). "
                    "Hãy cài phiên bản motcua-server mới hơn; chương trình không thay đổi gì "
                    "trong cơ sở dữ liệu."
                ) from None
        if not current:
            stamped = _pre_alembic_revision(conn)
            if stamped is not None:
                command.stamp(config, stamped)
        command.upgrade(config, "head")

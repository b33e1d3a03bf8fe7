"""Migrations: a new database has exactly the models' schema; upgrades are ordered, backed up, atomic.

When a release adds migration step N+1, commit the schema of version N as `tests/unit/schemas/vN.sql`
(`python -m tests.unit.test_migrations` prints it): `test_upgrade_from_every_released_version` then builds
each older database from its snapshot, upgrades it, and requires the result to equal a fresh database.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine

from desktop.store import migrations
from desktop.store.engine import open_store
from desktop.store.models import Base

SNAPSHOTS = Path(__file__).parent / "schemas"


def schema(db: Path) -> list[tuple[str, str, str]]:
    """(type, name, normalised SQL) of every schema object, FTS shadow tables included, sorted."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchall()
    finally:
        con.close()
    return sorted((kind, name, re.sub(r"\s+", " ", sql or "").strip()) for kind, name, sql in rows)


def user_version(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute("PRAGMA user_version").fetchone()[0])
    finally:
        con.close()


def from_models(db: Path) -> None:
    """The schema straight from the models plus the search DDL, without the migration runner."""
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        Base.metadata.create_all(conn)
        for statement in migrations.SEARCH_DDL:
            conn.exec_driver_sql(statement)
    engine.dispose()


def test_new_database_has_the_models_schema_at_the_latest_version(tmp_path: Path) -> None:
    open_store(tmp_path / "app").close()
    from_models(tmp_path / "models.sqlite3")
    fresh = schema(tmp_path / "app" / "motcua.sqlite3")
    assert fresh == schema(tmp_path / "models.sqlite3")
    assert user_version(tmp_path / "app" / "motcua.sqlite3") == migrations.LATEST
    names = {name for _, name, _ in fresh}
    assert {"dossiers", "events", "dossier_fts", "dossiers_fts_ai", "events_no_delete"} <= names
    assert {t.name for t in Base.metadata.sorted_tables} <= names


def test_every_released_version_has_a_snapshot() -> None:
    missing = [v for v in range(1, migrations.LATEST) if not (SNAPSHOTS / f"v{v}.sql").exists()]
    assert not missing, f"commit the schema of versions {missing} under {SNAPSHOTS} (see module docstring)"


@pytest.mark.parametrize("version", range(1, migrations.LATEST))
def test_upgrade_from_every_released_version(tmp_path: Path, version: int) -> None:
    old = tmp_path / "old"
    old.mkdir()
    _snapshot_db(old / "motcua.sqlite3", version)
    open_store(old).close()
    open_store(tmp_path / "new").close()
    assert schema(old / "motcua.sqlite3") == schema(tmp_path / "new" / "motcua.sqlite3")
    assert list((old / "backups").glob(f"motcua-v{version}-*.sqlite3"))


def _snapshot_db(path: Path, version: int) -> None:
    """A database file with the committed schema of `version`, stamped with it."""
    con = sqlite3.connect(path)
    con.executescript((SNAPSHOTS / f"v{version}.sql").read_text(encoding="utf-8"))
    con.execute(f"PRAGMA user_version={version}")
    con.close()


def _replay(db: Path, steps: int) -> None:
    """Run the first `steps` migration steps on `db`, as the runner does, without the models."""
    engine = create_engine(f"sqlite:///{db}")
    for step in migrations.STEPS[:steps]:
        with engine.begin() as conn:
            step(conn)
    engine.dispose()


def test_step_1_creates_the_released_schema_1(tmp_path: Path) -> None:
    _replay(tmp_path / "step1.sqlite3", 1)
    _snapshot_db(tmp_path / "released.sqlite3", 1)
    assert schema(tmp_path / "step1.sqlite3") == schema(tmp_path / "released.sqlite3")


def test_every_step_replayed_from_an_empty_file_gives_the_models_schema(tmp_path: Path) -> None:
    _replay(tmp_path / "replayed.sqlite3", migrations.LATEST)
    from_models(tmp_path / "models.sqlite3")
    assert schema(tmp_path / "replayed.sqlite3") == schema(tmp_path / "models.sqlite3")


def _with_step(monkeypatch: pytest.MonkeyPatch, step: Callable[[Connection], object]) -> None:
    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, step])
    monkeypatch.setattr(migrations, "LATEST", len(migrations.STEPS))


def test_a_new_step_runs_once_after_a_backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "p"
    open_store(root).close()
    before = migrations.LATEST
    _with_step(monkeypatch, lambda conn: conn.exec_driver_sql("ALTER TABLE dossiers ADD COLUMN extra TEXT"))
    open_store(root).close()
    open_store(root).close()  # already at the new version: the step does not run again
    db = root / "motcua.sqlite3"
    assert user_version(db) == before + 1
    assert any("extra TEXT" in sql for kind, name, sql in schema(db) if name == "dossiers")
    backups = list((root / "backups").glob(f"motcua-v{before}-*.sqlite3"))
    assert len(backups) == 1 and user_version(backups[0]) == before


def test_a_failing_step_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "p"
    open_store(root).close()
    db = root / "motcua.sqlite3"
    before = schema(db)

    def broken(conn: Connection) -> None:
        conn.exec_driver_sql("CREATE TABLE half_done (x INTEGER)")
        conn.exec_driver_sql("ALTER TABLE dossiers ADD COLUMN half TEXT")
        raise RuntimeError("step failed midway")

    _with_step(monkeypatch, broken)
    with pytest.raises(RuntimeError, match="midway"):
        open_store(root)
    assert schema(db) == before  # DDL rolled back with the step
    assert user_version(db) == migrations.LATEST - 1


if __name__ == "__main__":  # print the current schema, for a snapshot under tests/unit/schemas/
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        open_store(Path(folder)).close()
        order = {"table": 0, "index": 1, "trigger": 2, "view": 3}
        objects = sorted(schema(Path(folder) / "motcua.sqlite3"), key=lambda o: (order[o[0]], o[1]))
        for _kind, name, sql in objects:
            if sql and not name.startswith("dossier_fts_"):  # FTS5 creates its shadow tables itself
                print(sql + ";")

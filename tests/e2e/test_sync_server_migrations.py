"""The reference server's schema migrations, on SQLite and PostgreSQL: a province's database from the first
release (no `alembic_version`, devices without workstation numbers) is upgraded at start with its data
intact, after which a workstation enrols under a number; a fresh database is created at the newest revision;
a database written by a newer server is refused with a Vietnamese message and exit 2; a failed upgrade
leaves the database as it was.

The first release's database is made with the baseline revision and its `alembic_version` dropped: the
baseline is that release's `create_all` schema (checked against it when the baseline was written)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, MetaData, create_engine, inspect, select, text

from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from sync.client.enrol import enrol
from sync.engine import SyncEngine
from sync.server.migrations import BASELINE, _config, current_revisions, head
from sync.server.models import Base, ServerDevice
from sync.server.store import ServerStore, normalise_url
from tests.sync_helpers import (
    CLIENT_RETRY,
    OFFICER,
    PASSWORD,
    UNIT_CODE,
    MemoryKeyring,
    insert_old_unit,
    loopback_server,
    receive_many,
)

SERVER = Path(sys.executable).with_name("motcua-server")
OLD_DEVICE = "00000000-0000-4000-8000-000000000001"
WHEN = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)


def _engine(url: str) -> Engine:
    return create_engine(normalise_url(url))


def _first_release_database(url: str) -> None:
    """A database as the first release left it, with a day of data in every table."""
    engine = _engine(url)
    with engine.begin() as conn:
        command.upgrade(_config(conn), BASELINE)
        conn.execute(text("DROP TABLE alembic_version"))
    meta = MetaData()
    meta.reflect(engine)
    t = meta.tables
    with engine.begin() as conn:
        insert_old_unit(conn, t, WHEN, {"id": OLD_DEVICE, "token_hash": "ab" * 32, "last_seen_at": WHEN})
        conn.execute(
            t["dossiers"].insert(),
            {"id": "d-1", "unit_id": 1, "code": "H21.55.10-261120-0001", "record": {"MaHoSo": "x"},
             "status_code": 2, "received_day": date(2026, 11, 20), "last_seq": 1, "last_hash": "cd" * 32,
             "updated_at": WHEN},
        )  # fmt: skip
        conn.execute(
            t["events"].insert(),
            {"uuid": "e-1", "unit_id": 1, "dossier_id": "d-1", "seq": 1, "type": "dossier.received",
             "digest": "ef" * 32, "body": {"seq": 1}, "status": "accepted", "reason": "", "field": "",
             "device_id": OLD_DEVICE, "received_at": WHEN},
        )  # fmt: skip
        conn.execute(
            t["number_counters"].insert(), {"unit_id": 1, "day": date(2026, 11, 20), "next_number": 51}
        )
        conn.execute(
            t["number_blocks"].insert(),
            {"id": 1, "unit_id": 1, "day": date(2026, 11, 20), "first": 1, "last": 50, "device_id": OLD_DEVICE,
             "created_at": WHEN},
        )  # fmt: skip
    engine.dispose()


def _rows(url: str, columns_of: dict[str, list[str]] | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but alembic_version (only the given columns, if any), in key order."""
    engine = _engine(url)
    meta = MetaData()
    meta.reflect(engine)
    rows = {}
    with engine.connect() as conn:
        for name, table in meta.tables.items():
            if name == "alembic_version":
                continue
            cols = [table.c[c] for c in (columns_of or {}).get(name, table.c.keys())]
            rows[name] = [tuple(r) for r in conn.execute(select(*cols).order_by(*table.primary_key.columns))]
    engine.dispose()
    return rows


def _schema_drift(url: str) -> list[Any]:
    engine = _engine(url)
    with engine.connect() as conn:
        drift = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
        assert current_revisions(conn) == (head(),)
    engine.dispose()
    return list(drift)


def _server(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SERVER), "--db", url, *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_a_first_release_database_is_upgraded_with_its_data_and_a_workstation_then_enrols(
    backend_url: str, ready_store: tuple[Store, SignedIn], memory_keyring: MemoryKeyring
) -> None:
    _first_release_database(backend_url)
    before = _rows(backend_url)
    engine = _engine(backend_url)
    meta = MetaData()
    meta.reflect(engine)
    columns = {name: list(meta.tables[name].c.keys()) for name in before}
    engine.dispose()

    done = _server(backend_url, "admin", "report", "--unit", UNIT_CODE)  # an admin command upgrades first
    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout)
    assert (counts["dossiers"], counts["events"], counts["devices"]) == (1, 1, 1)
    assert _schema_drift(backend_url) == []
    after = _rows(backend_url, columns)
    assert {name: after[name] for name in before} == before  # nothing lost or changed
    # new tables start empty, but for the unit's feed: one `dossier` item per dossier held (0007)
    assert not any(after[name] for name in after.keys() - before.keys() - {"changes"})
    assert [row[2] for row in after["changes"]] == ["dossier"]  # (id, unit_id, kind, …)

    server = ServerStore(backend_url)
    try:
        with loopback_server(server) as loopback:
            store, officer = ready_store
            enrol(store, loopback.url, OFFICER, PASSWORD, "quay-moi", workstation=3)
            receive_many(store, officer, 2)
            assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().all_acknowledged
        with server.transaction() as session:
            devices = {d.id: (d.workstation, d.revoked_at) for d in session.scalars(select(ServerDevice))}
        assert devices.pop(OLD_DEVICE) == (None, None)
        assert list(devices.values()) == [(3, None)]
        assert server.report(UNIT_CODE)["dossiers"] == 3
    finally:
        server.dispose()


def test_a_fresh_database_is_created_at_the_newest_revision(backend_url: str) -> None:
    ServerStore(backend_url).dispose()
    assert _schema_drift(backend_url) == []
    ServerStore(backend_url).dispose()  # a second start changes nothing
    assert _schema_drift(backend_url) == []


def test_a_database_created_without_migrations_by_the_workstation_release_is_recognised(
    backend_url: str,
) -> None:
    engine = _engine(backend_url)
    Base.metadata.create_all(engine)  # what the server did before it had migrations
    engine.dispose()
    server = ServerStore(backend_url)
    try:
        server.create_unit(UNIT_CODE, "Xã Ia Grai")
    finally:
        server.dispose()
    assert _schema_drift(backend_url) == []


def test_a_database_newer_than_the_code_is_refused_in_vietnamese_and_left_alone(backend_url: str) -> None:
    ServerStore(backend_url).dispose()
    engine = _engine(backend_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    for args in (["admin", "report", "--unit", UNIT_CODE], ["--port", "9"]):  # admin, and serve
        done = _server(backend_url, *args)
        assert (done.returncode, done.stdout) == (2, ""), done.stderr
        assert "mới hơn" in done.stderr and "0099_from_the_future" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    with engine.connect() as conn:
        assert current_revisions(conn) == ("0099_from_the_future",)
    engine.dispose()


def test_a_failed_upgrade_leaves_the_database_as_it_was(backend_url: str) -> None:
    _first_release_database(backend_url)
    engine = _engine(backend_url)
    with engine.begin() as conn:  # takes the name the upgrade's index needs: its last step fails
        conn.execute(text("CREATE INDEX ux_devices_live_workstation ON units (name)"))
    done = _server(backend_url, "admin", "report", "--unit", UNIT_CODE)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    inspector = inspect(engine)
    assert "workstation" not in {c["name"] for c in inspector.get_columns("devices")}
    assert not inspector.has_table("alembic_version")  # the stamp was rolled back too
    engine.dispose()

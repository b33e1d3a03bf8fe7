"""The unit administrator's confirmation of an unconfirmed time limit goes up as the commune's correction
(issue 22): one sync pass to the real reference server on loopback (SQLite and PostgreSQL) stores it, the
province's administrator lists it, and a later pass does not send it again."""

from __future__ import annotations

import json

import pytest

from desktop.services.accounts import SignedIn
from desktop.services.time_limits import confirm_time_limit
from desktop.store.engine import Store
from sync.client.corrections import waiting_corrections
from sync.engine import SyncEngine
from sync.server.cli import main as server_main
from sync.server.store import ServerStore
from tests.sync_helpers import CLIENT_RETRY, UNIT_CODE, LoopbackServer, MemoryKeyring, enrol_store
from tests.unit.test_unconfirmed_time import CODE, unconfirm


def test_a_confirmed_limit_reaches_the_province_once(
    ready_store: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    backend_store: ServerStore,
    backend_url: str,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store, admin = ready_store
    enrol_store(store, e2e_server.url)
    unconfirm(store)
    confirm_time_limit(store, admin, CODE, 1.5, "days", None, "Quyết định 45/QĐ-UBND tỉnh")
    engine = SyncEngine(store, policy=CLIENT_RETRY)
    assert engine.run_pass().outcome == "ok"
    with store.session() as session:
        assert waiting_corrections(session, 10) == []  # acknowledged: not sent again
    assert engine.run_pass().outcome == "ok"
    assert server_main(["--db", backend_url, "admin", "corrections", "--unit", UNIT_CODE]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [
        (r["procedure_code"], r["amount"], r["unit_of_time"], r["basis"], r["officer"]) for r in rows
    ] == [(CODE, 1.5, "days", "Quyết định 45/QĐ-UBND tỉnh", admin.username)]

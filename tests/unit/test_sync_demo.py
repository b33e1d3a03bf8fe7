"""Demo data never reaches a real commune: a demo profile is marked in its store, enrolling or syncing it
with a real server is refused (Vietnamese, exit 2), a training server (`motcua-server --training`, said in
`GET /health`) takes it, and a real server refuses demo-marked records from any client without storing
them."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from desktop.cli import main
from desktop.core.errors import SyncError
from desktop.services.accounts import SignedIn, sign_in
from desktop.services.demo import DEMO_PASSWORD, DEMO_USERNAME, seed_demo
from desktop.store import settings
from desktop.store.engine import Store, open_store
from desktop.store.events import pending_count
from sync.client.config import DEVICE_ID, get_state
from sync.client.enrol import enrol
from sync.client.outbox import next_batch
from sync.engine import SyncEngine
from sync.protocol import DEMO_FLAG, EventBatch
from sync.server.models import ServerDossier
from sync.server.store import ServerStore
from tests.sync_helpers import (
    CLIENT_RETRY,
    OFFICER,
    PASSWORD,
    UNIT_CODE,
    LoopbackServer,
    MemoryKeyring,
    loopback_server,
    receive_many,
)

DOSSIERS = 30


@pytest.fixture
def demo_store(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[Store]:
    store = open_store(tmp_path / "motcua-demo")
    seed_demo(store, DOSSIERS, seed=5, history_synced=False)
    yield store
    store.close()


@pytest.fixture
def training_server(server_store: ServerStore) -> Iterator[LoopbackServer]:
    with loopback_server(server_store, training=True) as server:
        yield server


def _health(url: str) -> dict[str, object]:
    data: dict[str, object] = requests.get(f"{url}/api/v1/health", timeout=10).json()
    return data


def test_a_demo_profile_is_marked_and_a_real_profile_is_not(demo_store: Store, store: Store) -> None:
    with demo_store.session() as session:
        assert settings.is_demo(session)
    with store.session() as session:
        assert not settings.is_demo(session)


def test_a_demo_profile_is_refused_by_a_real_server_and_nothing_is_created(
    demo_store: Store,
    sync_server: LoopbackServer,
    server_store: ServerStore,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert "training" not in _health(sync_server.url)  # a real server answers as before
    with pytest.raises(SyncError, match="dữ liệu mẫu") as refused:
        enrol(demo_store, sync_server.url, OFFICER, PASSWORD)
    assert "motcua-server --training" in str(refused.value)
    root = str(demo_store.profile.root)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    code = main(
        ["--data-dir", root, "enroll", "--server", sync_server.url, "--username", OFFICER, "--password-stdin"]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "dữ liệu mẫu" in err and "Error" not in err and "Traceback" not in err
    assert server_store.report(UNIT_CODE)["devices"] == 0
    assert server_store.report(UNIT_CODE)["pending_devices"] == 0


def test_a_training_server_takes_a_demo_profile_and_a_real_one_then_refuses_its_passes(
    demo_store: Store,
    training_server: LoopbackServer,
    server_store: ServerStore,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _health(training_server.url)["training"] is True
    enrol(demo_store, training_server.url, OFFICER, PASSWORD, "may-tap-huan")
    result = SyncEngine(demo_store, policy=CLIENT_RETRY).run_pass()
    assert result.all_acknowledged, result
    assert server_store.report(UNIT_CODE)["dossiers"] == DOSSIERS
    with server_store.transaction() as session:
        records = list(session.scalars(select(ServerDossier.record)))
    assert records and all(r["MoRong"][DEMO_FLAG] is True for r in records)

    with loopback_server(server_store) as real:  # the same database, served as a real server
        with demo_store.transaction() as session:
            settings.put(session, settings.SERVER_URL, real.url)
        receive_many(demo_store, _demo_officer(demo_store), 1)
        code = main(["--data-dir", str(demo_store.profile.root), "sync"])
    assert code == 2
    out = capsys.readouterr()
    assert "dữ liệu mẫu" in out.out + out.err
    with demo_store.session() as session:
        assert pending_count(session) == 1  # kept, never sent
    assert server_store.report(UNIT_CODE)["dossiers"] == DOSSIERS


def _demo_officer(store: Store) -> SignedIn:
    return sign_in(store, DEMO_USERNAME, DEMO_PASSWORD)


def test_a_real_server_refuses_demo_records_from_any_client_without_storing_them(
    enrolled: tuple[Store, SignedIn, LoopbackServer], server_store: ServerStore, memory_keyring: MemoryKeyring
) -> None:
    """An older client that does not check (or a hand-made request): the records are refused one by one,
    with the reason, and nothing of them is kept; a real record in the same batch is accepted."""
    store, officer, server = enrolled
    receive_many(store, officer, 2)
    with store.transaction() as session:
        batch = next_batch(session, 10, set())
        device = get_state(session, DEVICE_ID)
    demo_event = batch[0].model_copy(
        update={"record": batch[0].record.model_copy(update={"MoRong": {DEMO_FLAG: True}})}
    )
    body = EventBatch(unit_code=UNIT_CODE, events=[demo_event, batch[1]]).model_dump_json()
    token = memory_keyring.secrets[("motcua-sync", device)]
    answer = requests.post(
        f"{server.url}/api/v1/events:batch",
        data=gzip.compress(body.encode()),
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Encoding": "gzip",
            "Content-Type": "application/json",
        },
        timeout=10,
    ).json()["results"]
    assert [r["status"] for r in answer] == ["rejected", "accepted"]
    assert "dữ liệu mẫu" in answer[0]["reason"] and answer[0]["field"] == "MoRong"
    report = server_store.report(UNIT_CODE)
    assert (report["dossiers"], report["events"]) == (1, 1)  # the demo record was not stored
    assert "Error" not in json.dumps(answer, ensure_ascii=False)

"""The way back on the server (issue 20): `motcua-server admin set-status` and the `GET /changes` feed."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import requests

from sync.events import UpstreamStep
from sync.protocol import API_PREFIX, ChangesPage, StepChange
from sync.server.cli import main as server_main
from sync.server.models import ServerDossier
from sync.server.store import ServerStore
from sync.server.upstream import set_status
from tests.sync_helpers import OFFICER, PASSWORD, UNIT_CODE, loopback_server
from tests.unit.test_sync_server import first_record, push, wire


def _dossier(store: ServerStore, number: int, status: int = 2) -> tuple[str, str]:
    """A dossier the province holds at `status` (2, or 4 after a hand-over); its id and code."""
    dossier_id = str(uuid.uuid4())
    first = wire(dossier_id, 1, first_record(number))
    events = [first] if status == 2 else [first, wire(dossier_id, 2, {"TrangThaiHoSo": 4}, prev=first.hash)]
    assert push(store, events) == ["accepted"] * len(events)
    return dossier_id, str(first.record.MaHoSo)


def test_set_status_follows_the_action_table_and_says_why_not(
    server_store: ServerStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _id, code = _dossier(server_store, 1)
    db = server_store.url
    assert server_main(["--db", db, "admin", "set-status", code, "9", "--note", "Đã ký"]) == 2
    assert "không thể chuyển sang trạng thái 9" in capsys.readouterr().err  # 2 -> 9 is no step
    assert server_main(["--db", db, "admin", "set-status", code, "4"]) == 0
    assert server_main(["--db", db, "admin", "set-status", code, "9", "--note", "Đã ký"]) == 0
    assert f"Đã chuyển hồ sơ {code} sang trạng thái 9." in capsys.readouterr().out
    assert server_main(["--db", db, "admin", "set-status", code, "4"]) == 2  # backwards
    assert server_main(["--db", db, "admin", "set-status", f"{UNIT_CODE}-261120-0999", "4"]) == 2
    assert "không có hồ sơ mã" in capsys.readouterr().err
    report = server_store.report(UNIT_CODE)
    assert (report["events"], report["rejected_events"]) == (1, 0)  # steps go into the feed, not the chain


def test_the_feed_pages_in_order_per_unit_and_the_step_chains_onto_the_dossier(
    server_store: ServerStore,
) -> None:
    server_store.create_unit("H21.55.11", "Xã khác")
    server_store.create_officer("H21.55.11", "canbo.khac", PASSWORD)
    dossier_id, code = _dossier(server_store, 1, status=4)
    _other_id, other = _dossier(server_store, 2, status=4)
    with server_store.transaction() as session:
        set_status(session, code, 5, "Thiếu bản sao")
        set_status(session, other, 9)
        set_status(session, code, 4)
    mine = server_store.enrol(OFFICER, PASSWORD, "quay-1").token
    theirs = server_store.enrol("canbo.khac", PASSWORD, "quay-khac").token
    with loopback_server(server_store) as server, requests.Session() as http:

        def page(token: str, since: str = "", limit: int = 2) -> ChangesPage:
            answer = http.get(
                f"{server.url}{API_PREFIX}/changes",
                params={"since": since, "limit": str(limit)},
                headers={"Authorization": f"Bearer {token}"},
                timeout=10,
            )
            answer.raise_for_status()
            return ChangesPage.model_validate(answer.json())

        first = page(mine)
        assert first.more and [(i.dossier_code, i.status_code) for i in first.items] == [
            (code, 5),
            (other, 9),
        ]
        second = page(mine, first.next_cursor)
        assert not second.more and [(i.dossier_code, i.status_code) for i in second.items] == [(code, 4)]
        assert int(second.next_cursor) > int(first.next_cursor)
        assert page(mine, second.next_cursor).items == [] and page(mine, second.next_cursor).next_cursor == (
            second.next_cursor
        )
        assert page(theirs).items == []  # another unit's workstation sees nothing of this unit
        bad = http.get(
            f"{server.url}{API_PREFIX}/changes",
            params={"since": "x1"},
            headers={"Authorization": f"Bearer {mine}"},
            timeout=10,
        )
        assert bad.status_code == 422
        assert http.get(f"{server.url}{API_PREFIX}/changes", timeout=10).status_code == 401

    step = first.items[0]
    assert isinstance(step, StepChange)
    event = step.event
    assert (event.type, step.actor, step.note) == ("upstream_step", "province", "Thiếu bản sao")
    assert UpstreamStep.model_validate(event.payload).previous_status == "processing"
    # the workstation appends the province's steps after its own events and pushes them back: taken into
    # the chain without being applied again (the dossier stays at the last step, 4); a step the province
    # did not make is refused
    with server_store.transaction() as session:
        prev = session.get_one(ServerDossier, dossier_id).last_hash
    echoes = []
    for seq, item in enumerate([step, second.items[0]], start=3):
        assert isinstance(item, StepChange)
        echo = wire(dossier_id, seq, {"TrangThaiHoSo": item.status_code}, prev=prev, ev=item.event.uuid)
        echo = echo.model_copy(update={"type": "upstream_step"})
        echoes.append(echo)
        prev = echo.hash
    forged = wire(dossier_id, 5, {"TrangThaiHoSo": 9}, prev=prev).model_copy(update={"type": "upstream_step"})
    assert push(server_store, [*echoes, forged]) == ["accepted", "accepted", "rejected"]
    with server_store.transaction() as session:
        assert session.get_one(ServerDossier, dossier_id).status_code == 4

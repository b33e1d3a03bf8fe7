"""The reference server's rules: idempotent ingest, per-dossier order, unit isolation, number blocks."""

from __future__ import annotations

import gzip
import json
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from pydantic import ValidationError

from desktop.core.timeutil import now_local
from sync.protocol import MAX_BODY_BYTES, EventBatch, WireEvent
from sync.server.cli import main as server_main
from sync.server.ingest import ingest
from sync.server.openapi import COMMITTED, drift
from sync.server.store import ServerStore
from tests.sync_helpers import OFFICER, PASSWORD, UNIT_CODE, LoopbackServer, loopback_server


def wire(dossier: str, seq: int, record: dict[str, Any], prev: str = "", ev: str | None = None) -> WireEvent:
    return WireEvent.model_validate(
        {
            "uuid": ev or str(uuid.uuid4()),
            "dossier_id": dossier,
            "seq": seq,
            "type": "received" if seq == 1 else "changed",
            "occurred_at": now_local().isoformat(),
            "prev_hash": prev,
            "hash": f"{seq:064x}",
            "record": record,
        }
    )


def first_record(number: int = 1, code: str | None = None) -> dict[str, Any]:
    return {
        "MaHoSo": code or f"{UNIT_CODE}-261120-{number:04d}",
        "MaTTHC": "1.001193",
        "ChuHoSo": "Nguyễn Văn Mẫu",
        "NgayTiepNhan": "20261120080000",
        "TrangThaiHoSo": 2,
    }


def push(store: ServerStore, events: list[WireEvent]) -> list[str]:
    with store.transaction() as session:
        unit = store.unit_by_code(session, UNIT_CODE)
        device = store.enrol(OFFICER, PASSWORD, "test").device_id
        return [r.status for r in ingest(session, events, unit.id, UNIT_CODE, device)]


def test_retry_is_a_duplicate_and_other_content_a_conflict(server_store: ServerStore) -> None:
    d = str(uuid.uuid4())
    first = wire(d, 1, first_record())
    assert push(server_store, [first]) == ["accepted"]
    assert push(server_store, [first]) == ["duplicate"]
    tampered = first.model_copy(update={"record": first.record.model_copy(update={"ChuHoSo": "Người khác"})})
    assert push(server_store, [tampered]) == ["conflict"]
    report = server_store.report(UNIT_CODE)
    assert (report["dossiers"], report["events"], report["duplicates"]) == (1, 1, 0)


def test_missing_earlier_event_is_a_gap_with_the_expected_sequence(server_store: ServerStore) -> None:
    d = str(uuid.uuid4())
    one = wire(d, 1, first_record())
    two = wire(d, 2, {"TrangThaiHoSo": 4}, prev=one.hash)
    with server_store.transaction() as session:
        unit = server_store.unit_by_code(session, UNIT_CODE)
        device = server_store.enrol(OFFICER, PASSWORD, "x").device_id
        (result,) = ingest(session, [two], unit.id, UNIT_CODE, device)
    assert (result.status, result.expected_seq) == ("gap", 1)
    assert push(server_store, [one, two]) == ["accepted", "accepted"]


def test_rejected_dossier_does_not_block_others_and_keeps_its_answer(server_store: ServerStore) -> None:
    bad = wire(str(uuid.uuid4()), 1, first_record(code="H99.00.00-261120-0001"))
    good = wire(str(uuid.uuid4()), 1, first_record(2))
    assert push(server_store, [bad, good]) == ["rejected", "accepted"]
    with server_store.transaction() as session:
        unit = server_store.unit_by_code(session, UNIT_CODE)
        device = server_store.enrol(OFFICER, PASSWORD, "x").device_id
        (again,) = ingest(session, [bad], unit.id, UNIT_CODE, device)
    assert again.status == "rejected"
    assert again.field == "MaHoSo" and "H21.55.10" in (again.reason or "")


def test_same_dossier_code_for_two_dossiers_is_rejected(server_store: ServerStore) -> None:
    a = wire(str(uuid.uuid4()), 1, first_record(7))
    b = wire(str(uuid.uuid4()), 1, first_record(7))
    assert push(server_store, [a, b]) == ["accepted", "rejected"]


def test_later_events_fold_into_the_state(server_store: ServerStore) -> None:
    d = str(uuid.uuid4())
    one = wire(d, 1, {**first_record(), "MoRong": {"so_bo": "A"}})
    two = wire(d, 2, {"TrangThaiHoSo": 5, "MoRong": {"ly_do": "Thiếu giấy"}}, prev=one.hash)
    assert push(server_store, [one, two]) == ["accepted", "accepted"]
    from sync.server.models import ServerDossier

    with server_store.transaction() as session:
        dossier = session.get_one(ServerDossier, d)
        assert dossier.status_code == 5
        assert dossier.record["MoRong"] == {"so_bo": "A", "ly_do": "Thiếu giấy"}
        assert dossier.record["ChuHoSo"] == "Nguyễn Văn Mẫu"


def test_number_blocks_never_overlap_between_devices_and_the_province(server_store: ServerStore) -> None:
    day = now_local().date()
    with server_store.transaction() as session:
        unit_id = server_store.unit_by_code(session, UNIT_CODE).id
    a = server_store.enrol(OFFICER, PASSWORD, "a").device_id
    b = server_store.enrol(OFFICER, PASSWORD, "b").device_id
    blocks = [
        server_store.reserve_numbers(unit_id, day, 20, a),
        server_store.reserve_numbers(unit_id, day, 5, None),
        server_store.reserve_numbers(unit_id, day, 20, b),
        server_store.reserve_numbers(unit_id, day + timedelta(days=1), 3, a),
    ]
    assert blocks == [(1, 20), (21, 25), (26, 45), (1, 3)]
    # never into the workstations' offline ranges (1000 and up): the last block is cut short, then none
    assert server_store.reserve_numbers(unit_id, day, 9999, a) == (46, 999)
    for device in (b, None):
        with pytest.raises(OverflowError, match="Đã hết số hồ sơ"):
            server_store.reserve_numbers(unit_id, day, 1, device)
    assert server_store.reserve_numbers(unit_id, day + timedelta(days=1), 1, b) == (4, 4)


def test_http_auth_unit_isolation_and_gzip(server_store: ServerStore) -> None:
    server_store.create_unit("H21.55.11", "Xã Bên Cạnh")
    server_store.create_officer("H21.55.11", "canbo.bencanh", "matkhau-khac")
    with loopback_server(server_store) as server:
        api = server.url + "/api/v1"
        assert (
            requests.post(
                f"{api}/devices", json={"username": OFFICER, "password": "sai"}, timeout=10
            ).status_code
            == 401
        )
        other = requests.post(
            f"{api}/devices", json={"username": "canbo.bencanh", "password": "matkhau-khac"}, timeout=10
        ).json()
        event = wire(str(uuid.uuid4()), 1, first_record()).model_dump(mode="json")
        body = gzip.compress(json.dumps({"unit_code": UNIT_CODE, "events": [event]}).encode())
        headers = {"Content-Encoding": "gzip", "Content-Type": "application/json"}
        for token, expected in (("forged-token", 401), (other["token"], 403)):
            r = requests.post(
                f"{api}/events:batch",
                data=body,
                headers={**headers, "Authorization": f"Bearer {token}"},
                timeout=10,
            )
            assert r.status_code == expected, r.text
        assert server_store.report(UNIT_CODE)["events"] == 0
        revoked = server_store.enrol(OFFICER, PASSWORD, "x")
        server_store.revoke_device(revoked.device_id)
        r = requests.post(
            f"{api}/events:batch",
            data=body,
            headers={**headers, "Authorization": f"Bearer {revoked.token}"},
            timeout=10,
        )
        assert r.status_code == 401 and "thu hồi" in r.json()["detail"]
        good = server_store.enrol(OFFICER, PASSWORD, "y")
        r = requests.post(
            f"{api}/events:batch",
            data=body,
            headers={**headers, "Authorization": f"Bearer {good.token}"},
            timeout=10,
        )
        assert r.json()["results"][0]["status"] == "accepted"
        assert "date" in {k.lower() for k in r.headers}


def test_admin_cli_and_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    db = f"sqlite:///{tmp_path / 's.sqlite3'}"
    assert (
        server_main(["--db", db, "admin", "create-unit", "--code", "H21.55.10", "--name", "Xã Ia Grai"]) == 0
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("mat-khau-9\n"))
    assert (
        server_main(
            [
                "--db",
                db,
                "admin",
                "create-officer",
                "--unit",
                "H21.55.10",
                "--username",
                "u",
                "--password-stdin",
            ]
        )
        == 0
    )
    assert server_main(["--db", db, "admin", "create-unit", "--code", "H21.55.10", "--name", "again"]) == 2
    assert server_main(["--db", db, "admin", "revoke-device", "no-such-device"]) == 2
    capsys.readouterr()
    assert server_main(["--db", db, "admin", "report", "--unit", "H21.55.10"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["dossiers"] == 0 and report["events"] == 0 and report["duplicates"] == 0


def test_openapi_document_is_committed_and_current(tmp_path: Path) -> None:
    assert drift() == "", "sync/openapi.json drifted: run `.venv/bin/python -m sync.server.openapi --write`"
    # the check does notice a change: a committed document that lost one endpoint is reported
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    del schema["paths"]["/api/v1/reconciliation"]
    stale = tmp_path / "openapi.json"
    stale.write_text(
        json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    assert '+    "/api/v1/reconciliation": {' in drift(stale)


@pytest.mark.parametrize(
    "where",
    ["ChuHoSo", "MoRong.deep", "MoRong.key", "TaiLieuNop.name", "officer"],
)
def test_nul_characters_are_refused_at_any_depth(where: str) -> None:
    """A NUL anywhere would break PostgreSQL's text columns: the wire schema refuses it (422, not 500)."""
    record: dict[str, Any] = {
        **first_record(),
        "MoRong": {"a": [{"b": "ok"}]},
        "TaiLieuNop": [{"TenTepDinhKem": "x"}],
    }
    event = wire(str(uuid.uuid4()), 1, record).model_dump(mode="json")
    if where == "ChuHoSo":
        event["record"]["ChuHoSo"] = "Nguyễn\x00"
    elif where == "MoRong.deep":
        event["record"]["MoRong"]["a"][0]["b"] = "\x00"
    elif where == "MoRong.key":
        event["record"]["MoRong"]["k\x00"] = 1
    elif where == "TaiLieuNop.name":
        event["record"]["TaiLieuNop"][0]["TenTepDinhKem"] = "giấy\x00"
    else:
        event["officer"] = "can\x00bo"
    with pytest.raises(ValidationError, match="NUL"):
        EventBatch.model_validate({"unit_code": UNIT_CODE, "events": [event]})


def test_huge_bodies_and_broken_gzip_are_refused_plainly(sync_server: LoopbackServer) -> None:
    """A gzip bomb or an oversized body gets 413 and broken gzip 400, in Vietnamese; the server goes on."""
    url = sync_server.url + "/api/v1/events:batch"
    gz = {"Content-Encoding": "gzip", "Content-Type": "application/json"}
    bomb = gzip.compress(b" " * (MAX_BODY_BYTES + 1024), compresslevel=9)  # ~16 KiB that unpacks to 16 MiB
    cases = [
        (bomb, gz, 413, "quá lớn"),
        (gzip.compress(b'{"unit_code": "x"}')[:-6], gz, 400, "gzip"),  # truncated
        (b"not gzip at all", gz, 400, "gzip"),
        (b" " * (MAX_BODY_BYTES + 1), {"Content-Type": "application/json"}, 413, "quá lớn"),
        (iter([b" " * 2**20] * 17), {"Content-Type": "application/json"}, 413, "quá lớn"),  # chunked
    ]
    for data, headers, status, words in cases:
        answer = requests.post(url, data=data, headers=headers, timeout=30)
        assert answer.status_code == status and words in answer.json()["detail"], (status, answer.text)
    assert requests.get(sync_server.url + "/api/v1/health", timeout=10).ok

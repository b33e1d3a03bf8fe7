"""Replacing a workstation's device needs the unit administrator's role or the province's admin command
(issue 23 item 5), against the real server on loopback, SQLite and PostgreSQL. Before, any officer of the
unit with a valid password could enrol a device naming another workstation's device in
`replaces_device_id`, which revoked it. Every replacement, allowed or refused, is in the audit log (unit,
workstation, username, address; never a password or a token)."""

from __future__ import annotations

import logging
import uuid
from typing import Any

import pytest
import requests

from sync.protocol import API_PREFIX
from sync.server.cli import main as server_main
from sync.server.store import ServerStore
from tests.sync_helpers import OFFICER, PASSWORD, UNIT_CODE, LoopbackServer

ADMIN, ADMIN_PASSWORD = "quantri.iagrai", "matkhau-quantri-1"
AUDIT = "motcua.server.audit"


def _enrol(server: LoopbackServer, username: str, password: str, **extra: Any) -> requests.Response:
    body = {"unit_code": UNIT_CODE, "username": username, "password": password, "device_name": "quay-1",
            "workstation": 1, "enrolment_id": str(uuid.uuid4()), **extra}  # fmt: skip
    return requests.post(f"{server.url}{API_PREFIX}/devices", json=body, timeout=10)


def _live(server: LoopbackServer, username: str, password: str, **extra: Any) -> dict[str, Any]:
    """Enrol and confirm: the device is live and holds its workstation number."""
    answer = _enrol(server, username, password, **extra)
    assert answer.status_code == 201, answer.text
    enrolled: dict[str, Any] = answer.json()
    confirmed = requests.post(
        f"{server.url}{API_PREFIX}/devices:confirm", headers=_bearer(enrolled["token"]), timeout=10
    )
    assert confirmed.status_code == 200, confirmed.text
    return enrolled


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _works(server: LoopbackServer, token: str) -> bool:
    """The device's token is still accepted (a revoked one gets 401)."""
    answer = requests.get(
        f"{server.url}{API_PREFIX}/reconciliation",
        params={"date": "2026-12-03"},
        headers=_bearer(token),
        timeout=10,
    )
    assert answer.status_code in (200, 401), answer.text
    return answer.status_code == 200


def _admin(url: str, *args: str) -> int:
    return server_main(["--db", url, "admin", *args])


def _audit(caplog: pytest.LogCaptureFixture, contains: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == AUDIT and contains in r.getMessage()]


def test_a_plain_officer_cannot_replace_another_workstation(
    e2e_server: LoopbackServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=AUDIT)
    holder = _live(e2e_server, OFFICER, PASSWORD)
    taken = _enrol(e2e_server, OFFICER, PASSWORD)
    assert taken.status_code == 409 and holder["device_id"] not in taken.text
    assert "replace-device --unit H21.55.10 --workstation 1" in taken.json()["detail"]
    by_number = _enrol(e2e_server, OFFICER, PASSWORD, replace_workstation=True)
    by_id = _enrol(e2e_server, OFFICER, PASSWORD, replaces_device_id=holder["device_id"])
    for refused in (by_number, by_id):
        assert refused.status_code == 403, refused.text
        detail = refused.json()["detail"]
        assert detail.startswith(
            "Chỉ quản trị đơn vị mới được thay máy trạm số 1 ('quay-1') của đơn vị H21.55.10"
        )
        assert f"tài khoản '{OFFICER}' không có quyền này" in detail
        assert "motcua-server admin replace-device --unit H21.55.10 --workstation 1" in detail
    assert _works(e2e_server, holder["token"])  # nothing was revoked
    refusals = _audit(caplog, "replacement refused")
    assert len(refusals) == 2
    for line in refusals:
        assert all(part in line for part in (UNIT_CODE, "workstation 1", repr(OFFICER), "127.0.0.1")), line
    logged = " ".join(r.getMessage() for r in caplog.records if r.name == AUDIT)
    assert PASSWORD not in logged and holder["token"] not in logged
    assert len(_audit(caplog, "workstation 1 of unit H21.55.10 is held")) == 1  # the 409


def test_the_unit_administrator_replaces_a_workstation(
    e2e_server: LoopbackServer,
    backend_store: ServerStore,
    backend_url: str,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.INFO, logger=AUDIT)
    backend_store.create_officer(UNIT_CODE, ADMIN, ADMIN_PASSWORD, "Quản trị xã")
    holder = _live(e2e_server, OFFICER, PASSWORD)
    assert _enrol(e2e_server, ADMIN, ADMIN_PASSWORD, replace_workstation=True).status_code == 403  # not yet
    assert _admin(backend_url, "grant-admin", "--unit", UNIT_CODE, "--username", ADMIN) == 0
    assert f"Đã cấp quyền quản trị đơn vị {UNIT_CODE} cho tài khoản {ADMIN}" in capsys.readouterr().out

    replacement = _live(e2e_server, ADMIN, ADMIN_PASSWORD, replace_workstation=True)
    assert not _works(e2e_server, holder["token"]) and _works(e2e_server, replacement["token"])
    (allowed,) = _audit(caplog, "replacement allowed")
    assert "(unit administrator)" in allowed and all(
        part in allowed for part in (UNIT_CODE, "workstation 1", repr(ADMIN), "127.0.0.1")
    )
    assert _audit(caplog, f"role granted to username {ADMIN!r} of unit {UNIT_CODE}")

    assert _admin(backend_url, "revoke-admin", "--unit", UNIT_CODE, "--username", ADMIN) == 0
    assert _enrol(e2e_server, ADMIN, ADMIN_PASSWORD, replace_workstation=True).status_code == 403
    assert _works(e2e_server, replacement["token"])


def test_the_province_replaces_a_device_by_command(
    e2e_server: LoopbackServer,
    backend_url: str,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.INFO, logger=AUDIT)
    holder = _live(e2e_server, OFFICER, PASSWORD)
    assert _admin(backend_url, "replace-device", "--unit", UNIT_CODE, "--workstation", "1") == 0
    out, err = capsys.readouterr()
    assert "Đã thu hồi máy trạm số 1 ('quay-1') của đơn vị H21.55.10" in out
    assert "motcua-server audit: province admin command: device of unit H21.55.10 workstation 1" in err
    assert not _works(e2e_server, holder["token"])
    assert _works(e2e_server, _live(e2e_server, OFFICER, PASSWORD)["token"])  # a plain officer takes number 1
    (line,) = _audit(caplog, "revoked for replacement")
    assert UNIT_CODE in line and "workstation 1" in line

    assert _admin(backend_url, "replace-device", "--unit", UNIT_CODE, "--workstation", "7") == 2
    assert "không có máy trạm số 7 đang hoạt động" in capsys.readouterr().err
    assert _admin(backend_url, "grant-admin", "--unit", UNIT_CODE, "--username", "khong-co") == 2
    assert f"Đơn vị {UNIT_CODE} không có tài khoản 'khong-co'" in capsys.readouterr().err

"""Schemathesis against the committed OpenAPI document: no input makes the server answer 5xx.

Bounded: a few dozen generated cases per operation (a few hundred in all), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from desktop.core.timeutil import now_local
from sync.server.openapi import COMMITTED
from sync.server.store import ServerStore
from tests.sync_helpers import OFFICER, PASSWORD, UNIT_CODE, LoopbackServer

SCHEMA = schemathesis.openapi.from_dict(json.loads(COMMITTED.read_text(encoding="utf-8")))
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
EXAMPLES = {"POST /api/v1/devices": 8}  # each enrolment attempt verifies an Argon2 hash


def _steer(case: Any) -> None:
    """Half of the generated batches and reservations use the token's own unit and today, to go deep."""
    if isinstance(case.body, dict):
        if "unit_code" in case.body and zlib.crc32(json.dumps(case.body, default=str).encode()) % 2:
            case.body["unit_code"] = UNIT_CODE
        if "day" in case.body and zlib.crc32(json.dumps(case.body, default=str).encode()) % 2:
            case.body["day"] = now_local().date().isoformat()


@pytest.mark.slow
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: f"{op.method.upper()} {op.path}")
def test_no_input_makes_the_server_fail(
    operation: Any, e2e_server: LoopbackServer, backend_store: ServerStore
) -> None:
    token = backend_store.enrol(OFFICER, PASSWORD, "fuzz").token
    label = f"{operation.method.upper()} {operation.path}"
    seen: dict[int, int] = {}

    @settings(
        max_examples=EXAMPLES.get(label, 40),
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(operation.as_strategy())
    def run(case: Any) -> None:
        _steer(case)
        response = case.call(
            base_url=e2e_server.url, headers={"Authorization": f"Bearer {token}"}, timeout=30
        )
        seen[response.status_code] = seen.get(response.status_code, 0) + 1
        assert response.status_code < 500, (case.body, response.text)

    run()
    assert seen  # the fuzzer did reach the server


BAD_VALUES = {
    "NaN": "NaN",
    "Infinity": "Infinity",
    "a number beyond a double": "1e400",
    "a lone surrogate": '"\\ud800"',
}


@pytest.mark.parametrize("what", BAD_VALUES)
def test_values_json_cannot_carry_back_are_a_422_naming_the_field_not_a_500(
    e2e_server: LoopbackServer, what: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Unauthenticated `POST /devices` with NaN, Infinity, 1e400 or a lone UTF-16 surrogate in a field: each
    answered 500 (the default 422 wrote the value back, which JSON cannot carry; a surrogate reached the
    database). Now a 422 that names the field and never repeats the value, and the log holds no value."""
    import requests

    for field in ("workstation", "username"):
        fields = {"unit_code": '"H21.55.10"', "username": '"canbo"', "password": '"x-secret-9"',
                  "device_name": '"May 1"', "workstation": "1"}  # fmt: skip
        fields[field] = BAD_VALUES[what]
        body = "{" + ", ".join(f'"{k}": {v}' for k, v in fields.items()) + "}"
        answer = requests.post(
            f"{e2e_server.url}/api/v1/devices",
            data=body,
            headers={"content-type": "application/json"},
            timeout=10,
        )
        if field == "username" and what != "a lone surrogate":
            assert answer.status_code == 422  # a number where a text is expected
            continue
        assert answer.status_code == 422, (what, field, answer.text)
        detail = answer.json()["detail"]
        named = [e["loc"] == ["body", field] or e["msg"].endswith(f": {field}") for e in detail]
        assert named == [True], detail  # the field, in where or in why
        assert "input" not in detail[0] and "x-secret-9" not in answer.text
    assert "x-secret-9" not in caplog.text and "ud800" not in caplog.text

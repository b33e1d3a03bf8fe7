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

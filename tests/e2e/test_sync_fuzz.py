"""No input makes the server answer 5xx, and its log never copies what was sent (issue 23, item 6).

Every operation of the committed OpenAPI document is driven by schemathesis (valid requests, to go deep, and
requests that break the schema), and each generated body is then spoiled further by hypothesis: a value
replaced by NaN, Infinity, 1e400, a huge integer, a lone UTF-16 surrogate, a NUL, an oversized text, a
deep nest, a value of the wrong type or a valid but extreme one (year 1 or 9999); a field added or left
out; a token of another kind. A sweep then puts bad values into every field of a valid body in turn. Every
text sent carries MARK, and the server's whole log (the root logger, uvicorn's error and access loggers,
the audit logger at its most verbose) is searched for it afterwards.

Bounded: a few dozen generated cases per operation and a few hundred swept ones, about 13 s in all on 2
cores (the event batches once more on PostgreSQL included)."""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.generation import GenerationMode
from sqlalchemy import func, select

from sync.common.timeutil import now_local
from sync.events import event_hash
from sync.server.failures import UNEXPECTED
from sync.server.models import ServerEvent
from sync.server.openapi import COMMITTED
from sync.server.store import ServerStore
from tests.e2e.postgres import TempPostgres
from tests.sync_helpers import OFFICER, PASSWORD, UNIT_CODE, LoopbackServer, loopback_server, seed_server


def _few_items(node: Any) -> Any:
    """The document with every array held to 3 items for generating: a batch of 500 generated events
    takes seconds to draw and reaches nothing a batch of 3 does not."""
    if isinstance(node, dict):
        return {k: min(v, 3) if k == "maxItems" else _few_items(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_few_items(v) for v in node]
    return node


SCHEMA = schemathesis.openapi.from_dict(_few_items(json.loads(COMMITTED.read_text(encoding="utf-8"))))
OPERATIONS = {f"{op.method.upper()} {op.path}": op for op in (r.ok() for r in SCHEMA.get_all_operations())}
EXAMPLES = {"POST /api/v1/devices": 15, "POST /api/v1/events:batch": 40, "GET /api/v1/health": 5}

MARK = "Qv7zMARK"  # every text the fuzzer sends starts with it; the log must never show it
RAW = "\x1eraw:"  # a placeholder for a JSON number Python cannot hold as a float (written as is)
FREE_FORM = ("MoRong", "payload")
KEPT = re.compile(  # texts that must keep their shape for a request to go deep: ids, hashes, times, codes
    r"^([0-9a-fA-F-]{36}|[0-9a-f]{64}|\d{14}|\d{4}-\d{2}-\d{2}([T ].*)?|)$"
)


def _nest(depth: int) -> Any:
    value: Any = MARK + "-deep"
    for _ in range(depth):
        value = [value]
    return value


BAD_VALUES: tuple[list[Any], ...] = (  # numbers, texts, shapes, extremes: a kind is drawn, then a value
    [
        float("nan"),
        float("inf"),
        float("-inf"),
        RAW + "1e400",
        RAW + "-1e400",
        RAW + "1" * 5000,  # beyond the digits Python parses
        2**63,
        2**64,
        -(2**63) - 1,
        10**100,
        -1,
        1.5,
        True,
        None,
    ],
    [
        MARK + "\ud800",
        MARK + "-x\udfff",
        MARK + "\x00",
        MARK + "-" + "x" * 5000,
        MARK + "-" + "ệ" * 20_000,
        MARK + "-'\"; DROP TABLE events; --",
        MARK + "-20261203093000",
    ],
    [
        [MARK + "-list"],
        {MARK + "-key": MARK + "-value"},
        {MARK + "\ud800": 1},
        [],
        {},
        _nest(300),  # beyond what pydantic writes back (254 levels)
        _nest(900),
    ],
    [  # valid but extreme: these pass the schema and reach the server's own checks and arithmetic
        "9999-12-31T23:59:59-23:59",
        "0001-01-01T00:00:00+23:59",
        "9999-12-31",
        "0001-01-01",
        "99991231235959",
        "00010101000000",
        "20261203093000",
        1_000_000,
        10**10,
        -(10**10),
        10**12,
    ],
)
BAD_QUERY = ["", "NaN", "Infinity", "1e400", "-1", "9999-12-31", "0001-01-01", "2026-02-30", "99999-01-01",
             "2026-12-03T25:00:00", "9999-12-31T23:59:59-23:59", "9" * 30, "device\x00", "ệ" * 3000]  # fmt: skip

CONTENT_TYPES = ["application/json"] * 4 + ["text/plain", "application/x-www-form-urlencoded",
                 "multipart/form-data; boundary=x", "application/json; charset=utf-16", ""]  # fmt: skip


def _paths(value: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield at
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*at, index))


def _at(value: Any, at: tuple[Any, ...]) -> Any:
    for part in at:
        value = value[part]
    return value


def _replace(value: Any, at: tuple[Any, ...], new: Any) -> Any:
    if not at:
        return new
    head, rest = at[0], at[1:]
    if isinstance(value, dict):
        return {**value, head: _replace(value[head], rest, new)}
    return [*value[:head], _replace(value[head], rest, new), *value[head + 1 :]]


def _marked(value: Any, free: bool = False) -> Any:
    """Every free text prefixed with MARK (and every key of a free-form object: `MoRong`, `payload`),
    without NUL characters (schemathesis draws many); ids, hashes, times and the unit's codes kept."""
    if isinstance(value, dict):
        return {
            (MARK + k.replace("\x00", "") if free else k): _marked(v, free or k in FREE_FORM)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_marked(v, free) for v in value]
    if isinstance(value, str):
        value = value.replace("\x00", "")
        return value if KEPT.match(value) or value.startswith(UNIT_CODE) else MARK + value
    return value


def _deepen(event: Any, number: int) -> Any:
    """A generated event made the first of a new dossier of the token's unit, so that it is stored and,
    unless spoiled, accepted and folded into the dossier."""
    if not isinstance(event, dict) or not isinstance(event.get("record"), dict):
        return event
    record = {"MaTTHC": "1.000", "ChuHoSo": "Nguyen Van A", "TrangThaiHoSo": 1, **event["record"]}
    record.update(MaHoSo=f"{UNIT_CODE}-261203-{number:04d}", NgayTiepNhan="20261203093000")
    event = {k: v for k, v in event.items() if k != "payload"}
    return {**event, "seq": 1, "prev_hash": "", "record": record}


@st.composite
def spoiled(draw: st.DrawFn, body: Any, deep: bool) -> bytes:
    """`body` with free texts marked and one to three spoilings, as the bytes of a JSON document. When
    `deep`, within the token's unit, on a day numbers are given for, events that start new dossiers, and
    at most one spoiling, often in a record's `MoRong`: so that it reaches the database."""
    if isinstance(body, dict) and deep:
        if "unit_code" in body:
            body = {**body, "unit_code": UNIT_CODE}
        if "day" in body:
            body = {**body, "day": now_local().date().isoformat()}
        if isinstance(body.get("events"), list):
            start = draw(st.integers(1, 9000))
            body = {**body, "events": [_deepen(e, start + i) for i, e in enumerate(body["events"])]}
    body = _marked(body)
    for _ in range(draw(st.integers(0, 1) if deep else st.integers(1, 3))):
        paths = list(_paths(body))
        at = draw(st.sampled_from(paths))
        how = draw(st.sampled_from(["free"] if deep and draw(st.booleans()) else ["replace", "add", "drop"]))
        bad = draw(st.sampled_from(draw(st.sampled_from(BAD_VALUES))))
        records = [p for p in paths if p and p[-1] == "record"]
        if how == "free" and records:  # into a record's `MoRong`, where any JSON value is taken
            at = draw(st.sampled_from(records))
        node = _at(body, at)
        if how == "free" and isinstance(node, dict) and records:
            more = node.get("MoRong") if isinstance(node.get("MoRong"), dict) else {}
            body = _replace(body, at, {**node, "MoRong": {**more, MARK + "-free": bad}})
        elif how == "add" and isinstance(node, dict):
            body = _replace(body, at, {**node, MARK + "-extra": bad})
        elif how == "drop" and isinstance(node, dict) and node:
            key = draw(st.sampled_from(sorted(node, key=str)))
            body = _replace(body, at, {k: v for k, v in node.items() if k != key})
        else:
            body = _replace(body, at, bad)
    return _raw(body)


def _raw(body: Any) -> bytes:
    """JSON as a careless or hostile client may send it: NaN, Infinity, 1e400, "\\ud800" escapes."""
    text = json.dumps(body, ensure_ascii=True, allow_nan=True)
    return re.sub(r'"\\u001eraw:([-0-9e]+)"', r"\1", text).encode("ascii")


@contextmanager
def server_log() -> Iterator[StringIO]:
    """Everything the server logs, at the levels it runs with in production (`motcua-server`: info) and
    the audit logger at its most verbose, formatted with tracebacks."""
    out = StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    levels = {"motcua": logging.DEBUG, "uvicorn.error": logging.INFO, "uvicorn.access": logging.INFO}
    before = {name: logging.getLogger(name).level for name in levels}
    hosts = [logging.getLogger(name) for name in ("", "uvicorn", "uvicorn.access")]
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)
    for host in hosts:
        host.addHandler(handler)
    try:
        yield out
    finally:
        for host in hosts:
            host.removeHandler(handler)
        for name, level in before.items():
            logging.getLogger(name).setLevel(level)


def fuzz(label: str, server: LoopbackServer, store: ServerStore, examples: int) -> dict[int, int]:
    """Drive one operation with `examples` generated requests; the answers' status codes counted."""
    operation = OPERATIONS[label]
    token = store.enrol(OFFICER, PASSWORD, "fuzz").token
    valid = operation.as_strategy(GenerationMode.POSITIVE)
    anything = valid
    if operation.body or operation.query:
        anything = st.one_of(valid, operation.as_strategy(GenerationMode.NEGATIVE))
    seen: dict[int, int] = {}
    session = requests.Session()

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        deep = data.draw(st.booleans())  # half go as deep as they can
        sent = data.draw(valid if deep else anything).as_transport_kwargs(base_url=server.url)
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
        if not deep:
            headers["Authorization"] = data.draw(
                st.sampled_from([f"Bearer {token}"] * 4 + [f"Bearer {MARK}", "Basic " + MARK, ""])
            )
            headers["Content-Type"] = data.draw(st.sampled_from(CONTENT_TYPES))
            if data.draw(st.integers(0, 5)) == 0:
                headers["Content-Encoding"] = data.draw(st.sampled_from(["gzip", "deflate", "br"]))
        params = {
            key: value if deep else data.draw(st.sampled_from([value, *BAD_QUERY]))
            for key, value in (sent.get("params") or {}).items()
        }
        if "json" in sent:
            body = data.draw(spoiled(sent["json"], deep))
        else:
            body = sent.get("data") or b""
        answer = session.request(
            sent["method"], sent["url"], params=params, data=body, headers=headers, timeout=30
        )
        seen[answer.status_code] = seen.get(answer.status_code, 0) + 1
        assert answer.status_code < 500, (body[:2000], answer.text)

    run()
    session.close()
    return seen


@pytest.mark.slow
@pytest.mark.parametrize("label", OPERATIONS)
def test_no_input_makes_the_server_fail_nor_reaches_its_log(
    label: str, sync_server: LoopbackServer, server_store: ServerStore
) -> None:
    with server_log() as log:
        seen = fuzz(label, sync_server, server_store, EXAMPLES.get(label, 30))
    assert seen and max(seen) < 500  # the fuzzer did reach the server
    assert MARK not in log.getvalue(), log.getvalue()[-3000:]
    if label == "POST /api/v1/events:batch":
        assert 200 in seen and 422 in seen, seen  # deep (answered events) as well as refused


@pytest.mark.slow
@pytest.mark.postgres
def test_event_batches_on_postgresql(postgres: TempPostgres) -> None:
    """The events reach the database, where PostgreSQL is stricter than SQLite (JSON, texts)."""
    store = ServerStore(postgres.new_database())
    seed_server(store)
    try:
        with loopback_server(store) as server, server_log() as log:
            seen = fuzz("POST /api/v1/events:batch", server, store, 15)
    finally:
        store.dispose()
    assert 200 in seen and MARK not in log.getvalue()


def test_the_log_capture_sees_what_the_server_logs(sync_server: LoopbackServer) -> None:
    """The search above is not vacuous: a wrong password is in the audit log, an answer in the access log,
    and uvicorn's error logger (where a 500's traceback goes) is heard with its traceback."""
    with server_log() as log:
        requests.post(
            f"{sync_server.url}/api/v1/devices",
            json={"username": OFFICER, "password": MARK},
            timeout=10,
        )
        try:
            raise ValueError("a value in a traceback")
        except ValueError:
            logging.getLogger("uvicorn.error").exception("Exception in ASGI application")
    assert f"{OFFICER!r}" in log.getvalue() and "POST /api/v1/devices" in log.getvalue()
    assert "ValueError: a value in a traceback" in log.getvalue()
    assert MARK not in log.getvalue()


def _event(number: int) -> dict[str, Any]:
    """A valid first event of a new dossier of the token's unit, every text of it marked."""
    event_id, payload = str(uuid.uuid4()), {"note": MARK + "-payload"}
    paper = {"TenTepDinhKem": MARK + "-don", "MaThanhPhanHoSo": MARK + "-tp", "SoBanChinh": 1, "SoBanSao": 0}
    fee = {"TenPhiLePhi": MARK + "-phi", "Gia": 50000, "LoaiPhiLePhi": 1}
    record = {"MaHoSo": f"{UNIT_CODE}-261203-{number:04d}", "MaTTHC": "1.000", "ChuHoSo": MARK + "-chu",
              "NgayTiepNhan": "20261203093000", "NgayHenTra": "20261205093000", "TrangThaiHoSo": 1,
              "KenhThucHien": 1, "DiaChi": MARK + "-diachi", "TaiLieuNop": [paper],
              "DanhSachLePhi": [fee], "MoRong": {MARK + "-mo": MARK + "-rong"}}  # fmt: skip
    return {"uuid": event_id, "dossier_id": str(uuid.uuid4()), "seq": 1, "type": "received",
            "occurred_at": "2026-12-03T09:30:00+07:00", "officer": MARK + "-officer", "prev_hash": "",
            "hash": event_hash("", event_id, 1, "received", payload), "payload": payload,
            "record": record}  # fmt: skip


def _baseline(label: str, number: int) -> dict[str, Any]:
    """A valid request body of each operation that takes one."""
    if label == "POST /api/v1/events:batch":
        return {"unit_code": UNIT_CODE, "events": [_event(number)]}
    if label == "POST /api/v1/devices":
        return {"username": MARK + "-user", "password": MARK + "-pw", "device_name": MARK + "-may",
                "client_version": MARK + "-v", "workstation": 2, "enrolment_id": str(uuid.uuid4()),
                "replaces_device_id": MARK + "-old", "unit_code": UNIT_CODE}  # fmt: skip
    if label == "POST /api/v1/catalogue:corrections":
        return {"unit_code": UNIT_CODE, "corrections": [
            {"id": str(uuid.uuid4()), "procedure_code": "1.004884", "amount": 5, "unit": "days",
             "cutoff": None, "basis": MARK + "-basis", "catalogue_version": MARK + "-v",
             "confirmed_at": "2026-12-03T09:30:00+07:00", "officer": MARK + "-officer", "workstation": 1}]}  # fmt: skip
    assert label == "POST /api/v1/numbers:reserve", f"{label}: give it a baseline"
    return {"day": now_local().date().isoformat(), "count": 1}


WITH_BODY = [label for label, op in OPERATIONS.items() if op.body]


def _variants(body: Any) -> Iterator[Any]:
    """`body` with each value in turn replaced by bad values (a sixth of them in turn; in `MoRong` and
    `payload`, which take any JSON, all but the extremes), each object given an extra field and each
    field left out once."""
    every = [value for kind in BAD_VALUES for value in kind]
    for number, at in enumerate(_paths(body)):
        node = _at(body, at)
        for bad in every[: -len(BAD_VALUES[-1])] if set(at) & set(FREE_FORM) else every[number % 6 :: 6]:
            yield _replace(body, at, bad)
        if isinstance(node, dict):
            yield _replace(body, at, {**node, MARK + "-extra": MARK})
            for key in node:
                yield _replace(body, at, {k: v for k, v in node.items() if k != key})


@pytest.mark.slow
@pytest.mark.parametrize("label", WITH_BODY)
def test_every_field_takes_every_bad_value_without_a_500(
    label: str, sync_server: LoopbackServer, server_store: ServerStore
) -> None:
    """The sweep the random search above may miss: every value of a valid body in turn replaced by each
    bad value, an extra field in each object, each field left out; then the log searched for MARK."""
    token = server_store.enrol(OFFICER, PASSWORD, "fuzz").token
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    url = sync_server.url + OPERATIONS[label].path
    seen: dict[int, int] = {}
    with requests.Session() as session, server_log() as log:
        first = session.post(url, data=_raw(_baseline(label, 1)), headers=headers, timeout=30)
        assert first.status_code in (200, 401), first.text  # deep: stored, or a password checked
        base = _baseline(label, 2)
        ids = (
            [e["uuid"] for e in base["events"]] + [e["dossier_id"] for e in base["events"]]
            if "events" in base
            else []
        )
        for body in _variants(base):
            raw = _raw(body)
            for old in ids:  # a new event of a new dossier each time, so that it is stored
                raw = raw.replace(old.encode(), str(uuid.uuid4()).encode())
            answer = session.post(url, data=raw, headers=headers, timeout=30)
            seen[answer.status_code] = seen.get(answer.status_code, 0) + 1
            assert answer.status_code < 500, (raw[:2000], answer.text)
    assert MARK not in log.getvalue(), log.getvalue()[-3000:]
    assert 422 in seen, seen


WITH_QUERY = [label for label, op in OPERATIONS.items() if op.query]


@pytest.mark.parametrize("label", WITH_QUERY)
def test_every_query_parameter_takes_every_bad_value_without_a_500(
    label: str, sync_server: LoopbackServer, server_store: ServerStore
) -> None:
    """Each query parameter in turn given each bad value (empty, NaN, 1e400, year 9999 or 99999, a day
    that does not exist, 30 nines, a NUL, 3,000 letters), the others valid, with a valid token."""
    token = server_store.enrol(OFFICER, PASSWORD, "fuzz").token
    names = [parameter.name for parameter in OPERATIONS[label].query]
    valid = {
        "date": now_local().date().isoformat(),
        "scope": "unit",
        "detail": "true",
        "since": "",
        "limit": "50",
    }
    assert set(names) <= set(valid), names  # a new parameter: give it a valid value here
    with requests.Session() as session:
        session.headers["Authorization"] = f"Bearer {token}"
        for name in names:
            for bad in BAD_QUERY:
                params = {**{other: valid[other] for other in names}, name: bad}
                answer = session.get(sync_server.url + OPERATIONS[label].path, params=params, timeout=30)
                assert answer.status_code < 500 and answer.status_code != 401, (name, bad, answer.text)


FREE_BAD = {"NaN": "NaN", "-Infinity": "-Infinity", "a nest 300 levels deep": "[" * 300 + "1" + "]" * 300}


@pytest.mark.parametrize("where", FREE_FORM)
@pytest.mark.parametrize("what", FREE_BAD)
def test_free_form_fields_refuse_what_cannot_be_kept_with_a_422_naming_them(
    sync_server: LoopbackServer, server_store: ServerStore, where: str, what: str
) -> None:
    """`MoRong` and `payload` take any JSON: a nest 300 levels deep there answered 500 (pydantic writes
    back at most 254 levels), NaN and Infinity were stored. Now a 422 naming the field; nothing stored."""
    token = server_store.enrol(OFFICER, PASSWORD, "fuzz").token
    event = _event(1)
    (event["record"] if where == "MoRong" else event)[where] = {"x": MARK}
    body = _raw({"unit_code": UNIT_CODE, "events": [event]}).replace(
        f'"{MARK}"'.encode(), FREE_BAD[what].encode()
    )
    answer = requests.post(
        f"{sync_server.url}/api/v1/events:batch",
        data=body,
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert answer.status_code == 422, answer.text
    assert [e["msg"].endswith(f": {where}") for e in answer.json()["detail"]] == [True], answer.text
    with server_store.transaction() as session:
        assert session.scalar(select(func.count()).select_from(ServerEvent)) == 0


def test_an_unknown_username_is_not_copied_into_the_audit_log(sync_server: LoopbackServer) -> None:
    """A refused enrolment wrote the username typed into the audit log, whatever it was: often the
    password typed into the wrong box. Now an unknown username is logged as such, an account by name."""
    with server_log() as log:
        for username in ("matkhau-go-nham-9", OFFICER):
            answer = requests.post(
                f"{sync_server.url}/api/v1/devices",
                json={"username": username, "password": "sai-mat-khau"},
                timeout=10,
            )
            assert answer.status_code == 401
    refusals = [line for line in log.getvalue().splitlines() if line.startswith("motcua.server.audit")]
    assert len(refusals) == 2, refusals
    assert "unknown username" in refusals[0] and "matkhau-go-nham-9" not in log.getvalue()
    assert repr(OFFICER) in refusals[1] and "sai-mat-khau" not in log.getvalue()


def test_an_unexpected_failure_is_a_500_logged_without_the_values_sent(
    sync_server: LoopbackServer, server_store: ServerStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure no handler expects (here one put into the ingest, whose text quotes the record, as
    pydantic's and SQLAlchemy's do) was logged by uvicorn with its text: the citizen's name in the log.
    Now a 500 with a Vietnamese message, and a log line with the kind, the place and the stack only."""

    def failing_ingest(_session: Any, events: list[Any], *_args: Any, **_kwargs: Any) -> Any:
        raise ValueError(f"cannot fold the record of {events[0].record.ChuHoSo}")

    monkeypatch.setattr("sync.server.app.ingest", failing_ingest)
    token = server_store.enrol(OFFICER, PASSWORD, "fuzz").token
    with server_log() as log:
        answer = requests.post(
            f"{sync_server.url}/api/v1/events:batch",
            data=_raw({"unit_code": UNIT_CODE, "events": [_event(1)]}),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
            timeout=10,
        )
    assert answer.status_code == 500 and answer.json()["detail"] == UNEXPECTED
    assert "builtins.ValueError" in log.getvalue() and "in failing_ingest" in log.getvalue()
    assert "POST /api/v1/events:batch" in log.getvalue() and MARK not in log.getvalue(), log.getvalue()


BAD_JSON = {
    "NaN": "NaN",
    "Infinity": "Infinity",
    "a number beyond a double": "1e400",
    "a lone surrogate": '"\\ud800"',
}


@pytest.mark.parametrize("what", BAD_JSON)
def test_values_json_cannot_carry_back_are_a_422_naming_the_field_not_a_500(
    e2e_server: LoopbackServer, what: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Unauthenticated `POST /devices` with NaN, Infinity, 1e400 or a lone UTF-16 surrogate in a field: each
    answered 500 (the default 422 wrote the value back, which JSON cannot carry; a surrogate reached the
    database). Now a 422 that names the field and never repeats the value, and the log holds no value."""
    for field in ("workstation", "username"):
        fields = {"unit_code": '"H21.55.10"', "username": '"canbo"', "password": '"x-secret-9"',
                  "device_name": '"May 1"', "workstation": "1"}  # fmt: skip
        fields[field] = BAD_JSON[what]
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

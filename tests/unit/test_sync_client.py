"""The client against the real reference server on loopback: enrolment, push, rejections, 401, numbers."""

from __future__ import annotations

import importlib.util
import random
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.core.errors import SyncError, SyncErrorKind
from desktop.core.timeutil import now_local
from desktop.services.accounts import SignedIn
from desktop.services.intake_mapping import received_event
from desktop.store.engine import Store
from desktop.store.events import CLOCK_OFFSET_KEY, append_event
from desktop.store.models import Dossier, Event, NumberBlock, SyncRun
from desktop.store.numbers import next_dossier_code
from sync.client import credentials
from sync.client.config import DEVICE_ID, get_state
from sync.client.enrol import enrol
from sync.client.numbers import reservation_days
from sync.client.records import Unsendable, to_record, to_wire
from sync.client.retry import RetryPolicy, with_retries
from sync.client.status import dossier_sync
from sync.engine import SyncEngine
from sync.events import OtherEvent, event_hash
from sync.server.ingest import ingest
from sync.server.store import ServerStore
from tests.factories import make_dossier
from tests.sync_helpers import (
    CLIENT_RETRY,
    OFFICER,
    PASSWORD,
    UNIT_CODE,
    LoopbackServer,
    MemoryKeyring,
    add_changes,
    client_state,
    profile_contains,
    receive_many,
    server_event_uuids,
    server_state,
)

Enrolled = tuple[Store, SignedIn, LoopbackServer]


def engine(store: Store) -> SyncEngine:
    return SyncEngine(store, policy=CLIENT_RETRY, batch_size=7, read_timeout=5)


def test_enrol_keeps_the_token_only_in_the_keyring(enrolled: Enrolled, memory_keyring: MemoryKeyring) -> None:
    store, _officer, _server = enrolled
    with store.session() as session:
        device = get_state(session, DEVICE_ID)
    token = credentials.load_token(device)
    assert token and memory_keyring.secrets == {(credentials.SERVICE, device): token}
    assert not profile_contains(store, token)


def test_enrol_refuses_wrong_password_and_another_units_account(
    ready_store: tuple[Store, SignedIn],
    sync_server: LoopbackServer,
    memory_keyring: MemoryKeyring,
    server_store: ServerStore,
) -> None:
    store, _ = ready_store
    with pytest.raises(SyncError, match="không đúng") as wrong:
        enrol(store, sync_server.url, OFFICER, "sai-mat-khau")
    assert wrong.value.kind is SyncErrorKind.AUTH
    server_store.create_unit("H21.55.11", "Xã Bên Cạnh")
    server_store.create_officer("H21.55.11", "canbo.bencanh", "matkhau-khac")
    with pytest.raises(SyncError, match="H21.55.11"):
        enrol(store, sync_server.url, "canbo.bencanh", "matkhau-khac")
    assert memory_keyring.secrets == {}


def test_enrol_fails_clearly_without_a_real_keyring(
    ready_store: tuple[Store, SignedIn], sync_server: LoopbackServer
) -> None:
    store, _ = ready_store  # the session's keyring is keyring.backends.null (drops secrets)
    with pytest.raises(SyncError, match="kho mật khẩu"):
        enrol(store, sync_server.url, OFFICER, PASSWORD)


def test_push_sends_every_event_once_and_states_match(enrolled: Enrolled, server_store: ServerStore) -> None:
    store, officer, _ = enrolled
    ids = receive_many(store, officer, 12)
    add_changes(store, officer, ids[:4])
    result = engine(store).run_pass()
    assert (result.outcome, result.pushed, result.pending, result.rejected) == ("ok", 20, 0, 0)
    assert result.all_acknowledged
    assert sorted(server_event_uuids(server_store)) == sorted(e for e in _uuids(store))
    assert server_state(server_store) == client_state(store)
    record = server_state(server_store)[ids[0]]
    assert record["TrangThaiHoSo"] == 2 and record["MaTTHC"] == "1.004884"
    assert record["NgayTiepNhan"].isdigit() and len(record["NgayTiepNhan"]) == 14
    again = engine(store).run_pass()
    assert (again.outcome, again.pushed, again.duplicates) == ("ok", 0, 0)
    with store.session() as session:
        assert {d.sync_status for d in session.scalars(select(Dossier))} == {"synced"}
        runs = session.scalars(select(SyncRun).order_by(SyncRun.id)).all()
        assert [(r.outcome, r.pushed) for r in runs] == [("ok", 20), ("ok", 0)]
        assert get_state(session, CLOCK_OFFSET_KEY) != ""
    report = server_store.report(UNIT_CODE)
    assert (report["dossiers"], report["events"], report["duplicates"]) == (12, 20, 0)


def _uuids(store: Store) -> list[str]:
    with store.session() as session:
        return list(session.scalars(select(Event.uuid)))


def test_rejected_dossier_is_set_aside_with_a_vietnamese_reason(
    enrolled: Enrolled, server_store: ServerStore
) -> None:
    store, officer, _ = enrolled
    ids = receive_many(store, officer, 3)
    with store.transaction() as session:  # a dossier whose code does not carry the commune's identifier
        bad = make_dossier(session)
        bad.code = "H99.00.00-261120-0001"
        session.flush()
        append_event(session, bad.id, received_event(bad), officer.officer_id)
        bad_id = bad.id
    receive_many(store, officer, 2, start=10)
    result = engine(store).run_pass()
    assert (result.pushed, result.rejected, result.pending) == (5, 1, 0)
    assert not result.all_acknowledged
    report = server_store.report(UNIT_CODE)  # the refused event is held once, the dossier is not received
    assert (report["dossiers"], report["events"], report["rejected_events"]) == (5, 6, 1)
    with store.session() as session:
        dossier = session.get_one(Dossier, bad_id)
        assert dossier.sync_status == "rejected"
        assert "không mang mã định danh" in dossier.sync_error
        assert session.get_one(Dossier, ids[0]).sync_status == "synced"
        shown = dossier_sync(session, bad_id)  # what the dossier view shows
        assert session.get_one(Dossier, ids[0]).sync_status == dossier_sync(session, ids[0]).state == "synced"
    assert (shown.state, shown.pending, len(shown.problems)) == ("rejected", 0, 1)
    (problem,) = shown.problems
    assert (problem.seq, problem.status) == (1, "rejected") and problem.answered_at is not None
    assert "H21.55.10" in problem.reason and "(trường: mã hồ sơ)" in problem.reason
    assert shown.message == dossier.sync_error == f"Tỉnh từ chối thay đổi #1: {problem.reason}"


def test_conflicting_history_sets_only_that_dossier_aside(
    enrolled: Enrolled, server_store: ServerStore, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another device already pushed a different first event for one dossier: that dossier waits for a
    person (its later changes are held back), every other dossier goes through; `motcua sync` exits 1."""
    store, officer, _ = enrolled
    ids = receive_many(store, officer, 4)
    with store.session() as session:
        first = session.scalars(select(Event).where(Event.dossier_id == ids[1])).one()
        theirs = to_wire(first, None)
    their_uuid = str(uuid.uuid4())
    assert theirs.payload is not None
    theirs = theirs.model_copy(
        update={
            "uuid": their_uuid,
            "hash": event_hash("", their_uuid, 1, theirs.type, theirs.payload),
            "record": theirs.record.model_copy(update={"ChuHoSo": "Người Khác"}),
        }
    )
    with server_store.transaction() as session:
        unit = server_store.unit_by_code(session, UNIT_CODE)
        device = server_store.enrol(OFFICER, PASSWORD, "may-khac").device_id
        assert ingest(session, [theirs], unit.id, UNIT_CODE, device)[0].status == "accepted"
    first_pass = engine(store).run_pass()
    assert (first_pass.pushed, first_pass.rejected, first_pass.pending) == (3, 1, 0)
    add_changes(store, officer, ids[:2])  # two more changes on the contested dossier, two on a clean one
    assert main(["--data-dir", str(store.profile.root), "sync"]) == 1
    out = capsys.readouterr().out
    assert "Đã gửi: 2" in out and "Bị từ chối: 0" in out and "Còn chờ gửi: 2" in out
    assert "cần xem lại: 1" in out
    with store.session() as session:
        contested = dossier_sync(session, ids[1])
        assert {dossier_sync(session, d).state for d in (ids[0], ids[2], ids[3])} == {"synced"}
    assert (contested.state, contested.pending) == ("rejected", 2)
    assert contested.problems[0].status == "conflict" and "lịch sử hồ sơ" in contested.message


def test_revoked_token_keeps_the_queue_and_asks_for_login(
    enrolled: Enrolled, server_store: ServerStore
) -> None:
    store, officer, server = enrolled
    receive_many(store, officer, 2)
    with store.session() as session:
        device = get_state(session, DEVICE_ID)
    server_store.revoke_device(device)
    result = engine(store).run_pass()
    assert result.outcome == "auth" and result.pending == 2
    assert "thu hồi" in result.message
    enrol(store, server.url, OFFICER, PASSWORD)
    assert engine(store).run_pass().pushed == 2


def test_number_blocks_are_reserved_for_today_and_used_for_codes(enrolled: Enrolled) -> None:
    store, _officer, _ = enrolled
    engine(store).run_pass()
    today = now_local().date()
    days = reservation_days(store, today)  # and the next working days: tests/e2e/test_sync_numbers.py
    with store.transaction() as session:
        blocks = session.scalars(select(NumberBlock).where(NumberBlock.source == "server")).all()
        assert [(b.day, b.first, b.last) for b in blocks] == [(day, 1, 50) for day in days]
        code, seq = next_dossier_code(session, UNIT_CODE, 1, now_local())
        assert seq == 1 and code.endswith("-0001")


def test_unsendable_values_travel_in_the_extension_instead_of_blocking() -> None:
    change = OtherEvent(
        "changed", {"code": "X-1", "status_code": 42, "summary": "a" * 5000, "notes": "ok\x00"}
    )
    record = to_record(change)
    assert record.MaHoSo == "X-1" and record.TrangThaiHoSo is None and record.GhiChu == "ok"
    assert record.MoRong is not None and record.MoRong["_invalid"]["TrangThaiHoSo"] == 42


def test_a_change_that_cannot_be_put_on_the_wire_is_refused_locally_on_its_dossier(
    enrolled: Enrolled, server_store: ServerStore
) -> None:
    """A change whose extension (`MoRong`) is over the protocol's limit is never sent half-empty: it is
    refused on this workstation, shown on its dossier in Vietnamese, and holds back only that dossier."""
    store, officer, _ = enrolled
    ids = receive_many(store, officer, 3)
    assert engine(store).run_pass().all_acknowledged
    too_much = OtherEvent("changed", {f"ghi_chu_{n}": n for n in range(150)})
    with store.transaction() as session:
        append_event(session, ids[0], too_much, None)
        append_event(session, ids[0], OtherEvent("changed", {"notes": "sửa lại"}), None)
        append_event(session, ids[1], OtherEvent("changed", {"notes": "bình thường"}), None)
    with pytest.raises(Unsendable):
        to_record(too_much)
    result = engine(store).run_pass()
    assert (result.pushed, result.pending, result.problems) == (1, 1, 1)
    assert not result.all_acknowledged
    with store.session() as session:
        shown = dossier_sync(session, ids[0])
        dossier = session.get_one(Dossier, ids[0])
        assert dossier_sync(session, ids[1]).state == "synced"
    assert (shown.state, shown.pending, shown.problems[0].status) == ("rejected", 1, "invalid")
    assert shown.message.startswith("Chưa gửi được thay đổi #2: Máy này không gửi được thay đổi lên tỉnh")
    assert "MoRong" in shown.message and dossier.sync_error == shown.message
    assert server_store.report(UNIT_CODE)["events"] == 4  # 3 intakes and the clean change, nothing empty


def test_a_payload_the_wire_cannot_carry_is_checked_against_its_hash_before_sending() -> None:
    """With a NUL character the payload cannot travel, so the province cannot recompute its hash: the
    workstation does, and refuses to send a row edited outside the application (issue 23)."""
    payload = {"code": "X-1", "status_code": 4, "notes": "ghi chú\x00"}
    event_uuid = "0b9a8f1e-6d2c-4a51-9e3b-2f7c1d4e5a60"
    honest = Event(
        uuid=event_uuid,
        dossier_id="5c3e2d1f-0a9b-4c8d-8e7f-6a5b4c3d2e1f",
        seq=2,
        type="changed",
        payload=payload,
        officer_id=None,
        device_time=now_local(),
        clock_offset_ms=0,
        prev_hash="a" * 64,
        hash=event_hash("a" * 64, event_uuid, 2, "changed", payload),
    )
    wire = to_wire(honest, OFFICER)
    assert wire.payload is None and wire.record.GhiChu == "ghi chú"
    edited = {**payload, "status_code": 10}
    honest.payload = edited
    with pytest.raises(Unsendable, match="không khớp"):
        to_wire(honest, OFFICER)


def test_backoff_is_jittered_exponential_and_retry_after_is_honoured() -> None:
    policy = RetryPolicy(base=1, cap=8, max_attempts=5)
    rng = random.Random(7)
    delays = [policy.delay(a, rng) for a in range(6) for _ in range(50)]
    assert all(0 <= d <= 8 for d in delays)
    assert max(policy.delay(0, rng) for _ in range(50)) <= 1 < max(policy.delay(3, rng) for _ in range(50))
    slept: list[float] = []
    calls = iter(
        [
            SyncError("busy", SyncErrorKind.SERVER, retry_after=3),
            SyncError("net", SyncErrorKind.NETWORK),
            "done",
        ]
    )

    def flaky() -> str:
        item = next(calls)
        if isinstance(item, SyncError):
            raise item
        return item

    assert with_retries(flaky, policy, slept.append, rng) == "done"
    assert slept[0] == 3 and 0 <= slept[1] <= 2
    with pytest.raises(SyncError):
        with_retries(
            lambda: (_ for _ in ()).throw(SyncError("no", SyncErrorKind.AUTH)), policy, slept.append, rng
        )
    assert len(slept) == 2
    calls = iter([SyncError("drop", SyncErrorKind.NETWORK), SyncError("drop", SyncErrorKind.NETWORK), "done"])
    assert with_retries(flaky, policy, slept.append, rng) == "done"
    assert len(slept) == 3 and 0 <= slept[2] <= 2  # a dropped connection is tried again at once, once


def test_not_enrolled_pass_says_so(
    ready_store: tuple[Store, SignedIn], capsys: pytest.CaptureFixture[str]
) -> None:
    store, officer = ready_store
    receive_many(store, officer, 1)
    result = SyncEngine(store).run_pass()
    assert result.outcome == "not_enrolled" and "chưa đăng ký" in result.message
    assert main(["--data-dir", str(store.profile.root), "sync"]) == 2
    out, err = capsys.readouterr()
    assert "Còn chờ gửi: 1" in out and "chưa đăng ký" in err


def test_keyrings_alt_is_never_a_dependency() -> None:
    """Its "keyring" is a base64 file: the token would sit on disk (stack §4)."""
    lock = (Path(__file__).resolve().parents[2] / "uv.lock").read_text(encoding="utf-8")
    assert 'name = "keyrings-alt"' not in lock.lower()
    assert importlib.util.find_spec("keyrings") is None


def test_second_pass_is_refused_while_one_runs(enrolled: Enrolled) -> None:
    store, _, _ = enrolled
    first, second = engine(store), engine(store)
    assert first.lock.acquire()
    try:
        assert second.run_pass().outcome == "busy"
    finally:
        first.lock.release()
    assert second.run_pass().outcome == "ok"


def test_clock_offset_is_measured(enrolled: Enrolled) -> None:
    store, _, _ = enrolled
    assert engine(store).probe()
    with store.session() as session:
        offset = int(get_state(session, CLOCK_OFFSET_KEY))
    assert abs(offset) < 2000  # same machine: within the Date header's one-second resolution
    _ = timedelta


def test_enroll_command_says_what_to_do_without_a_keyring(
    ready_store: tuple[Store, SignedIn],
    sync_server: LoopbackServer,
    server_store: ServerStore,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No OS keyring (keyring's `fail` backend): exit 2, a Vietnamese line that says what to install, no
    class name, and nothing at the province."""
    import io

    import keyring
    from keyring.backends import fail

    from desktop.cli import main

    store, _ = ready_store
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        code = main(
            ["--data-dir", str(store.profile.root), "enroll", "--server", sync_server.url,
             "--username", OFFICER, "--password-stdin"]
        )  # fmt: skip
    finally:
        keyring.set_keyring(previous)
    err = capsys.readouterr().err
    assert code == 2
    assert "chưa có kho mật khẩu" in err and "gnome-keyring" in err
    assert "NoKeyringError" not in err and "Traceback" not in err
    assert server_store.report(UNIT_CODE)["devices"] == 0


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        (
            {"protocol_version": 2},
            "giao thức đồng bộ phiên bản 2, máy trạm này dùng phiên bản 1: hãy cập nhật",
        ),
        (
            {"protocol_version": 0},
            "phiên bản 0, máy trạm này dùng phiên bản 1: máy chủ tỉnh cần được nâng cấp",
        ),
        ({"min_client_version": "9.0.0"}, "yêu cầu phiên bản 9.0.0 trở lên (máy trạm này: 0.1.0)"),
    ],
)
def test_a_server_of_another_protocol_version_is_said_and_nothing_is_sent(
    enrolled: Enrolled,
    server_store: ServerStore,
    monkeypatch: pytest.MonkeyPatch,
    answer: dict[str, object],
    said: str,
) -> None:
    from functools import partial

    from sync.protocol import Health

    store, officer, server = enrolled
    receive_many(store, officer, 2)
    monkeypatch.setattr(
        "sync.server.app.Health", partial(Health, **answer)
    )  # the server's /health answers so
    result = engine(store).run_pass()
    assert (result.outcome, result.pushed, result.pending) == ("error", 0, 2)
    assert said in result.message and "Chưa gửi gì" in result.message
    assert server_event_uuids(server_store) == []
    with pytest.raises(SyncError, match="Chưa gửi gì"):  # nor is an account sent to enrol
        enrol(store, server.url, OFFICER, PASSWORD)
    monkeypatch.undo()
    assert engine(store).run_pass().pushed == 2


def test_a_newer_servers_extra_health_fields_are_ignored_and_an_address_without_v1_is_said(
    enrolled: Enrolled,
) -> None:
    from sync.client.compat import ServerHealth, server_health
    from sync.client.config import ClientConfig
    from sync.client.http import SyncHttp

    health = ServerHealth.model_validate(
        {
            "server_time": "2026-12-03T09:30:00+07:00",
            "server_version": "2.0",
            "protocol_version": 1,
            "new": [1],
        }
    )
    assert health.protocol_version == 1
    store, _officer, server = enrolled
    http = SyncHttp(ClientConfig(server_url=server.url + "/not-the-api"))
    try:
        with pytest.raises(SyncError, match="không trả lời giao thức đồng bộ phiên bản 1") as refused:
            server_health(http)
    finally:
        http.close()
    assert refused.value.kind is SyncErrorKind.REJECTED

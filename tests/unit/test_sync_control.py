"""The Qt-free side of the GUI's sync: settings checks, probe backoff, the end-of-day pass, enrolment errors."""

from __future__ import annotations

import random
from datetime import datetime, time
from pathlib import Path

import pytest

from desktop.core.errors import SyncError, SyncErrorKind, ValidationError
from desktop.core.timeutil import VN_TZ
from desktop.services.sync_control import (
    ConnectionSettings,
    ProbeSchedule,
    check_settings,
    connect,
    end_of_day_due,
    read_overview,
    seconds_until,
    update_settings,
)
from sync.client.config import ClientConfig
from sync.engine import SyncEngine
from tests.sync_helpers import CLIENT_RETRY, OFFICER, PASSWORD, free_port, receive_many

CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"


def at(hour: int, minute: int = 0, day: int = 23) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=VN_TZ)


def test_end_of_day_pass_is_due_once_a_day_after_its_time() -> None:
    eod = time(16, 30)
    assert not end_of_day_due(at(16, 29), eod, None)
    assert end_of_day_due(at(16, 30), eod, None)
    assert end_of_day_due(at(23, 59), eod, at(16, 35, day=22))  # yesterday's does not count
    assert not end_of_day_due(at(17, 0), eod, at(16, 31))  # done today
    assert not end_of_day_due(at(17, 0), None, None)  # switched off
    assert seconds_until(at(16, 0), eod) == 30 * 60
    assert seconds_until(at(16, 30), eod) == 24 * 3600  # today's has passed: tomorrow's


def test_probe_backoff_grows_with_jitter_and_is_capped() -> None:
    schedule = ProbeSchedule(online_interval=300, online_jitter=0.1, offline_base=15, offline_cap=900)
    rng = random.Random(7)
    steady = [schedule.next_probe(0, rng) for _ in range(50)]
    assert all(300 <= d <= 330 for d in steady) and len(set(steady)) > 1
    first = [schedule.next_probe(1, rng) for _ in range(50)]
    assert all(7.5 <= d <= 15 for d in first) and len(set(first)) > 1
    assert all(60 <= schedule.next_probe(4, rng) <= 120 for _ in range(50))
    assert all(450 <= schedule.next_probe(30, rng) <= 900 for _ in range(50))
    assert 450 <= schedule.next_probe(10_000, rng) <= 900  # a link down for days: no overflow


def test_the_default_schedule_notices_a_dead_server_within_10_s_and_one_back_within_30_s() -> None:
    schedule, probe_timeout = ProbeSchedule(), ClientConfig("https://tinh.example").probe_timeout
    rng = random.Random(13)
    # while online: the wait before the next probe, then a probe that gives up after its timeout
    longest_online = max(schedule.next_probe(0, rng) for _ in range(2000))
    assert 5 <= longest_online <= 6.25
    assert longest_online + probe_timeout <= schedule.dead_noticed_within() <= 10
    # while offline, however long: the failing probe, the longest wait, the probe that finds it back
    longest_offline = max(schedule.next_probe(n, rng) for n in range(1, 200) for _ in range(20))
    assert longest_offline <= 20
    assert 2 * probe_timeout + longest_offline <= schedule.back_noticed_within() <= 30
    assert schedule.next_probe(1, rng) <= 2  # the first retry comes soon: a blip is over in seconds


def test_settings_are_checked_with_vietnamese_messages(tmp_path: Path) -> None:
    ca = tmp_path / "tinh-ca.pem"
    ca.write_text(CERT, encoding="ascii")
    good = check_settings(
        ConnectionSettings("https://motcua.gialai.gov.vn/", str(ca), "http://proxy:3128", "17:05")
    )
    assert good == ConnectionSettings(
        "https://motcua.gialai.gov.vn", str(ca.resolve()), "http://proxy:3128", "17:05"
    )
    cases = {
        "server_url": ConnectionSettings("motcua.gialai.gov.vn"),
        "proxy_url": ConnectionSettings(proxy_url="proxy:3128"),
        "ca_bundle": ConnectionSettings(ca_bundle=str(tmp_path / "missing.pem")),
        "end_of_day": ConnectionSettings(end_of_day="25:00"),
    }
    for field, bad in cases.items():
        with pytest.raises(ValidationError) as caught:
            check_settings(bad)
        assert caught.value.field == field
        assert "không" in str(caught.value).lower()
    (tmp_path / "not-a-cert.pem").write_text("hello", encoding="ascii")
    with pytest.raises(ValidationError, match="PEM"):
        check_settings(ConnectionSettings(ca_bundle=str(tmp_path / "not-a-cert.pem")))


def test_connect_saves_settings_and_explains_failures(
    ready_store, sync_server, memory_keyring, tmp_path
) -> None:
    store, officer = ready_store
    receive_many(store, officer, 1)
    overview = read_overview(store)
    assert not overview.enrolled and overview.pending == 1 and overview.settings.end_of_day == "16:30"

    nowhere = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(SyncError) as caught:
        connect(store, ConnectionSettings(nowhere, end_of_day="17:00"), OFFICER, PASSWORD)
    assert caught.value.kind is SyncErrorKind.NETWORK and nowhere in str(caught.value)
    assert str(caught.value).startswith("Không kết nối được máy chủ tỉnh")
    no_proxy = f"http://127.0.0.1:{free_port()}"  # the setting is used: a proxy that is down is named
    with pytest.raises(SyncError) as caught:
        connect(store, ConnectionSettings(sync_server.url, proxy_url=no_proxy), OFFICER, PASSWORD)
    assert "proxy" in str(caught.value) and no_proxy in str(caught.value)
    assert read_overview(store).settings.proxy_url == ""  # a failed try leaves the settings as they were
    with pytest.raises(SyncError, match="chứng chỉ"):
        connect(store, ConnectionSettings(sync_server.url.replace("http:", "https:")), OFFICER, PASSWORD)
    with pytest.raises(SyncError, match="mật khẩu"):
        connect(store, ConnectionSettings(sync_server.url), OFFICER, "sai-mat-khau")
    assert not read_overview(store).enrolled

    done = connect(store, ConnectionSettings(sync_server.url, end_of_day=""), OFFICER, PASSWORD)
    assert read_overview(store).settings.proxy_url == ""
    overview = read_overview(store)
    assert overview.enrolled and overview.settings.server_url == sync_server.url
    assert overview.settings.end_of_day == ""  # the officer switched the daily pass off
    assert done.unit_code == "H21.55.10"

    # trying another proxy that turns out to be down leaves a working workstation working
    with pytest.raises(SyncError):
        connect(store, ConnectionSettings(sync_server.url, proxy_url=no_proxy), OFFICER, PASSWORD)
    overview = read_overview(store)
    assert overview.enrolled and overview.settings.proxy_url == "" and overview.settings.end_of_day == ""
    assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().all_acknowledged


def test_settings_change_without_a_new_login_only_when_the_server_answers(enrolled) -> None:
    store, _officer, server = enrolled
    down = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(SyncError, match="proxy"):
        update_settings(store, ConnectionSettings(server.url, proxy_url=down, end_of_day="17:45"))
    assert read_overview(store).settings == ConnectionSettings(server.url)  # unchanged
    with pytest.raises(ValidationError) as caught:
        update_settings(store, ConnectionSettings("https://motcua.example.vn", end_of_day="17:45"))
    assert caught.value.field == "server_url"  # another server needs a new login
    update_settings(store, ConnectionSettings(server.url, end_of_day="17:45"))
    assert read_overview(store).settings == ConnectionSettings(server.url, end_of_day="17:45")

"""The application clock: pinned in a process, shifted for a process tree, the session's date from --today."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from desktop.core import timeutil
from desktop.core.timeutil import NOW_ENV, VN_TZ, now_local, shifted_clock_spec, today_local
from tests.clock import DEFAULT_TODAY, OPTION_ENV, Clock


def _child_now(env: dict[str, str]) -> datetime:
    code = "from desktop.core.timeutil import now_local; print(now_local().isoformat())"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return datetime.fromisoformat(out.stdout.strip())


def test_the_session_runs_at_the_pinned_date(pytestconfig: pytest.Config, at_moment: str | None) -> None:
    wanted = at_moment or pytestconfig.getoption("--today") or os.environ.get(OPTION_ENV) or DEFAULT_TODAY
    if wanted == "real":
        pytest.skip("--today=real: the real clock")
    start = timeutil.parse_moment(wanted)
    assert start <= now_local() < start + timedelta(hours=2)  # a running clock, from that instant


def test_a_process_started_by_a_test_reads_the_same_running_clock() -> None:
    spec = shifted_clock_spec(datetime(2028, 2, 29, 23, 59, 58), at=time.time() - 3)  # 3 s ago
    child = _child_now({**os.environ, NOW_ENV: spec})
    assert datetime(2028, 3, 1, 0, 0, 1, tzinfo=VN_TZ) <= child < datetime(2028, 3, 1, 0, 1, tzinfo=VN_TZ)


def test_without_an_anchor_the_clock_starts_at_the_value_when_the_process_starts() -> None:
    child = _child_now({**os.environ, NOW_ENV: "2027-02-11"})  # a date alone: the counter opens
    assert datetime(2027, 2, 11, 9, 0, tzinfo=VN_TZ) <= child < datetime(2027, 2, 11, 9, 1, tzinfo=VN_TZ)
    child = _child_now({k: v for k, v in os.environ.items() if k != NOW_ENV})
    assert abs(child - datetime.now(VN_TZ)) < timedelta(minutes=1)  # production: the real clock


def test_a_malformed_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NOW_ENV, "29/02/2028")
    with pytest.raises(ValueError, match="MOTCUA_NOW='29/02/2028'"):
        now_local()


def test_the_clock_fixture_freezes_this_process_and_starts_children_there(clock: Clock) -> None:
    moment = clock.set(datetime(2026, 12, 31, 16, 59))
    assert now_local() == moment and today_local() == date(2026, 12, 31)
    assert now_local().tzinfo == VN_TZ
    child = _child_now(dict(os.environ))
    assert moment <= child < moment + timedelta(minutes=1)
    assert clock.advance(timedelta(hours=7, minutes=2)).date() == today_local() == date(2027, 1, 1)


# Reads of the real clock outside timeutil: the HTTP client compares the server's `Date` header with the OS
# clock (a clock skew is a fact about the machine, not about the counter's date).
CLOCK_READS = re.compile(
    r"datetime\.(now|today|utcnow)\(|date\.today\(|time\.time\(\)|QDate\.currentDate|QDateTime\.current"
)
ALLOWED = {"sync/client/http.py": 3}


def test_the_code_reads_the_date_only_through_timeutil() -> None:
    root = Path(__file__).resolve().parents[2]
    found = {}
    for path in sorted([*root.glob("desktop/**/*.py"), *root.glob("sync/**/*.py")]):
        count = len(CLOCK_READS.findall(path.read_text(encoding="utf-8")))
        if count and path.name != "timeutil.py":
            found[path.relative_to(root).as_posix()] = count
    assert found == ALLOWED

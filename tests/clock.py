"""The tests' clock: every test session runs at a pinned date and time, never the real one.

`--today=2028-02-29T12:15` (or `MOTCUA_TEST_TODAY`; an ISO date means 09:00; `real` = the real clock)
sets `MOTCUA_NOW` for the session (see `desktop.core.timeutil`), so the test process, its xdist workers
and every `motcua`/`motcua-server` process a test starts read the same running clock from that instant.
Default: `DEFAULT_TODAY`, an ordinary working Thursday morning. `make test-dates` runs the date-sensitive
tests again at the awkward dates of `DATES` (Makefile). Registered in tests/conftest.py.

A test that needs a particular moment takes the `clock` fixture: `clock.set(datetime(2027, 1, 4, 9, 0))`
freezes this process's clock there (and starts subprocesses' clocks there); it is restored after the test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from desktop.core import timeutil

DEFAULT_TODAY = "2026-12-03T09:30"
OPTION_ENV = "MOTCUA_TEST_TODAY"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--today",
        default=None,
        help=f"date or date-time the tests run at (default ${OPTION_ENV} or {DEFAULT_TODAY}; 'real': the real clock)",
    )


def _start(config: pytest.Config) -> datetime | None:
    value = (config.getoption("--today") or os.environ.get(OPTION_ENV) or DEFAULT_TODAY).strip()
    if value == "real":
        return None
    try:
        return timeutil.parse_moment(value)
    except ValueError:
        raise pytest.UsageError(f"--today={value!r}: expected YYYY-MM-DD[THH:MM] or 'real'") from None


def pytest_configure(config: pytest.Config) -> None:
    start = _start(config)
    if start is None:
        os.environ.pop(timeutil.NOW_ENV, None)
        return
    inherited = os.environ.get(timeutil.NOW_ENV, "")
    if hasattr(config, "workerinput") and inherited.startswith(start.isoformat() + "@"):
        return  # an xdist worker keeps the controller's clock: all workers agree
    os.environ[timeutil.NOW_ENV] = timeutil.shifted_clock_spec(start)


def pytest_report_header(config: pytest.Config) -> str:
    spec = os.environ.get(timeutil.NOW_ENV)
    return f"clock: {timeutil.now_local():%Y-%m-%d %H:%M %a} (--today)" if spec else "clock: real"


class Clock:
    """A test's handle on the application clock."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._monkeypatch = monkeypatch
        self.now: datetime | None = None

    def set(self, moment: datetime) -> datetime:
        """Freeze the clock at `moment` (naive = Vietnam time); processes started now begin there."""
        self.now = frozen = timeutil.as_local(moment)
        timeutil.set_clock(lambda: frozen)
        self._monkeypatch.setenv(timeutil.NOW_ENV, timeutil.shifted_clock_spec(self.now))
        return self.now

    def advance(self, delta: timedelta) -> datetime:
        assert self.now is not None, "clock.set() first"
        return self.set(self.now + delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    handle = Clock(monkeypatch)
    yield handle
    timeutil.set_clock(None)

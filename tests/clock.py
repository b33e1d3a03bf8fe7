"""The tests' clock: every test session runs at a pinned date and time, never the real one.

`--today=2028-02-29T12:15` (or `MOTCUA_TEST_TODAY`; an ISO date means 09:00; `real` = the real clock)
sets `MOTCUA_NOW` for the session (see `desktop.core.timeutil`), so the test process, its xdist workers
and every `motcua`/`motcua-server` process a test starts read the same running clock from that instant.
Default: `DEFAULT_TODAY`, an ordinary working Thursday morning. `--also-at=A,B,…` runs the date-sensitive
tests (`DATE_SENSITIVE`, marker `dates`) again at each moment, in the same session and spread over the same
xdist workers: `make test` does so at the awkward moments of `DATES` (Makefile). Registered in
tests/conftest.py.

A test that needs a particular moment takes the `clock` fixture: `clock.set(datetime(2027, 1, 4, 9, 0))`
freezes this process's clock there (and starts subprocesses' clocks there); it is restored after the test.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop.core import timeutil

DEFAULT_TODAY = "2026-12-03T09:30"
OPTION_ENV = "MOTCUA_TEST_TODAY"
# The test modules whose outcome depends most on today's date (numbering from today's number blocks,
# appointments and the calendar's coverage from today, "today" views and ranges, demo history, end of day):
# marked `dates`; `--also-at` runs them again at other moments. Many more tests read the clock (every stored row
# is stamped), so the list is a choice, for CI's time: a module that decides something from today goes here (a
# test taking the `clock` fixture pins its own moments and is not copied). A test of these modules that decides
# nothing from today (a scan, a bad file, a fixed date range) is marked `one_moment` and runs once; a module
# whose every test pins its own day (tests/unit/test_numbers.py) is not listed.
DATE_SENSITIVE = frozenset(
    {
        "tests/unit/test_clock.py",
        "tests/unit/test_demo.py",
        "tests/unit/test_calendar_cli.py",
        "tests/unit/test_calendar_import.py",
        "tests/unit/test_cli_commands.py",
        "tests/unit/test_intake_services.py",
        "tests/unit/test_dossier_detail.py",
        "tests/unit/test_sync_control.py",
        "tests/unit/test_scheduled_jobs.py",
        "tests/e2e/test_sync_numbers.py",
        "tests/e2e/test_sync_reconcile.py",
        "tests/ui/test_intake_context.py",
        "tests/ui/test_dossier_view.py",
        "tests/ui/test_demo_profile.py",
    }
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--today",
        default=None,
        help=f"date or date-time the tests run at (default ${OPTION_ENV} or {DEFAULT_TODAY}; 'real': the real clock)",
    )
    parser.addoption(
        "--also-at",
        default="",
        help="comma-separated moments the `dates` tests also run at, in the same session (ids [at-…])",
    )
    parser.addoption(
        "--date-sensitive",
        action="store_true",
        help="collect only the modules of DATE_SENSITIVE (tests/clock.py)",
    )


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if (
        not config.getoption("--date-sensitive")
        or collection_path.is_dir()
        or collection_path.suffix != ".py"
    ):
        return None
    if not collection_path.name.startswith("test_"):
        return None
    return collection_path.relative_to(config.rootpath).as_posix() not in DATE_SENSITIVE


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


def _also_at(config: pytest.Config) -> list[str]:
    moments = [m.strip() for m in str(config.getoption("--also-at")).split(",") if m.strip()]
    for moment in moments:
        try:
            timeutil.parse_moment(moment)
        except ValueError:
            raise pytest.UsageError(f"--also-at: {moment!r} is not YYYY-MM-DD[THH:MM]") from None
    return moments


def _date_sensitive(nodeid: str, fixturenames: Iterable[str]) -> bool:
    """A test of the DATE_SENSITIVE modules. A test taking the `clock` fixture sets its own moment
    (`clock.set`) before reading it, so a copy at another moment would run the same test again: not one."""
    del fixturenames
    return nodeid.split("::", 1)[0] in DATE_SENSITIVE


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    moments = _also_at(metafunc.config)
    if metafunc.definition.get_closest_marker("one_moment") is not None:
        return  # a test of those modules that decides nothing from today: one run is enough
    if moments and _date_sensitive(metafunc.definition.nodeid, metafunc.fixturenames):
        ids = ["today", *(f"at-{m}" for m in moments)]
        metafunc.parametrize("at_moment", [None, *moments], indirect=True, ids=ids)


@pytest.fixture(autouse=True)
def at_moment(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str | None:
    """Under `--also-at`, the copies of a `dates` test run with the clock started at their moment (returned)."""
    moment: str | None = getattr(request, "param", None)
    if moment is not None:
        monkeypatch.setenv(timeutil.NOW_ENV, timeutil.shifted_clock_spec(timeutil.parse_moment(moment)))
    return moment


def _twice_today(item: pytest.Item, nodeids: set[str]) -> bool:
    """The SQLite run at today of an end-to-end `dates` test that also runs today on PostgreSQL and, on
    SQLite, at the other moments: both databases are proved without it (~10 s each)."""
    callspec = getattr(item, "callspec", None)
    if callspec is None or callspec.params.get("at_moment", "") is not None:
        return False
    if callspec.params.get("backend_url") != "sqlite" or "[sqlite-today]" not in item.nodeid:
        return False
    return item.nodeid.replace("[sqlite-today]", "[postgres-today]") in nodeids


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    kept, dropped = [], []
    nodeids = {item.nodeid for item in items}
    for item in items:
        if _date_sensitive(item.nodeid, getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.dates)
        callspec = getattr(item, "callspec", None)
        other_moment = callspec is not None and callspec.params.get("at_moment") is not None
        # the copies at other moments: SQLite and no slow process tests (the date is not the server's concern)
        if other_moment and any(item.get_closest_marker(m) for m in ("postgres", "slow", "package")):
            dropped.append(item)
        elif _twice_today(item, nodeids):
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


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

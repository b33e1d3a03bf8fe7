"""The test setup's two watchdogs each fire (pyproject.toml, README "Tests"): a deliberately hanging test in a
child pytest session, run the way `make test` runs the suite (xdist, `--dist load`), with short timeouts."""

from __future__ import annotations

import tomllib

import pytest

from tests.sessions import ROOT, pytest_command, run_child

XDIST = ("-n", "1", "--dist", "load")  # as `make test` runs the suite


def hung_session(session: str, faulthandler_timeout: int, within: float) -> str:
    """What a child session printed: its first test hangs (pytest-timeout at 2 s), its second passes."""
    options = ("-o", "timeout=2", "-o", f"faulthandler_timeout={faulthandler_timeout}")
    done, elapsed = run_child(pytest_command(session, *XDIST, *options), timeout=120)
    out = done.stdout + done.stderr
    assert done.returncode == 1 and "1 failed, 1 passed" in out, out
    assert elapsed < within  # the hanging test waits 120 s or forever unless stopped
    return out


@pytest.mark.slow  # a child session with an xdist worker: about 10 s
def test_pytest_timeout_fails_a_test_hung_in_python_and_the_session_goes_on() -> None:
    out = hung_session("hang_in_python.py", faulthandler_timeout=30, within=30)
    assert "test_waits_forever_in_python" in out
    assert "Failed: Timeout (>2.0s) from pytest-timeout" in out
    assert "Timeout (0:00:30)!" not in out and "crashed" not in out  # faulthandler did not end the worker


@pytest.mark.slow  # a child session whose worker is replaced: about 15 s
def test_faulthandler_ends_a_worker_hung_in_c_with_its_stack_and_the_session_goes_on() -> None:
    out = hung_session("hang_in_c.py", faulthandler_timeout=4, within=60)
    assert "Timeout (0:00:04)!" in out  # faulthandler's watchdog, 2 s after pytest-timeout could not fire
    assert 'hang_in_c.py", line' in out and "in test_blocks_in_c_holding_the_gil" in out  # the hung line
    assert "pytest-timeout" not in out
    assert "worker 'gw0' crashed while running" in out


def test_pytest_timeout_fires_before_faulthandler() -> None:
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]
    ini = options["ini_options"]
    assert ini["timeout_method"] == "signal"
    assert 0 < ini["timeout"] < ini["faulthandler_timeout"] and ini["faulthandler_exit_on_timeout"] is True
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    package = next(line for line in makefile.splitlines() if "-m package" in line)
    assert "-o timeout=1500 -o faulthandler_timeout=1800" in package

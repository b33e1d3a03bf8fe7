"""Small pytest sessions that child processes run (their names do not match `test_*.py`: the suite does not
collect them), and `run_child`, which starts such a child and times it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def pytest_command(session: str, *options: str) -> list[str]:
    """A child pytest on `tests/sessions/<session>`, with the suite's own options (pyproject.toml)."""
    return [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *options, str(HERE / session)]


def run_child(
    command: list[str], timeout: float, **env: str
) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run `command` in the project's folder (offscreen Qt, bytecode cached): its result and its seconds. One
    still running after `timeout` seconds is killed and fails the test with what it printed."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.monotonic()
    try:
        done = subprocess.run(
            command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as hung:
        pytest.fail(f"{command[1:]} still running after {timeout} s (hung?): {hung.stdout!r} {hung.stderr!r}")
    return done, time.monotonic() - started

"""A test that hangs in Python (waits on an event nobody sets), then one that passes.

Run only by tests/unit/test_timeouts.py, in a child pytest with short timeouts: pytest-timeout must fail the
first (SIGALRM; the session goes on) before faulthandler's watchdog would end the process.
"""

from __future__ import annotations

import threading


def test_waits_forever_in_python() -> None:
    threading.Event().wait(120)


def test_the_session_goes_on() -> None:
    assert True

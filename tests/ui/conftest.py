"""Fixtures of the pytest-qt tests: background tasks run inline (deterministic) unless a test opts out."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.ui import tasks


@pytest.fixture(autouse=True)
def synchronous_tasks() -> Iterator[None]:
    """`desktop.ui.tasks` runs work inline in UI tests; use the `threaded_tasks` fixture to opt out."""
    tasks.set_synchronous(True)
    yield
    tasks.set_synchronous(False)


@pytest.fixture
def threaded_tasks(synchronous_tasks: None) -> Iterator[None]:
    """Real worker threads for this test (wait with qtbot.waitUntil / waitSignal)."""
    tasks.set_synchronous(False)
    yield
    tasks.shutdown(wait=True)

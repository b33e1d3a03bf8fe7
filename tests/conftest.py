"""Shared fixtures: offscreen Qt, a fresh profile per test, an in-memory keyring, the `gui` marker."""

from __future__ import annotations

import faulthandler
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
os.environ.setdefault(
    "MOTCUA_START_CHECKS", "0"
)  # no recovery key prompt nor daily snapshot (desktop.ui.backup_dialog)
# Officers' passwords at Argon2's cheapest cost here and in the processes tests start (sync/passwords.py):
# at the production cost (0.3 s of CPU each) hashing and checking them took minutes of the suite.
os.environ.setdefault("MOTCUA_ARGON2_PROFILE", "CHEAPEST")

from desktop.cli import database_key
from desktop.services.accounts import SetupData, SignedIn, complete_setup
from desktop.store import cipher
from desktop.store.engine import Store, open_store

cipher.set_key_source(database_key)  # as `motcua` does: encrypted stores open with the keyring's key

pytest_plugins = [
    "tests.clock",  # --today, MOTCUA_NOW for the session, the clock fixture
    "tests.sync_fixtures",  # memory_keyring, server_store, sync_server, enrolled
    "tests.cups",  # cups_pdf_queue
    "tests.permissions",  # open_tmp (with tests.permissions.read_only)
    "tests.small_disk",  # small_disk: a tmpfs the test mounts (full disk, read-only media)
]

DEMO_SETUP = SetupData(
    unit_name="Xã Ia Grai",
    unit_code="H21.55.10",
    province="Gia Lai",
    workstation=1,
    username="canbo1",
    full_name="Nguyễn Thị Hằng",
    password="matkhau-123",
)


_stacks_out: list[int] = []  # the real stderr, duplicated before any test captures it


def pytest_configure(config: pytest.Config) -> None:
    """`kill -USR1 PID` prints every thread's stack of a test process (the controller or an xdist worker)
    and lets it go on: `.ci/run` does so to all of them shortly before its bound on `make check`, so a hang
    outside a test's own watchdog (faulthandler_timeout) still shows where it is. faulthandler's handler
    runs in C, without the GIL."""
    if hasattr(signal, "SIGUSR1") and not _stacks_out:
        _stacks_out.append(os.dup(2))  # capturing is suspended while pytest_configure runs
        faulthandler.register(signal.SIGUSR1, file=_stacks_out[0], all_threads=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Auto-mark every test that uses Qt fixtures as `gui`, so `-m "not gui"` stays fast. (The CUPS checks
    live in one test, tests/ui/test_print_preview.py: two xdist workers must not set up and tear down the
    one queue at once.)"""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures:
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "profile"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """A fresh, migrated store with no setup done."""
    s = open_store(data_dir)
    yield s
    s.close()


@pytest.fixture
def ready_store(store: Store) -> tuple[Store, SignedIn]:
    """A store after first-run setup (demo commune, one officer, shipped catalogue)."""
    officer = complete_setup(store, DEMO_SETUP)
    return store, officer

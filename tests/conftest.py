"""Shared fixtures: offscreen Qt, a fresh profile per test, an in-memory keyring, the `gui` marker."""

from __future__ import annotations

import faulthandler
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
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

from desktop import process_exit
from desktop.cli import database_key
from desktop.core import timeutil
from desktop.services.accounts import SetupData, SignedIn, complete_setup
from desktop.store import cipher
from desktop.store.engine import Store, open_store
from tests.signals import sigpipe_ignored

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
    runs in C, without the GIL. A test process, like `motcua`, does not hang at exit when a thread holds
    the C library's locale lock (desktop/process_exit.py)."""
    if hasattr(signal, "SIGUSR1") and not _stacks_out:
        _stacks_out.append(os.dup(2))  # capturing is suspended while pytest_configure runs
        faulthandler.register(signal.SIGUSR1, file=_stacks_out[0], all_threads=True)
    process_exit.install()


def pytest_sessionfinish(exitstatus: int) -> None:
    """The status a test process leaves with if it has to skip the C libraries' exit code."""
    process_exit.set_status(int(exitstatus))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Auto-mark every test that uses Qt fixtures as `gui`, so `-m "not gui"` stays fast. (The CUPS checks
    live in one test, tests/ui/test_print_preview.py: two xdist workers must not set up and tear down the
    one queue at once.)"""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def nothing_left_behind() -> Iterator[None]:
    """After every test: no scan still running (its watcher thread, desktop/scan/sane_backend.py), and
    SIGPIPE still ignored, as Python sets it: libsane resets it when a scan ends, after which a write to a
    closed pipe or socket kills the process without a trace (an xdist worker "not properly terminated")."""
    yield
    scanning = sys.modules.get("desktop.scan.sane_backend")  # not imported: no scan ran
    name = getattr(scanning, "WATCHER_NAME", None)
    deadline = time.monotonic() + 5
    while (left := [t.name for t in threading.enumerate() if t.name == name]) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not left, f"a scan still runs after the test: {left}"
    assert sigpipe_ignored() is not False, "SIGPIPE is no longer ignored (libsane reset it)"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "profile"


@dataclass(frozen=True)
class _SetUpProfile:
    """A profile after first-run setup, made once per test process, and the clock it was made at."""

    root: Path
    officer: SignedIn
    clock_start: str


_COPIED = pytest.StashKey[SignedIn]()


def _clock_start() -> str:
    """The moment the clock started from (MOTCUA_NOW without its `@` Unix time): the session's own, a date
    copy's (`--also-at`) or a test's frozen one (`clock.set`)."""
    return os.environ.get(timeutil.NOW_ENV, "").split("@", 1)[0]


@pytest.fixture(scope="session")
def set_up_profile(tmp_path_factory: pytest.TempPathFactory) -> _SetUpProfile:
    """Made before any test's own fixtures (session scope), so nothing a test patches reaches it; copied for
    each `ready_store` at the session's clock (0.03 s instead of 0.16 s of setup, ~570 tests)."""
    root = tmp_path_factory.mktemp("set-up") / "profile"
    template = open_store(root)
    try:
        officer = complete_setup(template, DEMO_SETUP)
    finally:
        template.close()
    return _SetUpProfile(root, officer, _clock_start())


@pytest.fixture
def store(request: pytest.FixtureRequest, data_dir: Path, set_up_profile: _SetUpProfile) -> Iterator[Store]:
    """A fresh, migrated store with no setup done; for `ready_store`, a copy of the profile set up once at
    the session's start (a test at another moment or with its own data folder gets its own setup)."""
    if (
        "ready_store" in request.fixturenames
        and not data_dir.exists()
        and _clock_start() == set_up_profile.clock_start
    ):
        shutil.copytree(set_up_profile.root, data_dir)
        request.node.stash[_COPIED] = set_up_profile.officer
    s = open_store(data_dir)
    yield s
    s.close()


@pytest.fixture
def ready_store(request: pytest.FixtureRequest, store: Store) -> tuple[Store, SignedIn]:
    """A store after first-run setup (demo commune, one officer, shipped catalogue)."""
    officer = request.node.stash.get(_COPIED, None)
    return store, complete_setup(store, DEMO_SETUP) if officer is None else officer

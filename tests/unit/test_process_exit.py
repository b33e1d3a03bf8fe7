"""No hang at exit (issue 21 item 7, desktop/process_exit.py): `motcua` and a pytest session end within seconds
although a thread holds glibc's locale lock, which libp11-kit's destructor (loaded by Qt's CUPS print plugin)
would wait for forever. Without the check both stay in `exit()` until killed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import process_exit
from tests.e2e.postgres import under_ci
from tests.locale_lock import HELD, NOT_HELD_STATUS
from tests.sessions import ROOT, pytest_command, run_child

EXIT_SECONDS = 30  # the check waits 2 s for the lock; the rest is starting Python (and Qt) on 2 busy cores
GUARD_SAYS = "a thread holds the C library's locale lock"

pytestmark = pytest.mark.skipif(process_exit.locale_lock_free() is None, reason="glibc only")


def test_gnome_keyring_is_installed_under_ci() -> None:
    """The hang was met on a machine with GNOME Keyring: CI installs it (.ci/run) so these tests run there."""
    if shutil.which("gnome-keyring-daemon") is None:
        assert not under_ci(), "CI=true: .ci/run installs gnome-keyring"
        pytest.skip("gnome-keyring is not installed")


def test_motcua_exits_with_its_status_although_the_locale_lock_is_held(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    # before the command runs: libp11-kit in the process (as after a print) and a thread holding the lock
    (site / "sitecustomize.py").write_text(
        "from tests.locale_lock import hold_locale_lock, load_p11_kit\nload_p11_kit()\nhold_locale_lock()\n",
        encoding="utf-8",
    )
    path = os.pathsep.join([str(site), str(ROOT)])
    motcua = str(Path(sys.executable).with_name("motcua"))
    done, elapsed = run_child(
        [motcua, "--data-dir", str(tmp_path / "none"), "doctor"], EXIT_SECONDS, PYTHONPATH=path
    )
    assert done.returncode != NOT_HELD_STATUS and HELD in done.stdout, done.stdout + done.stderr
    assert done.returncode == 1, done.stderr  # doctor's own status: the profile does not exist
    assert "Kết quả: 1 lỗi" in done.stdout  # its report was flushed before leaving
    assert GUARD_SAYS in done.stderr
    assert elapsed < EXIT_SECONDS

    done, _ = run_child(
        [motcua, "--version"], EXIT_SECONDS, PYTHONPATH=path
    )  # argparse ends it with SystemExit(0)
    assert (done.returncode, GUARD_SAYS in done.stderr) == (0, True), done.stderr


def test_a_pytest_session_that_printed_exits_although_the_locale_lock_is_held() -> None:
    command = pytest_command("exit_with_the_locale_lock_held.py", "-n", "0")
    done, elapsed = run_child(command, EXIT_SECONDS)
    assert done.returncode != NOT_HELD_STATUS, done.stdout + done.stderr
    assert done.returncode == 0 and "2 passed" in done.stdout, done.stdout + done.stderr
    assert GUARD_SAYS in done.stderr
    assert elapsed < EXIT_SECONDS


def test_a_free_lock_changes_nothing() -> None:
    assert process_exit.locale_lock_free() is True
    done = subprocess.run(
        [str(Path(sys.executable).with_name("motcua")), "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and GUARD_SAYS not in done.stderr

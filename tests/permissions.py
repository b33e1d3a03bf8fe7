"""Folders the test process really cannot write to, also when the tests run as root (as in CI containers).

Root ignores file permissions, so as root the block runs with the effective user and group `nobody`; the
real ids stay root, which is what lets the old ones be restored afterwards. The folder must then be reachable
by `nobody`: `open_tmp` is a temporary folder others may enter (pytest's `tmp_path` is private to its owner).
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

NOBODY = 65534


@contextmanager
def _as_nobody() -> Iterator[None]:
    if os.name != "posix" or os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """For the block, `folder` and everything in it cannot be written by this process (mode 0555)."""
    mode = stat.S_IMODE(folder.stat().st_mode)
    folder.chmod(0o555)
    try:
        with _as_nobody():
            yield
    finally:
        folder.chmod(mode)


@pytest.fixture
def open_tmp() -> Iterator[Path]:
    """A temporary folder that other users may enter (removed afterwards)."""
    base = Path(tempfile.mkdtemp(prefix="motcua-test-"))
    base.chmod(0o755)
    yield base
    shutil.rmtree(base, ignore_errors=True)

"""A real small filesystem for the storage-fault tests: a tmpfs mounted for the test, filled or remounted
read-only by it, always unmounted afterwards. Mounting needs root (or CAP_SYS_ADMIN) on Linux; elsewhere
the test is skipped with the reason."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SIZE = "16m"


@dataclass(frozen=True)
class SmallDisk:
    root: Path

    def fill(self, leave: int = 16 * 1024) -> None:
        """Fill the disk with one file, leaving about `leave` bytes free."""
        free = shutil.disk_usage(self.root).free
        with (self.root / "filler.bin").open("ab") as fh:
            fh.write(b"\0" * max(free - leave, 0))

    def free_up(self) -> None:
        (self.root / "filler.bin").unlink(missing_ok=True)

    def read_only(self, on: bool = True) -> None:
        """Remount read-only (a write-protected card, a disk the system turned read-only), or back."""
        done = _mount(["-o", f"remount,{'ro' if on else 'rw'}", str(self.root)])
        assert done.returncode == 0, done.stderr


def _mount(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *args], capture_output=True, text=True, check=False, timeout=30)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    if not sys.platform.startswith("linux") or shutil.which("mount") is None:
        pytest.skip("a tmpfs can only be mounted on Linux")
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (or CAP_SYS_ADMIN); this test runs unprivileged")
    root = tmp_path / "disk"
    root.mkdir()
    mounted = _mount(["-t", "tmpfs", "-o", f"size={SIZE},mode=0777", "tmpfs", str(root)])
    if mounted.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here: {mounted.stderr.strip()}")
    try:
        yield SmallDisk(root)
    finally:
        subprocess.run(["umount", "-l", str(root)], capture_output=True, check=False, timeout=30)

"""The storage-fault tests' faults: a real small filesystem (a tmpfs mounted for the test, filled or
remounted read-only by it, always unmounted afterwards; mounting needs root or CAP_SYS_ADMIN on Linux,
elsewhere the test is skipped with the reason), and a damaged database file."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SIZE = "16m"


def damage_middle_page(db: Path, table: str = "dossiers", count: int = 400) -> None:
    """Flip `count` bytes at the start of `table`'s middle leaf page (its header and cell pointers), as a
    bad sector would: structural damage SQLite's quick_check finds."""
    con = sqlite3.connect(db)
    try:
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
        query = "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'"
        pages = sorted(r[0] for r in con.execute(query, (table,)))
    finally:
        con.close()
    start = (pages[len(pages) // 2] - 1) * page_size
    data = bytearray(db.read_bytes())
    assert start > len(data) // 4  # in the middle of the file, not its first pages
    for i in range(start, start + count):
        data[i] ^= 0xA5
    db.write_bytes(bytes(data))


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

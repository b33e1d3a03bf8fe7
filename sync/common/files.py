"""Durable file writes shared by the workstation's and the server's blob stores."""

from __future__ import annotations

import os
from pathlib import Path


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in `path` durable (a no-op on Windows: a directory cannot be opened for
    fsync there, and NTFS journals the rename)."""
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

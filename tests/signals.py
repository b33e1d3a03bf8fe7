"""What the kernel says about this process's signals (Linux), for the checks that SIGPIPE stays ignored."""

from __future__ import annotations

import signal
from pathlib import Path


def sigpipe_ignored() -> bool | None:
    """Whether this process ignores SIGPIPE, as the kernel sees it (None: no /proc, not Linux)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    mask = next(line.split()[1] for line in status.splitlines() if line.startswith("SigIgn:"))
    return bool(int(mask, 16) & (1 << (signal.SIGPIPE - 1)))

"""Rotating log in the profile folder. Never log passwords, tokens, raw QR payloads or citizen data."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOG_NAME = "motcua.log"


def setup_logging(logs_dir: Path, level: int = logging.INFO) -> Path:
    """Send the application's log to a rotating file (5 × 1 MB) in `logs_dir`; returns its path."""
    logs_dir.mkdir(parents=True, exist_ok=True)
    path = logs_dir / LOG_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path


@contextmanager
def command_log(profile_root: Path) -> Iterator[Path | None]:
    """The same rotating log for one headless command (`motcua sync` run by the OS scheduler…), removed
    again when it ends. Best effort: a profile that does not exist yet is not created for it, and a log
    that cannot be written never stops the command (yields None then)."""
    path: Path | None = None
    if profile_root.is_dir():
        try:
            path = setup_logging(profile_root / "logs")
        except OSError:
            path = None
    try:
        yield path
    finally:
        if path is not None:
            root = logging.getLogger()
            for handler in list(root.handlers):
                if (
                    isinstance(handler, logging.handlers.RotatingFileHandler)
                    and Path(handler.baseFilename) == path.absolute()
                ):
                    root.removeHandler(handler)
                    handler.close()

"""Rotating log in the profile folder. Never log passwords, tokens, raw QR payloads or citizen data."""

from __future__ import annotations

import logging
import logging.handlers
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

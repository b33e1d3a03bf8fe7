"""Headless commands that work on a profile write the profile's rotating log (the GUI's), then let it go."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from desktop.cli import main
from desktop.logs import command_log


def _file_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if isinstance(h, logging.handlers.RotatingFileHandler)]


def test_sync_on_a_profile_not_enrolled_leaves_a_log_line(tmp_path: Path) -> None:
    root = tmp_path / "profile"
    assert main(["--data-dir", str(root), "demo", "seed", "--dossiers", "1", "--seed", "1"]) == 0
    assert main(["--data-dir", str(root), "sync"]) == 2
    log = (root / "logs" / "motcua.log").read_text(encoding="utf-8")
    assert "motcua sync (version" in log
    assert "sync pass (cli): not_enrolled; sent 0" in log and "chưa đăng ký" in log
    # removed and closed when the command ends (another test's GUI start-up may have left its own log's)
    assert not [h for h in _file_handlers() if Path(h.baseFilename).is_relative_to(root.absolute())]


def test_no_profile_is_created_for_the_log(tmp_path: Path) -> None:
    root = tmp_path / "none"
    with command_log(root) as path:
        assert path is None
    assert not root.exists()

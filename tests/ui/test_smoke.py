"""Smoke test: the real `motcua` process starts on a temporary profile, logs, and exits cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start(data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", MOTCUA_EXIT_WHEN_READY="1", **env)
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_first_start_creates_the_profile_and_its_log(data_dir: Path):
    done = start(data_dir)
    assert done.returncode == 0, done.stderr
    assert (data_dir / "motcua.sqlite3").exists()
    log = (data_dir / "logs" / "motcua.log").read_text(encoding="utf-8")
    assert "starting on profile" in log
    assert "Traceback" not in log + done.stderr


def test_autologin_reaches_the_main_window(ready_store, data_dir: Path):
    store, _officer = ready_store
    store.close()
    done = start(data_dir, MOTCUA_AUTOLOGIN="canbo1:matkhau-123")
    assert done.returncode == 0, done.stderr
    log = (data_dir / "logs" / "motcua.log").read_text(encoding="utf-8")
    assert "signed in" in log
    assert "matkhau" not in log  # never a password in the log


def test_foreign_database_exits_with_an_error_code_and_is_kept(data_dir: Path):
    data_dir.mkdir(parents=True)
    db = data_dir / "motcua.sqlite3"
    db.write_bytes(b"not a database at all" * 100)
    done = start(data_dir)
    assert done.returncode == 2
    assert db.read_bytes() == b"not a database at all" * 100

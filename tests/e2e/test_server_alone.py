"""The reference server installs and runs on a machine without Qt and without the counter application.

The environment is what the README's "The reference server alone" makes: the `motcua-server` distribution
(sync/pyproject.toml) as a real wheel, not a checkout on sys.path, with its locked dependencies only. It is
built offline from uv's cache (filled by `uv sync`), so it works on CI without the network.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import requests

from sync.common.version import __version__
from tests.sync_helpers import free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = "Scripts" if sys.platform == "win32" else "bin"
# what the counter application brings, and none of it may be importable beside the server
DESKTOP_ONLY = ["PySide6", "shiboken6", "desktop", "sync.client", "sync.engine", "sync.summary", "keyring"]


def find_uv() -> str:
    for candidate in (os.environ.get("UV"), ROOT / ".tools" / "bin" / "uv", shutil.which("uv")):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    pytest.fail("uv not found: run `make` once (it bootstraps .tools/bin/uv) or set UV=/path/to/uv")


def server_environment(target: Path) -> dict[str, str]:
    """The variables of a plain shell on the server: nothing pointing into this checkout."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}
    env["UV_PROJECT_ENVIRONMENT"] = str(target)
    return env


@pytest.mark.distribution
@pytest.mark.slow
def test_the_server_installs_without_qt_and_answers_health(tmp_path: Path) -> None:
    target = tmp_path / "server-env"
    env = server_environment(target)
    started = time.perf_counter()
    made = subprocess.run(
        [find_uv(), "sync", "--offline", "--frozen", "--package", "motcua-server", "--no-default-groups",
         "--no-editable", "--quiet"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    installed_in = time.perf_counter() - started

    python, server = target / BIN / "python", target / BIN / "motcua-server"
    probe = (
        "import importlib.util, json, sys\n"
        "found = [m for m in sys.argv[1:] if importlib.util.find_spec(m) is not None]\n"
        "print(json.dumps(found))\n"
    )
    looked = subprocess.run(
        [str(python), "-c", probe, *DESKTOP_ONLY], cwd=tmp_path, env=env, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    assert looked.returncode == 0, looked.stderr
    assert json.loads(looked.stdout) == []

    # the database is created by the wheel's own migrations as the server starts
    db = f"sqlite:///{tmp_path / 'province.sqlite3'}"
    port = free_port()
    log_path = tmp_path / "server.log"
    with log_path.open("wb") as log:
        child = subprocess.Popen(
            [str(server), "--db", db, "--host", "127.0.0.1", "--port", str(port)],
            cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while True:
                assert child.poll() is None, log_path.read_text(encoding="utf-8")
                try:
                    answer = requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2)
                    break
                except requests.ConnectionError:
                    assert time.monotonic() < deadline, "motcua-server did not answer /health"
                    time.sleep(0.1)
        finally:
            child.terminate()
            child.wait(30)
    assert answer.status_code == 200
    health = answer.json()
    assert (health["status"], health["server_version"]) == ("ok", __version__)
    assert (tmp_path / "province.sqlite3").stat().st_size > 0
    print(f"server environment made in {installed_in:.1f} s, served in {time.perf_counter() - started:.1f} s")


@pytest.mark.distribution
def test_the_two_wheels_share_out_sync_file_by_file(tmp_path: Path) -> None:
    """Every module of `sync/` ships in exactly one distribution: the protocol, the shared helpers, the typed
    events and the server with `motcua-server`, the client side with `motcua`, which depends on it."""
    built = subprocess.run(
        [find_uv(), "build", "--all-packages", "--offline", "--wheel", "--quiet", "--out-dir", str(tmp_path)],
        cwd=ROOT, env=server_environment(tmp_path / "unused"), capture_output=True, text=True, timeout=300,
        check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (app,) = tmp_path.glob("motcua-*.whl")
    (server,) = tmp_path.glob("motcua_server-*.whl")

    def sync_files(wheel: Path) -> set[str]:
        with zipfile.ZipFile(wheel) as archive:
            return {name for name in archive.namelist() if name.startswith("sync/")}

    in_app, in_server = sync_files(app), sync_files(server)
    tree = {
        path.relative_to(ROOT).as_posix()
        for path in [*(ROOT / "sync").rglob("*.py"), ROOT / "sync" / "openapi.json"]
        if "__pycache__" not in path.parts
    }
    assert in_app & in_server == set()
    assert in_app | in_server == tree
    assert {
        "sync/__init__.py",
        "sync/protocol.py",
        "sync/common/version.py",
        "sync/server/cli.py",
    } <= in_server
    assert {"sync/engine.py", "sync/client/enrol.py"} <= in_app
    with zipfile.ZipFile(app) as archive:
        metadata = archive.read(f"motcua-{__version__}.dist-info/METADATA").decode()
    assert "Requires-Dist: motcua-server\n" in metadata

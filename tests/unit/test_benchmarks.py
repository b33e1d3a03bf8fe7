"""The benchmark scripts stay runnable: none shadows a standard-library module, and each one imports.

Run as `python benchmarks/NAME.py`, the folder `benchmarks/` comes first on `sys.path`, so a script named
like a standard-library module (`calendar.py`) replaces that module for every library that imports it
(`holidays` imports `calendar`). The import check reproduces that: it loads every script by path, without
running its `main`, in a fresh interpreter whose `sys.path` starts with `benchmarks/`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
SCRIPTS = sorted(BENCHMARKS.glob("*.py"))

LOAD_ALL = """
import importlib.util, pathlib, re, sys
sys.path.insert(0, sys.argv[1])
texts = {path: pathlib.Path(path).read_text() for path in sys.argv[2:]}
# modules the scripts share (`from benchmarks import NAME`, `from benchmarks.NAME import`): no main() of their own
shared = {m for text in texts.values() for m in re.findall(r"from benchmarks(?:\\.| import )(\\w+)", text)}
for path in sys.argv[2:]:
    name = "bench_" + pathlib.Path(path).stem
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if pathlib.Path(path).stem not in shared:
        assert callable(getattr(module, "main", None)), f"{path} has no main()"
assert {"server_process", "unit_history"} <= shared, shared
import calendar
assert hasattr(calendar, "isleap"), calendar.__file__
print("loaded", len(sys.argv) - 2)
"""


def test_the_scripts_are_there():
    assert {p.name for p in SCRIPTS} >= {"legal_clock.py", "queries.py", "startup.py"}


def test_no_script_is_named_like_a_standard_library_module():
    clashes = [p.name for p in SCRIPTS if p.stem in sys.stdlib_module_names]
    assert clashes == []


def test_every_script_imports_with_its_folder_first_on_the_path():
    done = subprocess.run(
        [sys.executable, "-c", LOAD_ALL, str(BENCHMARKS), *map(str, SCRIPTS)],
        check=False,
        capture_output=True,
        text=True,
        timeout=180,
        cwd=BENCHMARKS.parent,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == f"loaded {len(SCRIPTS)}"


def test_the_worklists_benchmark_runs_small(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-P", str(BENCHMARKS / "worklists.py"), "--dossiers", "600", "--base", "200"]
        + ["--runs", "1", "--profile", str(tmp_path / "p")],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=BENCHMARKS.parent,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "600 dossiers" in done.stdout and "overdue: count + first 200" in done.stdout
    assert "slowest list (count + page)" in done.stdout


def test_the_return_by_qr_benchmark_runs_small(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-P", str(BENCHMARKS / "return_by_qr.py"), "--dossiers", "1500", "--runs", "1"]
        + ["--profile", str(tmp_path / "p")],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=BENCHMARKS.parent,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "on 1,500 dossiers" in done.stdout and "burst → return dialog painted" in done.stdout
    assert "(target ≤ 200 ms)" in done.stdout


def test_the_picker_benchmark_runs_small() -> None:
    done = subprocess.run(
        [sys.executable, "-P", str(BENCHMARKS / "picker.py"), "--size", "60", "--runs", "1"],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=BENCHMARKS.parent,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert (
        "per keystroke over 60 procedures" in done.stdout and "whole keystroke in the picker" in done.stdout
    )
    assert "added to the main window (GUI thread)" in done.stdout

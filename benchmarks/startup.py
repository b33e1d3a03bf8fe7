"""Start-up time of the counter application against a bare PySide6 window, started the same way.

What is measured: the wall time of a fresh `python` process from spawn until it exits right after its
first screen is up (`MOTCUA_EXIT_WHEN_READY=1`):
- "sign-in screen": a normal start, up to the sign-in dialog (what an officer sees first);
- "main window": signing in with `MOTCUA_AUTOLOGIN` (the real Argon2 password check included) up to the
  main window showing the first page of the dossier list.
The baseline is a process that imports PySide6, shows an empty QMainWindow and exits from the event loop.
Each figure is the median of `--runs` runs (default 5) of the wall time, and of the CPU time (user + system
of all its threads, which a busy machine disturbs less), on the same Qt platform (offscreen unless
`--platform xcb` under X/Xvfb). "Cold" means a new process each time; the operating system's file cache is
left warm (dropping it would disturb everything else on the machine and measures the disk, not us).
Python bytecode is cached (in a private `PYTHONPYCACHEPREFIX`), as it is in an installed application,
even where the environment sets PYTHONDONTWRITEBYTECODE.

Profiles: an empty one (set up, no dossiers) and one with `--dossiers` (default 200,000) demo dossiers made
by `motcua demo seed`. Pass `--profiles DIR` to keep them between runs (seeding 200,000 takes a while).

    .venv/bin/python benchmarks/startup.py [--runs 5] [--dossiers 200000] [--profiles DIR]

Targets (issue 2): the app at most 1.5x the bare window; the big profile at most 20 % slower than empty.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import resource  # Unix: CPU time of the child processes
except ImportError:  # Windows: wall time only
    resource = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1180, 720)
window.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""

DEMO_LOGIN = "demo:demo1234"


def run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, all threads) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN) if resource else None
    start = time.perf_counter()
    done = subprocess.run(args, check=False, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    if before is None:
        return elapsed, float("nan")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_of(runs: int, args: list[str], env: dict[str, str]) -> tuple[float, list[float], float]:
    """Median wall time, every wall time, and the median CPU time."""
    results = [run(args, env) for _ in range(runs)]
    times = [wall for wall, _cpu in results]
    return statistics.median(times), times, statistics.median(cpu for _wall, cpu in results)


def seed(profile: Path, dossiers: int) -> None:
    if (profile / "motcua.sqlite3").exists():
        return
    print(f"seeding {dossiers:,} demo dossiers into {profile} …", flush=True)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--data-dir",
            str(profile),
            "demo",
            "seed",
            "--dossiers",
            str(dossiers),
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"  seeded in {time.perf_counter() - started:.1f} s", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dossiers", type=int, default=200_000)
    parser.add_argument("--profiles", type=Path, default=None, help="keep the seeded profiles here")
    parser.add_argument("--platform", default="offscreen", help="Qt platform plugin (offscreen, xcb)")
    args = parser.parse_args()

    holder = None
    if args.profiles is None:
        holder = tempfile.TemporaryDirectory(prefix="motcua-bench-")
        base = Path(holder.name)
    else:
        base = args.profiles
        base.mkdir(parents=True, exist_ok=True)
    empty, big = base / "empty", base / f"demo-{args.dossiers}"
    seed(empty, 0)
    seed(big, args.dossiers)

    env = dict(os.environ, QT_QPA_PLATFORM=args.platform, PYTHONPYCACHEPREFIX=str(base / "pycache"))
    for name in ("PYTHONDONTWRITEBYTECODE", "MOTCUA_LANG", "MOTCUA_AUTOLOGIN"):
        env.pop(name, None)
    first_env = dict(env, MOTCUA_EXIT_WHEN_READY="1")
    main_env = dict(first_env, MOTCUA_AUTOLOGIN=DEMO_LOGIN)
    bare_cmd = [sys.executable, "-c", BARE]

    def app_cmd(profile: Path) -> list[str]:
        return [sys.executable, "-m", "desktop", "--data-dir", str(profile)]

    # one untimed run of each warms the file cache and the bytecode cache alike
    run(bare_cmd, env)
    run(app_cmd(empty), main_env)

    figures = [
        ("bare PySide6 window", *median_of(args.runs, bare_cmd, env)),
        ("sign-in screen, empty profile", *median_of(args.runs, app_cmd(empty), first_env)),
        (f"sign-in screen, {args.dossiers:,} dossiers", *median_of(args.runs, app_cmd(big), first_env)),
        ("main window, empty profile", *median_of(args.runs, app_cmd(empty), main_env)),
        (f"main window, {args.dossiers:,} dossiers", *median_of(args.runs, app_cmd(big), main_env)),
    ]
    print(
        f"\ncold start (new process) until the first screen is up; platform {args.platform}; median of {args.runs}"
    )
    print(f"  {'':<36} {'wall':>7}   {'CPU':>7}   (wall of each run)")
    for label, value, runs, cpu in figures:
        each = ", ".join(f"{t:.3f}" for t in runs)
        print(f"  {label:<36} {value:.3f} s {cpu:.3f} s   ({each})")
    print("\nratios (targets: <= 1.50x the bare window; big profile <= 1.20x the empty one)")
    print("  CPU time is the steadier figure on a busy machine (Argon2 counts its 4 threads there)")
    for kind, index in (("wall", 1), ("CPU", 3)):
        bare, login_empty, login_big, main_empty, main_big = (f[index] for f in figures)
        print(f"  {kind + ':':<5} sign-in screen / bare window        {login_empty / bare:.2f}x")
        print(f"  {kind + ':':<5} main window / bare window           {main_empty / bare:.2f}x")
        print(f"  {kind + ':':<5} sign-in screen, big / empty profile {login_big / login_empty:.2f}x")
        print(f"  {kind + ':':<5} main window, big / empty profile    {main_big / main_empty:.2f}x")
    if holder is not None:
        holder.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())

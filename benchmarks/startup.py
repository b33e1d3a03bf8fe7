"""Start-up time of the counter application against a bare PySide6 window, started the same way.

What is measured: the wall time from spawning a fresh `python` process until it says its first screen is
up (`MOTCUA_EXIT_WHEN_READY=1` prints "motcua: ready" once the event loop runs after the screen is shown;
the bare window prints "ready" at the same point):
- "sign-in screen": a normal start, up to the sign-in dialog (what an officer sees first; the store is
  still opening on a worker thread then, as it does while the officer types);
- "main window": signing in with `MOTCUA_AUTOLOGIN` (the real Argon2 password check included) up to the
  main window showing the first page of the dossier list (read from the database file; the store opens
  after it, `desktop.ui.app`).
The baseline is a process that imports PySide6, shows an empty QMainWindow and says so from the event
loop. The runs are interleaved (bare, then each application start, `--runs` times), so a busy machine
slows them alike; each figure is the median, and the ratios compare medians of the same run. On the same
Qt platform (offscreen unless `--platform xcb` under X/Xvfb). "Cold" means a new process each time; the
operating system's file cache is left warm (dropping it would disturb everything else on the machine and
measures the disk, not us). Python bytecode is cached (in a private `PYTHONPYCACHEPREFIX`), as it is in
an installed application, even where the environment sets PYTHONDONTWRITEBYTECODE.

Profiles: an empty one (set up, no dossiers) and one with `--dossiers` (default 200,000) demo dossiers made
by `motcua demo seed`. Pass `--profiles DIR` to keep them between runs (seeding 200,000 takes a while).

    .venv/bin/python benchmarks/startup.py [--runs 5] [--dossiers 200000] [--profiles DIR]

Targets (issue 13): the sign-in screen at most 1.5x the bare window, the main window at most 3x; the big
profile at most 20 % slower than the empty one (issue 2).
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the password check below, as signing in does it

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1180, 720)
window.show()
def ready():
    print("ready", flush=True)
    app.quit()
QTimer.singleShot(0, ready)
sys.exit(app.exec())
"""

DEMO_LOGIN = "demo:demo1234"


def run(args: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from spawning `args` until each line it prints ("ready", "motcua: store open"…), by line;
    it must print "…ready" and then exit cleanly."""
    start = time.perf_counter()
    child = subprocess.Popen(
        args, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    marks: dict[str, float] = {}
    for line in child.stdout:  # to the end: "store open" may come after "ready" (a main window shown first)
        marks[line.strip().removeprefix("motcua: ")] = time.perf_counter() - start
    _rest, errors = child.communicate(timeout=300)
    if child.returncode != 0 or "ready" not in marks:
        raise SystemExit(f"{' '.join(args)} failed ({child.returncode}):\n{errors[-2000:]}")
    return marks


def password_check() -> float:
    """Seconds to check a password as signing in does (Argon2, the application's parameters)."""
    from desktop.services.credentials import hash_password, verify_password

    stored = hash_password("demo1234")
    start = time.perf_counter()
    assert verify_password(stored, "demo1234")
    return time.perf_counter() - start


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

    # what `motcua` (the console script `make run` starts, `desktop.cli:main`) runs; `python -m desktop`
    # adds runpy's module search, which no officer's start goes through
    entry = "import sys; from desktop.cli import main; sys.exit(main())"

    def app_cmd(profile: Path) -> list[str]:
        return [sys.executable, "-c", entry, "--data-dir", str(profile)]

    starts = {
        "bare PySide6 window": ([sys.executable, "-c", BARE], env),
        "sign-in screen, empty profile": (app_cmd(empty), first_env),
        f"sign-in screen, {args.dossiers:,} dossiers": (app_cmd(big), first_env),
        "main window, empty profile": (app_cmd(empty), main_env),
        f"main window, {args.dossiers:,} dossiers": (app_cmd(big), main_env),
    }
    for command, command_env in starts.values():  # untimed: warms the file cache and the bytecode cache
        run(command, command_env)
    times: dict[str, list[float]] = {label: [] for label in starts}
    opened: dict[str, list[float]] = {label: [] for label in starts}  # "store open", when it came
    for _ in range(args.runs):
        for label, (command, command_env) in starts.items():
            marks = run(command, command_env)
            times[label].append(marks["ready"])
            if "store open" in marks:
                opened[label].append(marks["store open"])
    median = {label: statistics.median(values) for label, values in times.items()}
    argon2 = statistics.median(password_check() for _ in range(args.runs))

    print(
        f"\ncold start (new process) until the first screen is up; platform {args.platform}; median of {args.runs}"
    )
    for label, values in times.items():
        each = ", ".join(f"{t:.3f}" for t in values)
        print(f"  {label:<36} {median[label]:.3f} s   ({each})")
    print(f"  {'the password check (Argon2) alone':<36} {argon2:.3f} s")
    print("\nthe store open (quick check and migrations included; on the writer thread, behind the screen)")
    for label, values in opened.items():
        if len(values) == args.runs:
            print(f"  {label:<36} {statistics.median(values):.3f} s")
    bare, login_empty, login_big, main_empty, main_big = median.values()
    labels = list(times)

    def paired(a: str, b: str) -> float:
        """The median of the ratios round by round (each round's starts ran back to back): steadier than
        the ratio of the medians when the machine's load changes during the run."""
        return statistics.median(x / y for x, y in zip(times[a], times[b], strict=True))

    print("\nratios (targets: sign-in <= 1.50x, main window <= 3.00x the bare window; big profile <= 1.20x")
    print("the empty one): of the medians, and the median of each round's ratio")
    rows = [
        ("sign-in screen / bare window", login_empty / bare, paired(labels[1], labels[0]), ""),
        (
            "main window / bare window",
            main_empty / bare,
            paired(labels[3], labels[0]),
            "   (signing in at once)",
        ),
        ("sign-in screen, big / empty profile", login_big / login_empty, paired(labels[2], labels[1]), ""),
        ("main window, big / empty profile", main_big / main_empty, paired(labels[4], labels[3]), ""),
    ]
    for label, of_medians, by_round, note in rows:
        print(f"  {label:<36}{of_medians:.2f}x  {by_round:.2f}x{note}")
    if holder is not None:
        holder.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())

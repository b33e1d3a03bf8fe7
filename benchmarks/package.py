"""Installer figures: build time, bundle and .deb sizes, start time of the installed app against source.

    .venv/bin/python benchmarks/package.py            # builds into benchmarks/out/package/ first
    .venv/bin/python benchmarks/package.py --reuse    # measures the existing installer/out/ build

The installed app is the .deb unpacked with `dpkg -x`; "source" is `.venv/bin/python -m desktop` from
this checkout, in the same run. Start times are medians of --runs runs (the first, cold-cache run is
printed separately): `motcua --version`, and the GUI started offscreen on an empty profile until the
first-run screen is up (MOTCUA_EXIT_WHEN_READY=1).
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
MIB = 2**20


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120
    )
    return time.perf_counter() - started


def start_times(
    cmd: list[str], runs: int, env: dict[str, str], gui: bool, scratch: Path
) -> tuple[float, float]:
    """(first run, median of the next `runs`), each GUI run on a new empty profile."""
    results = []
    for i in range(runs + 1):
        extra = ["--data-dir", str(scratch / f"p{len(list(scratch.iterdir()))}")] if gui else ["--version"]
        results.append(timed(cmd + extra, env))
        del i
    return results[0], statistics.median(results[1:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--reuse", action="store_true", help="measure installer/out/ as built")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    out = ROOT / "installer" / "out" if args.reuse else ROOT / "benchmarks" / "out" / "package"
    if not args.reuse:
        for what in ("bundle", "deb"):
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, str(ROOT / "installer" / "build.py"), what, "--out", str(out)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            print(f"build {what:<6}: {time.perf_counter() - started:6.1f} s")
    bundle = out / "dist" / "motcua"
    (deb,) = sorted(out.glob("motcua_*.deb"))[-1:]

    internal = bundle / "_internal"
    qt_lib = internal / "PySide6" / "Qt" / "lib"
    icu = sum(p.stat().st_size for p in qt_lib.glob("libicu*"))
    print(f"bundle        : {tree_size(bundle) / MIB:6.1f} MiB  ({bundle})")
    print(
        f"  PySide6     : {tree_size(internal / 'PySide6') / MIB:6.1f} MiB  (of which ICU {icu / MIB:.1f} MiB)"
    )
    parts = sorted(
        ((tree_size(p) if p.is_dir() else p.stat().st_size), p.name)
        for p in internal.iterdir()
        if not p.is_symlink()  # PyInstaller links top-level names to the Qt libraries under PySide6/
    )
    print(
        "  largest     : " + ", ".join(f"{name} {size / MIB:.1f}" for size, name in parts[::-1][1:7]) + " MiB"
    )
    print(f".deb          : {deb.stat().st_size / MIB:6.1f} MiB  ({deb.name}, gzip)")

    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        root = scratch / "root"
        subprocess.run(["dpkg", "-x", str(deb), str(root)], check=True)
        env = {
            "HOME": str(scratch),
            "PATH": "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
            "MOTCUA_EXIT_WHEN_READY": "1",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        }
        source_env = dict(env, PATH=os.environ.get("PATH", env["PATH"]))
        installed = [str(root / "usr" / "bin" / "motcua")]
        source = [str(ROOT / ".venv" / "bin" / "python"), "-m", "desktop"]
        for label, gui in (("--version", False), ("GUI first screen", True)):
            profiles_i = scratch / f"i-{gui}"
            profiles_s = scratch / f"s-{gui}"
            profiles_i.mkdir()
            profiles_s.mkdir()
            first_i, med_i = start_times(installed, args.runs, env, gui, profiles_i)
            first_s, med_s = start_times(source, args.runs, source_env, gui, profiles_s)
            print(
                f"start {label:<16}: installed {med_i:5.2f} s (first {first_i:.2f}), "
                f"source {med_s:5.2f} s (first {first_s:.2f}), ratio {med_i / med_s:.2f}x  "
                f"[median of {args.runs}]"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Builds the installable packages: the PyInstaller one-folder bundle, then the .deb (Linux) or the NSIS
installer (Windows, when `makensis` is on PATH).

    python installer/build.py            # everything this OS can build, into installer/out/
    python installer/build.py bundle     # only the bundle: installer/out/dist/motcua/
    python installer/build.py deb        # the .deb from an existing bundle

The bundle is always built from a clean virtual environment made from uv.lock (runtime dependencies plus
the `build` group, no dev tools, neither workspace project installed: the sources come from this tree), so
nothing that happens to sit in the developer's .venv (numpy, pytest, ...) can leak into it. PyInstaller
cannot cross-build: run this on Windows for the Windows bundle (see installer/windows/BUILD.md).

Plain standard library on purpose: it must run before any virtual environment exists.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
WINDOWS = sys.platform == "win32"

# Debian packages of the system libraries the bundle does not carry (what Qt's xcb/offscreen plugins, fonts
# and SANE load from the system; see ../shared/stack.md §1 and §9). installer/motcua.spec leaves every library
# of these packages out of the bundle, and tests/e2e/test_package.py checks that every library the unpacked
# bundle links to outside itself belongs to one of them. "x | xt64": Ubuntu 24.04 renamed some (64-bit time_t).
DEPENDS = [
    "libc6 (>= 2.34)",
    "libgl1",
    "libegl1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libfontconfig1",
    "libfreetype6",
    "libglib2.0-0 | libglib2.0-0t64",
    "libdbus-1-3",
    "libx11-6",
    "libx11-xcb1",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xkb1",
    "fonts-dejavu-core",
    "libssl3 | libssl3t64",  # Python's ssl/hashlib: the system's OpenSSL, with its security updates
    "libgssapi-krb5-2",  # QtNetwork links it (QtPdf needs QtNetwork)
    "libcups2 | libcups2t64",  # Qt's print support talks to the system's CUPS (the bundle leaves libcups out on purpose)
    "libsane1",  # scanning: the system's SANE library and its scanner drivers
    "debconf (>= 0.5) | debconf-2.0",
]
RECOMMENDS = ["sane-utils", "fonts-liberation2", "cups-client"]


def log(message: str) -> None:
    print(f"[build] {message}", flush=True)


def version() -> str:
    text = (ROOT / "sync" / "common" / "version.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    if not found:
        raise SystemExit("sync/common/version.py has no __version__")
    return found.group(1)


def find_uv() -> str:
    for candidate in (
        os.environ.get("UV"),
        ROOT / ".tools" / "bin" / "uv",
        ROOT / ".tools" / "Scripts" / "uv.exe",
    ):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    found = shutil.which("uv")
    if not found:
        raise SystemExit("uv not found: run `make` once (it bootstraps .tools/bin/uv) or `pip install uv`")
    return found


def run(cmd: list[str], **kwargs: object) -> None:
    log("$ " + " ".join(str(c) for c in cmd))
    subprocess.run(cmd, check=True, **kwargs)  # type: ignore[call-overload]


def clean_venv(out: Path) -> Path:
    """The build environment: exactly the locked runtime dependencies plus PyInstaller."""
    venv = out / "venv"
    env = dict(os.environ, UV_PROJECT_ENVIRONMENT=str(venv))
    run(
        [find_uv(), "sync", "--locked", "--no-default-groups", "--group", "build", "--no-install-workspace"],
        cwd=ROOT,
        env=env,
    )
    return venv / ("Scripts/python.exe" if WINDOWS else "bin/python")


def stage_resources(out: Path, python: Path) -> Path:
    """A copy of resources/ to bundle: translations compiled now from the .ts (so a .qm someone forgot to
    recompile cannot ship stale strings), the .ts sources themselves left out."""
    staged = out / "resources"
    if staged.exists():
        shutil.rmtree(staged)
    shutil.copytree(ROOT / "resources", staged, ignore=shutil.ignore_patterns("*.ts", "__pycache__"))
    lrelease = python.parent / ("pyside6-lrelease.exe" if WINDOWS else "pyside6-lrelease")
    # The .ts as compiled are kept beside (installer/out/translations-src/, not bundled): the package test
    # checks the shipped .qm against them even if someone edits the tree's .ts during the build.
    sources = out / "translations-src"
    if sources.exists():
        shutil.rmtree(sources)
    sources.mkdir()
    for ts in sorted((ROOT / "resources" / "translations").glob("*.ts")):
        snapshot = sources / ts.name
        shutil.copyfile(ts, snapshot)
        run([str(lrelease), "-silent", str(snapshot), "-qm", str(staged / "translations" / f"{ts.stem}.qm")])
    return staged


def build_bundle(out: Path) -> Path:
    python = clean_venv(out)
    dist = out / "dist"
    env = dict(os.environ, PYTHONPATH=str(ROOT), MOTCUA_RESOURCES=str(stage_resources(out, python)))
    env.pop("PYTHONHOME", None)
    started = time.perf_counter()
    run(
        [
            str(python),
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(out / "build"),
            str(INSTALLER / "motcua.spec"),
        ],
        cwd=ROOT,
        env=env,
    )
    bundle = dist / "motcua"
    log(f"bundle: {bundle} ({tree_size(bundle) / 2**20:.1f} MiB, {time.perf_counter() - started:.0f} s)")
    return bundle


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def copy(src: Path, dest: Path, mode: int = 0o644) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    dest.chmod(mode)


def build_deb(out: Path, bundle: Path) -> Path:
    """Lays the bundle out under /opt/motcua with the command, desktop entry, icon and sync units."""
    if not (bundle / "motcua").is_file():
        raise SystemExit(f"no bundle at {bundle}: run `installer/build.py bundle` first")
    ver = version()
    stage = out / "deb-root"
    if stage.exists():
        shutil.rmtree(stage)
    shutil.copytree(bundle, stage / "opt" / "motcua", symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    # Relative, so the unpacked tree also works when extracted elsewhere (`dpkg -x pkg.deb root/`).
    (stage / "usr" / "bin" / "motcua").symlink_to("../../opt/motcua/motcua")
    linux = INSTALLER / "linux"
    share = stage / "usr" / "share"
    copy(linux / "motcua.desktop", share / "applications" / "motcua.desktop")
    icons = ROOT / "resources" / "icons"
    copy(icons / "motcua.svg", share / "icons" / "hicolor" / "scalable" / "apps" / "motcua.svg")
    copy(icons / "motcua-256.png", share / "icons" / "hicolor" / "256x256" / "apps" / "motcua.png")
    for unit in ("motcua-sync.service", "motcua-sync.timer"):
        copy(linux / unit, stage / "usr" / "lib" / "systemd" / "user" / unit)
    copy(linux / "README.Debian", share / "doc" / "motcua" / "README.Debian")
    copy(linux / "copyright", share / "doc" / "motcua" / "copyright")

    debian = stage / "DEBIAN"
    for name in ("config", "postinst", "prerm", "postrm"):
        copy(linux / "debian" / name, debian / name, 0o755)
    copy(linux / "debian" / "templates", debian / "templates")
    installed_kib = (tree_size(stage) + 1023) // 1024
    control = {
        "Package": "motcua",
        "Version": ver,
        "Architecture": "amd64",
        "Maintainer": "Một Cửa Desktop team <motcua@localhost>",
        "Installed-Size": str(installed_kib),
        "Depends": ", ".join(DEPENDS),
        "Recommends": ", ".join(RECOMMENDS),
        "Section": "misc",
        "Priority": "optional",
        "Homepage": "https://example.invalid/motcua",
        "Description": "Một Cửa Desktop: one-stop counter application for communes\n"
        " Receives dossiers at the one-stop counter (Bộ phận một cửa) of a Vietnamese commune or ward,\n"
        " prints receipts and appointment slips, scans documents, keeps the register and syncs it with\n"
        " the provincial one-stop system. Self-contained: installed under /opt/motcua.",
    }
    (debian / "control").write_text("".join(f"{k}: {v}\n" for k, v in control.items()), encoding="utf-8")

    deb = out / f"motcua_{ver}_amd64.deb"
    started = time.perf_counter()
    # gzip: xz takes ~1 min on 2 cores for ~10 % less (../shared/stack.md §9).
    run(["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build", str(stage), str(deb)])
    log(f"deb: {deb} ({deb.stat().st_size / 2**20:.1f} MiB, {time.perf_counter() - started:.0f} s)")
    return deb


def build_nsis(out: Path, bundle: Path) -> Path:
    makensis = shutil.which("makensis")
    if not makensis:
        raise SystemExit("makensis not found (install NSIS 3 and add it to PATH)")
    setup = out / f"motcua-{version()}-win64.exe"
    run(
        [
            makensis,
            "-V2",
            f"-DVERSION={version()}",
            f"-DBUNDLE={bundle}",
            f"-DOUTFILE={setup}",
            str(INSTALLER / "windows" / "motcua.nsi"),
        ]
    )
    log(f"installer: {setup} ({setup.stat().st_size / 2**20:.1f} MiB)")
    return setup


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("what", nargs="?", default="all", choices=["all", "bundle", "deb", "nsis"])
    parser.add_argument("--out", type=Path, default=INSTALLER / "out", help="output folder")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    bundle = out / "dist" / "motcua"
    if args.what in ("all", "bundle"):
        bundle = build_bundle(out)
    if args.what == "deb" or (args.what == "all" and sys.platform.startswith("linux")):
        build_deb(out, bundle)
    if args.what == "nsis" or (args.what == "all" and WINDOWS and shutil.which("makensis")):
        build_nsis(out, bundle)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The installers, end to end: build the Linux bundle and the .deb, unpack the .deb into a scratch root with
`dpkg -x`, and run the installed program as an officer's PC would (no source tree, no virtualenv).

Slow (a clean PyInstaller build, ~1 min): marked `package`, deselected by `make check`, run by
`make test-package` and by .ci/run. Builds into installer/out/ (or $MOTCUA_PACKAGE_OUT), like `make package`;
`MOTCUA_PACKAGE_DEB=installer/out/motcua_<version>_amd64.deb make test-package` re-checks a built .deb.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from desktop import __version__
from desktop.core.timeutil import NOW_ENV
from desktop.services import demo
from desktop.services.accounts import SignedIn
from desktop.store.engine import Store, open_store
from desktop.store.models import Dossier
from sync.server.store import ServerStore
from tests.sync_helpers import (
    OFFICER,
    PASSWORD,
    local_event_uuids,
    loopback_server,
    receive_many,
    seed_server,
    server_event_uuids,
)

pytestmark = [
    pytest.mark.package,
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the .deb is built on Linux"),
]

ROOT = Path(__file__).resolve().parents[2]


def _installer_build() -> ModuleType:
    """installer/build.py (plain script, not a package): the DEPENDS list the .deb declares."""
    spec = importlib.util.spec_from_file_location("motcua_installer_build", ROOT / "installer" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def deb() -> Path:
    """Builds the bundle and the .deb (or takes $MOTCUA_PACKAGE_DEB, a .deb built before, to re-check it)."""
    prebuilt = os.environ.get("MOTCUA_PACKAGE_DEB")
    if prebuilt:
        return Path(prebuilt).resolve()
    out = Path(os.environ.get("MOTCUA_PACKAGE_OUT", ROOT / "installer" / "out"))
    for old in out.glob("motcua_*.deb"):
        old.unlink()
    subprocess.run([sys.executable, str(ROOT / "installer" / "build.py"), "--out", str(out)], check=True)
    (built,) = out.glob("motcua_*.deb")
    return built


@pytest.fixture(scope="module")
def installed(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scratch root the .deb was unpacked into."""
    root = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg", "-x", str(deb), str(root)], check=True)
    return root


@pytest.fixture
def clean_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """What a desktop session gives the program: a HOME, a PATH, no Python variables of ours."""
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        "XDG_RUNTIME_DIR": str(tmp_path),
    }
    if NOW_ENV in os.environ:  # the session's pinned date (tests/clock.py), as for any process a test starts
        env[NOW_ENV] = os.environ[NOW_ENV]
    yield env


def motcua(
    root: Path, env: dict[str, str], *args: str, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(root / "usr" / "bin" / "motcua"), *args],
        env=env,
        cwd=env["HOME"],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def control_fields(deb: Path) -> dict[str, str]:
    text = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True).stdout
    return dict(re.findall(r"^([\w-]+): (.*)$", text, re.M))


@pytest.fixture
def demo_profile(tmp_path: Path) -> tuple[Path, str]:
    """A profile set up and filled by this source tree (the same version as the package)."""
    profile = tmp_path / "profile"
    store = open_store(profile)
    try:
        demo.seed_demo(store, dossiers=20)
        with store.session() as session:
            code = session.query(Dossier.code).order_by(Dossier.code).first()
    finally:
        store.close()
    assert code is not None
    return profile, str(code[0])


def test_deb_lays_out_the_program_under_opt_with_command_menu_entry_and_sync_units(
    deb: Path, installed: Path
) -> None:
    fields = control_fields(deb)
    assert fields["Package"] == "motcua"
    assert fields["Version"] == __version__
    assert fields["Architecture"] == "amd64"
    for lib in ("libgl1", "libegl1", "libxkbcommon0", "libxcb-cursor0", "libfontconfig1"):
        assert lib in fields["Depends"]

    assert (installed / "opt" / "motcua" / "motcua").stat().st_mode & 0o111
    command = installed / "usr" / "bin" / "motcua"
    assert command.is_symlink() and command.resolve() == (installed / "opt" / "motcua" / "motcua").resolve()

    entry = (installed / "usr" / "share" / "applications" / "motcua.desktop").read_text(encoding="utf-8")
    assert "\nExec=motcua\n" in entry and "\nIcon=motcua\n" in entry and "Name=Một Cửa" in entry
    assert (installed / "usr/share/icons/hicolor/scalable/apps/motcua.svg").is_file()
    assert (installed / "usr/share/icons/hicolor/256x256/apps/motcua.png").is_file()

    service = (installed / "usr/lib/systemd/user/motcua-sync.service").read_text(encoding="utf-8")
    assert "ExecStart=/usr/bin/motcua sync --end-of-day\n" in service
    timer = (installed / "usr/lib/systemd/user/motcua-sync.timer").read_text(encoding="utf-8")
    assert "OnCalendar=" in timer and "Persistent=true" in timer


def test_maintainer_scripts_never_touch_user_data(deb: Path, tmp_path: Path) -> None:
    control = tmp_path / "control"
    subprocess.run(["dpkg-deb", "-e", str(deb), str(control)], check=True)
    scripts = {p.name: p.read_text(encoding="utf-8") for p in control.iterdir() if p.name != "control"}
    assert {"postinst", "prerm", "postrm", "config", "templates"} <= set(scripts)
    for name, text in scripts.items():
        code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
        assert "rm " not in code and "rmdir" not in code, name
        assert ".local/share" not in code and "$HOME" not in code and "/home" not in code, name
        if name != "templates":
            subprocess.run(["sh", "-n", str(control / name)], check=True)  # valid shell
    # the sync timer is only ever enabled when the installer's question was answered "yes" (default: no)
    assert "Default: false" in scripts["templates"]


def _maintainer_sandbox(deb: Path, tmp_path: Path, preseed_sync: bool | None) -> tuple[Path, dict[str, str]]:
    """The .deb's maintainer scripts, runnable as dpkg runs them, without touching this machine: debconf
    on a scratch database, systemctl and the desktop/icon cache tools replaced by stubs that log their call,
    HOME with an officer's profile."""
    box = tmp_path / "maint"
    control = box / "control"
    box.mkdir()
    subprocess.run(["dpkg-deb", "-e", str(deb), str(control)], check=True)
    for name in ("config", "postinst", "prerm", "postrm", "templates"):
        shutil.copy(control / name, box / f"motcua.{name}")
    stubs = box / "bin"
    stubs.mkdir()
    for tool in ("systemctl", "update-desktop-database", "gtk-update-icon-cache"):
        (stubs / tool).write_text('#!/bin/sh\necho "${0##*/} $*" >> "$CALLS"\n', encoding="utf-8")
        (stubs / tool).chmod(0o755)
    db = box / "debconf"
    db.mkdir()
    if preseed_sync is not None:
        (db / "config.dat").write_text(
            "Name: motcua/sync-timer\nTemplate: motcua/sync-timer\n"
            f"Value: {str(preseed_sync).lower()}\nOwners: motcua\nFlags: seen\n\n",
            encoding="utf-8",
        )
    (box / "debconf.conf").write_text(
        "Config: configdb\nTemplates: templatedb\n\n"
        f"Name: configdb\nDriver: File\nFilename: {db / 'config.dat'}\n\n"
        f"Name: templatedb\nDriver: File\nFilename: {db / 'templates.dat'}\n",
        encoding="utf-8",
    )
    home = box / "home"
    env = {
        "PATH": f"{stubs}:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": str(home),
        "DEBCONF_SYSTEMRC": str(box / "debconf.conf"),
        "DEBIAN_FRONTEND": "noninteractive",
        "DPKG_MAINTSCRIPT_PACKAGE": "motcua",
        "CALLS": str(box / "calls"),
    }
    return box, env


def _maint(box: Path, env: dict[str, str], script: str, *args: str) -> list[str]:
    """Runs one maintainer script; returns the stubbed system calls it made."""
    calls = Path(env["CALLS"])
    calls.unlink(missing_ok=True)
    result = subprocess.run(
        [str(box / f"motcua.{script}"), *args], cwd=box, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"{script} {args}: {result.stdout}{result.stderr}"
    return calls.read_text(encoding="utf-8").splitlines() if calls.exists() else []


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_install_upgrade_remove_purge_leave_the_officers_data_alone(
    deb: Path, tmp_path: Path, demo_profile: tuple[Path, str]
) -> None:
    box, env = _maintainer_sandbox(deb, tmp_path, preseed_sync=None)
    data = Path(env["HOME"]) / ".local" / "share" / "motcua"
    shutil.copytree(demo_profile[0], data)
    before = _snapshot(data)
    assert "motcua.sqlite3" in before  # the register, with the demo dossiers

    # as dpkg runs them: install, upgrade to the same version, remove, purge
    installed = _maint(box, env, "config", "configure", "") + _maint(box, env, "postinst", "configure", "")
    assert "systemctl --global disable motcua-sync.timer" in installed  # the default answer: no timer
    assert not any(" enable" in call for call in installed)
    _maint(box, env, "prerm", "upgrade", __version__)
    _maint(box, env, "config", "configure", __version__)
    _maint(box, env, "postinst", "configure", __version__)
    _maint(box, env, "prerm", "remove")
    _maint(box, env, "postrm", "remove")
    _maint(box, env, "postrm", "purge")

    assert _snapshot(data) == before


def test_install_enables_the_sync_timer_for_all_users_when_the_answer_is_yes(
    deb: Path, tmp_path: Path
) -> None:
    box, env = _maintainer_sandbox(deb, tmp_path, preseed_sync=True)
    _maint(box, env, "config", "configure", "")
    calls = _maint(box, env, "postinst", "configure", "")
    assert "systemctl --global enable motcua-sync.timer" in calls
    # an upgrade leaves it on; removing the package switches it off
    assert not _maint(box, env, "prerm", "upgrade", __version__)
    assert "systemctl --global disable motcua-sync.timer" in _maint(box, env, "prerm", "remove")


def test_installed_command_prints_its_version(installed: Path, clean_env: dict[str, str]) -> None:
    result = motcua(installed, clean_env, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"motcua {__version__}"


def test_installed_app_runs_headless_commands_on_a_profile(
    installed: Path, clean_env: dict[str, str], demo_profile: tuple[Path, str], tmp_path: Path
) -> None:
    profile, code = demo_profile
    calendar = motcua(installed, clean_env, "calendar", "off", "2026")
    assert calendar.returncode == 0, calendar.stderr
    assert "Tết Nguyên Đán" in calendar.stdout  # holidays' data modules are in the bundle

    # the receipt: reportlab with the shipped fonts and its dynamically loaded barcode modules
    receipt = tmp_path / "receipt.pdf"
    printed = motcua(
        installed, clean_env, "--data-dir", str(profile), "print", "receipt", code, "-o", str(receipt)
    )
    assert printed.returncode == 0, printed.stderr
    text = subprocess.run(["pdftotext", str(receipt), "-"], capture_output=True, text=True, check=True).stdout
    assert code in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text


def test_installed_doctor_reports_a_healthy_profile(
    installed: Path, clean_env: dict[str, str], demo_profile: tuple[Path, str]
) -> None:
    profile, _ = demo_profile
    result = motcua(installed, clean_env, "--data-dir", str(profile), "doctor")
    assert result.returncode == 0, result.stdout + result.stderr
    assert str(profile) in result.stdout


def test_installed_app_scans_through_its_worker_process(installed: Path, clean_env: dict[str, str]) -> None:
    """The bundle starts the SANE worker as a second process of its own executable (`freeze_support`)."""
    env = {**clean_env, "SANE_CONFIG_DIR": str(Path(__file__).resolve().parents[1] / "sane")}
    result = motcua(installed, env, "--data-dir", str(Path(env["HOME"]) / "p"), "doctor", "--scanners")
    line = next(line for line in result.stdout.splitlines() if "Máy quét" in line)
    assert "sane:test:0" in line, result.stdout + result.stderr


def test_installed_sync_command_sends_the_days_dossiers_to_the_province(
    installed: Path, clean_env: dict[str, str], ready_store: tuple[Store, SignedIn], tmp_path: Path
) -> None:
    """What the systemd timer / Task Scheduler entry runs (`motcua sync`), from the package, against the
    reference server on loopback: HTTP client, protocol models and keyring backends are all in the bundle."""
    service = (installed / "usr/lib/systemd/user/motcua-sync.service").read_text(encoding="utf-8")
    command = re.search(r"^ExecStart=/usr/bin/motcua (.+)$", service, re.M)
    assert command is not None
    store, officer = ready_store
    server_store = ServerStore(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    seed_server(server_store)
    # The test keyring (tests/file_keyring.py) through keyring's own config file: a frozen app ignores
    # PYTHONPATH, but keyring adds its `keyring-path` to the import path (the way an administrator would
    # point the app at another backend).
    config = Path(clean_env["HOME"]) / ".config" / "python_keyring" / "keyringrc.cfg"
    config.parent.mkdir(parents=True)
    config.write_text(
        f"[backend]\ndefault-keyring = file_keyring.FileKeyring\nkeyring-path = {ROOT / 'tests'}\n",
        encoding="utf-8",
    )
    env = dict(clean_env, MOTCUA_TEST_KEYRING=str(tmp_path / "keyring.json"), NO_PROXY="127.0.0.1")
    env.pop("PYTHON_KEYRING_BACKEND")
    data = ["--data-dir", str(store.profile.root)]
    try:
        with loopback_server(server_store) as server:
            enroll = subprocess.run(
                [str(installed / "usr/bin/motcua"), *data, "enroll", "--server", server.url,
                 "--username", OFFICER, "--password-stdin"],
                input=PASSWORD + "\n", env=env, capture_output=True, text=True, timeout=60, check=False,
            )  # fmt: skip
            assert enroll.returncode == 0, enroll.stdout + enroll.stderr
            receive_many(store, officer, 3)
            synced = motcua(installed, env, *data, *command.group(1).split())
    finally:
        server_store.dispose()
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert "Còn chờ gửi: 0" in synced.stdout
    sent = sorted(local_event_uuids(store))
    assert len(sent) >= 3 and sent == sorted(server_event_uuids(server_store))


def test_installed_gui_starts_offscreen_on_a_new_and_on_a_filled_profile(
    installed: Path, clean_env: dict[str, str], demo_profile: tuple[Path, str], tmp_path: Path
) -> None:
    env = dict(clean_env, MOTCUA_EXIT_WHEN_READY="1")
    fresh = tmp_path / "fresh"
    first_run = motcua(installed, env, "--data-dir", str(fresh), timeout=30)
    assert first_run.returncode == 0, first_run.stderr
    assert (fresh / "logs" / "motcua.log").read_text(encoding="utf-8").count(
        f"Một Cửa {__version__} starting"
    ) == 1

    profile, _ = demo_profile
    env["MOTCUA_AUTOLOGIN"] = f"{demo.DEMO_USERNAME}:{demo.DEMO_PASSWORD}"
    signed_in = motcua(installed, env, "--data-dir", str(profile), timeout=30)
    assert signed_in.returncode == 0, signed_in.stderr
    assert "signed in" in (profile / "logs" / "motcua.log").read_text(encoding="utf-8")


def _declared_packages() -> set[str]:
    """Package names the .deb's Depends accept (every alternative of `a | b`, without versions)."""
    return {
        alternative.strip().split(" ")[0]
        for dep in _installer_build().DEPENDS
        for alternative in dep.split("|")
    }


def test_every_system_library_the_bundle_links_to_comes_from_a_declared_dependency(installed: Path) -> None:
    """Each ELF file of the bundle: everything it needs resolves (ldd), and what it links to directly
    outside the bundle belongs to a package in Depends (the system handles what those need in turn)."""
    bundle = installed / "opt" / "motcua"
    internal = bundle / "_internal"
    env = {"LD_LIBRARY_PATH": str(internal), "PATH": "/usr/bin:/bin"}
    outside: dict[str, str] = {}
    missing: set[str] = set()
    for path in [bundle / "motcua", *internal.rglob("*.so*")]:
        if path.is_symlink() or not path.is_file():
            continue
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env, check=False).stdout
        resolved = dict(re.findall(r"^\s*(\S+) => (.*?)(?: \(0x[0-9a-f]+\))?$", out, re.M))
        missing |= {f"{path.name}: {name}" for name, target in resolved.items() if target == "not found"}
        dynamic = subprocess.run(["readelf", "-dW", str(path)], capture_output=True, text=True, check=False)
        for name in re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic.stdout):
            target = resolved.get(name, "")
            if target and target != "not found" and not target.startswith(str(installed)):
                outside[os.path.realpath(target)] = f"{path.name} -> {name}"
    assert not missing
    owners = subprocess.run(["dpkg", "-S", *sorted(outside)], capture_output=True, text=True, check=False)
    packages = {line.split(":")[0] for line in owners.stdout.splitlines()}
    assert packages, owners.stderr
    assert packages - _declared_packages() == set(), f"linked from the system but not in Depends: {outside}"


def test_bundle_leaves_declared_libraries_to_the_system_and_carries_only_what_the_app_uses(
    installed: Path,
) -> None:
    internal = installed / "opt" / "motcua" / "_internal"
    names = {p.name for p in internal.rglob("*") if p.is_file() or p.is_symlink()}
    # libraries of packages in Depends come from the target system (its fontconfig, its OpenSSL updates)
    for system_lib in (
        "libfontconfig.so.1",
        "libglib-2.0.so.0",
        "libX11.so.6",
        "libdbus-1.so.3",
        "libssl.so.3",
    ):
        assert system_lib not in names
    # what a counter PC needs: the X11 platform, the IBus input method (Vietnamese typing: Unikey/Bamboo)
    assert {"libqxcb.so", "libibusplatforminputcontextplugin.so", "libqsvgicon.so"} <= names
    # Qt: no image formats Pillow handles for us, no TLS/network-status plugins, no Qt translations of its own
    assert not {"libqtiff.so", "libqwebp.so", "libqopensslbackend.so", "qtbase_en.qm"} & names
    # ICU: root/English/Vietnamese only (the full data is 31 MB); numpy and test tools never get in
    (icu_data,) = (p for p in internal.rglob("libicudata.so.*") if not p.is_symlink())
    assert icu_data.stat().st_size < 8 * 2**20
    assert not list(internal.glob("numpy*")) and not list(internal.glob("pytest*"))


def test_bundle_ships_this_trees_resources_with_translations_compiled_from_its_ts(
    deb: Path, installed: Path, tmp_path: Path
) -> None:
    """Catalogue, calendar, fonts, form labels, icons as in resources/; each .qm compiled at build time from
    the tree's .ts (as the build copied it to installer/out/translations-src/), not a stale committed .qm."""
    source = ROOT / "resources"
    shipped = installed / "opt" / "motcua" / "_internal" / "resources"
    for path in source.rglob("*"):
        if path.is_file() and path.suffix not in (".ts", ".qm") and "__pycache__" not in path.parts:
            copy = shipped / path.relative_to(source)
            assert copy.read_bytes() == path.read_bytes(), copy
    assert not list(shipped.rglob("*.ts"))
    compiled = sorted((deb.parent / "translations-src").glob("*.ts"))
    assert [ts.name for ts in compiled] == sorted(ts.name for ts in (source / "translations").glob("*.ts"))
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    for ts in compiled:
        fresh = tmp_path / f"{ts.stem}.qm"
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(fresh)], check=True)
        assert (shipped / "translations" / fresh.name).read_bytes() == fresh.read_bytes(), fresh.name


ICU_PROBE = """
from PySide6.QtCore import QCollator, QDateTime, QLocale, QTimeZone
vi = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
print(sorted(["Đặng", "Dương", "Ân", "An", "Ấn", "Ơn", "Ôn", "On", "ư", "u", "Zed"], key=QCollator(vi).sortKey))
zone = QTimeZone(b"Asia/Ho_Chi_Minh")
print(zone.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, vi))
print(vi.toString(QDateTime.fromString("2026-11-23T10:00:00", "yyyy-MM-ddTHH:mm:ss"), "dddd, d MMMM yyyy"))
print(vi.toUpper("đắk đoa"), [m for m in open("/proc/self/maps").read().split() if "libicudata" in m][0])
"""


def test_trimmed_icu_data_sorts_and_names_in_vietnamese_as_the_full_data_does(tmp_path: Path) -> None:
    """installer/icu_trim.py on this venv's Qt ICU: Vietnamese collation, time-zone names, dates and case
    mapping come out exactly as with the full 31 MB data (Qt loads whichever libicudata comes first)."""
    spec = importlib.util.spec_from_file_location("motcua_icu_trim", ROOT / "installer" / "icu_trim.py")
    assert spec is not None and spec.loader is not None
    icu_trim = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(icu_trim)
    import PySide6

    (full,) = (Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*[0-9]")
    trimmed = icu_trim.trimmed_library(full, tmp_path)
    assert trimmed is not None, "gcc and readelf are needed to trim the ICU data"
    assert trimmed.stat().st_size < full.stat().st_size / 5

    def probe(env: dict[str, str]) -> list[str]:
        out = subprocess.run(
            [sys.executable, "-c", ICU_PROBE], env=env, capture_output=True, text=True, check=True
        )
        return out.stdout.splitlines()

    base = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
    with_full = probe(base)
    with_trimmed = probe(dict(base, LD_LIBRARY_PATH=str(tmp_path)))
    assert with_trimmed[-1].endswith(str(trimmed)) and not with_full[-1].endswith(str(trimmed))
    assert with_trimmed[:-1] == with_full[:-1]
    assert with_trimmed[0].startswith("['An', 'Ân', 'Ấn'") and "Đông Dương" in with_trimmed[1]


@pytest.fixture(autouse=True, scope="module")
def _need_tools() -> None:
    for tool in ("dpkg-deb", "dpkg", "ldd", "pdftotext", "readelf"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} is needed to build and check the package")


def test_windows_installer_script_compiles(tmp_path: Path) -> None:
    """makensis compiles installer/windows/motcua.nsi (against a stand-in bundle: the real one is Windows-built)."""
    makensis = shutil.which("makensis")
    if makensis is None:
        pytest.fail("makensis (Debian package nsis) is needed to check the Windows installer script")
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "motcua.exe").write_bytes(b"MZ stand-in")
    (bundle / "_internal" / "base_library.zip").write_bytes(b"PK stand-in")
    setup = tmp_path / "motcua-1.2.3-win64.exe"
    result = subprocess.run(
        [makensis, "-V2", "-DVERSION=1.2.3", f"-DBUNDLE={bundle}", f"-DOUTFILE={setup}", "motcua.nsi"],
        cwd=ROOT / "installer" / "windows",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in (result.stdout + result.stderr).lower()
    assert setup.read_bytes()[:2] == b"MZ"

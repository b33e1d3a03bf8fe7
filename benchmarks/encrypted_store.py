"""The encrypted store (SQLCipher, raw key) against the plain one, measured in the same run (issue 18).

One demo profile with `--dossiers` dossiers (`motcua demo seed`) is copied; the copy gets a store key and is
encrypted in place (`desktop.store.engine.encrypt`: the conversion an upgrade makes, timed). Then, runs
interleaved (plain, encrypted, plain, …) so a busy machine slows both alike, each figure a median:
1. intake write: `receive_dossier` (one transaction, synchronous=FULL) on each profile;
2. name search: the dossier list reloaded for a name typed without diacritics (count, then the first
   page of 50 from the FTS5 index), a common one and a rare one;
3. sign-in to the main window: a new `motcua` process with `MOTCUA_AUTOLOGIN` until the main window is up
   (`benchmarks/startup.py`'s measure, "motcua: ready"); also when the store has opened behind it. The encrypted profile's key comes from a keyring in a JSON file
   (`tests/file_keyring.py`: the benchmark's stand-in for the OS keyring, which this machine lacks).

    .venv/bin/python benchmarks/encrypted_store.py [--dossiers 50000] [--runs 15] [--profiles DIR]

With `--profiles DIR` both profiles are kept there (`plain-N`, `encrypted-N` and its recovery key beside it,
a benchmark's convenience) and reused by the next run, which then skips the seeding and the conversion.

Targets: intake write and name search <= 1.3x plain; sign-in to the main window <= 1.2x plain.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402
from intake import receive  # noqa: E402
from startup import DEMO_LOGIN, run, seed  # noqa: E402

from desktop.cli import database_key  # noqa: E402
from desktop.services import store_key  # noqa: E402
from desktop.services.accounts import sign_in  # noqa: E402
from desktop.services.demo import DEMO_PASSWORD, DEMO_USERNAME  # noqa: E402
from desktop.store import cipher  # noqa: E402
from desktop.store.engine import Store, encrypt, open_store  # noqa: E402
from desktop.store.profile import Profile  # noqa: E402
from desktop.store.queries import count_dossiers, fetch_page  # noqa: E402
from tests.file_keyring import FileKeyring  # noqa: E402

SEARCHES = ("nguyen van", "lo thi")  # a common name, a rare one


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def interleaved(
    plain: Callable[[], object], encrypted: Callable[[], object], runs: int
) -> tuple[float, float]:
    a, b = [], []
    for _ in range(runs):
        a.append(timed(plain))
        b.append(timed(encrypted))
    return statistics.median(a), statistics.median(b)


def row(label: str, plain: float, encrypted: float, target: float, unit: str = "ms") -> None:
    ratio = encrypted / plain
    verdict = "met" if ratio <= target else "NOT met"
    print(
        f"   {label:<40}{plain:9.1f} {unit}{encrypted:9.1f} {unit}   x{ratio:.2f}  (<= {target}: {verdict})"
    )


def reload(store: Store, search: str) -> None:
    with store.session() as session:
        count_dossiers(session, search)
        fetch_page(session, 0, 50, search)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--profiles", type=Path, default=None, help="keep the seeded plain profile here")
    args = parser.parse_args()
    holder = tempfile.TemporaryDirectory(prefix="motcua-enc-")
    base = args.profiles or Path(holder.name)
    base.mkdir(parents=True, exist_ok=True)
    plain_dir, enc_dir = base / f"plain-{args.dossiers}", base / f"encrypted-{args.dossiers}"
    seed(plain_dir, args.dossiers)

    ring = Path(holder.name) / "keyring.json"
    os.environ["MOTCUA_TEST_KEYRING"] = str(ring)
    keyring.set_keyring(FileKeyring())
    cipher.set_key_source(database_key)
    recovery_file = enc_dir.with_name(enc_dir.name + ".recovery")  # with --profiles: converted once, reused
    if args.profiles is not None and recovery_file.exists():
        store_key.unlock_profile(
            Profile(enc_dir), recovery_file.read_text().strip()
        )  # into this run's keyring
        print(f"{args.dossiers:,} demo dossiers; reusing {enc_dir}; runs interleaved, median of {args.runs}")
    else:
        shutil.rmtree(enc_dir, ignore_errors=True)
        shutil.copytree(plain_dir, enc_dir)
        recovery = store_key.create_store_key(Profile(enc_dir))
        size = (enc_dir / "motcua.sqlite3").stat().st_size
        start = time.perf_counter()
        assert encrypt(Profile(enc_dir))
        took = time.perf_counter() - start
        recovery_file.write_text(recovery + "\n")
        print(
            f"{args.dossiers:,} demo dossiers, {size / 2**20:.0f} MiB; runs interleaved, median of {args.runs}"
        )
        print(f"0. conversion of the plain file: {took:.1f} s ({size / 2**20 / took:.0f} MiB/s)")
    print(f"   {'':<40}{'plain':>12}{'encrypted':>12}")

    plain, enc = open_store(plain_dir), open_store(enc_dir)
    try:
        who = {id(s): sign_in(s, DEMO_USERNAME, DEMO_PASSWORD) for s in (plain, enc)}
        counter = iter(range(10**9))
        for s in (plain, enc):  # warm-up: calendar, caches
            receive(s, who[id(s)], next(counter))
            for search in SEARCHES:
                reload(s, search)
        a, b = interleaved(
            lambda: receive(plain, who[id(plain)], next(counter)),
            lambda: receive(enc, who[id(enc)], next(counter)),
            args.runs,
        )
        row("1. intake write (receive_dossier)", a, b, 1.3)
        for search in SEARCHES:
            a, b = interleaved(partial(reload, plain, search), partial(reload, enc, search), args.runs)
            row(f"2. name search '{search}' (count + page)", a, b, 1.3)
    finally:
        plain.close()
        enc.close()

    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", MOTCUA_EXIT_WHEN_READY="1", MOTCUA_AUTOLOGIN=DEMO_LOGIN
    )
    env["PYTHON_KEYRING_BACKEND"] = "tests.file_keyring.FileKeyring"
    env["PYTHONPATH"] = str(ROOT)
    env["PYTHONPYCACHEPREFIX"] = str(Path(holder.name) / "pycache")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    entry = "import sys; from desktop.cli import main; sys.exit(main())"

    def start(profile: Path) -> dict[str, float]:
        return run([sys.executable, "-c", entry, "--data-dir", str(profile)], env)

    start(plain_dir), start(enc_dir)  # untimed: file and bytecode caches
    marks: dict[str, list[float]] = {"plain ready": [], "enc ready": [], "plain open": [], "enc open": []}
    for _ in range(max(3, args.runs // 3)):
        for kind, profile in (("plain", plain_dir), ("enc", enc_dir)):
            got = start(profile)
            marks[f"{kind} ready"].append(got["ready"])
            marks[f"{kind} open"].append(got.get("store open", float("nan")))
    med = {k: statistics.median(v) for k, v in marks.items()}
    row("3. sign-in to the main window (process)", med["plain ready"], med["enc ready"], 1.2, unit="s ")
    print(
        f"   (the store open behind the main window, quick check included: {med['plain open']:.1f} s plain, "
        f"{med['enc open']:.1f} s encrypted)"
    )
    holder.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())

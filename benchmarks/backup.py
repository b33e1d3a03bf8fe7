"""Backup throughput: `create_backup` (sealed AES-GCM file of the store and the scans) against a plain copy of
the same files, measured in the same run, on an encrypted profile (SQLCipher store, sealed scans). Target:
at least 50 MB/s of scans.

    .venv/bin/python benchmarks/backup.py [--scans-mb 200] [--dossiers 2000] [--runs 3] [--profile DIR]
    .venv/bin/python benchmarks/backup.py --dossiers 200000 --scans-mb 2048 \
        --from-profile benchmarks/out/enc/plain-200000     # the issue's size: 200k dossiers, 2 GB of scans

The profile (default `benchmarks/out/backup-<N>d-<M>mb/`) is made once and reused: the demo dossiers
(`seed_demo`, or a copy of a profile `motcua demo seed` made, `--from-profile`), then its store key and the
conversion of its database (`desktop.store.engine.encrypt`), then synthetic scans of 1 MiB of random bytes
each (incompressible, like real JPEG/PDF scans), sealed as the application stores them. The store key lives
in an in-memory keyring (never the OS one); the recovery key is kept beside the profile
(`<profile>.recovery`, a benchmark's convenience) to open it again in a later run. Figures are medians over
`--runs`; each backup and each copy is written to a fresh folder and removed afterwards. The verify pass
(the GUI and `backup create` run it after writing) is timed too.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402
import keyring.backend  # noqa: E402

from desktop.cli import database_key  # noqa: E402
from desktop.services import backup, store_key  # noqa: E402
from desktop.services.attachments import blob_store  # noqa: E402
from desktop.services.demo import seed_demo  # noqa: E402
from desktop.store import cipher  # noqa: E402
from desktop.store.engine import Store, encrypt, open_store  # noqa: E402
from desktop.store.profile import Profile  # noqa: E402

MIB = 1 << 20


class _MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


def profile(path: Path, dossiers: int, scans_mb: int, source: Path | None) -> Store:
    """The encrypted benchmark profile at `path`, made the first time (see the module doc)."""
    recovery_file = path.with_name(path.name + ".recovery")
    if recovery_file.exists():
        print(f"reusing {path}")
        store_key.unlock_profile(Profile(path), recovery_file.read_text().strip())
        return open_store(path)
    shutil.rmtree(path, ignore_errors=True)
    started = time.perf_counter()
    if source is not None:
        print(f"copying the demo profile {source} into {path} …", flush=True)
        shutil.copytree(source, path, ignore=shutil.ignore_patterns("*-wal", "*-shm", "logs", "backups"))
    else:
        print(f"seeding {dossiers:,} demo dossiers into {path} …", flush=True)
        store = open_store(path)
        try:
            seed_demo(store, dossiers)
        finally:
            store.close()
    recovery = store_key.create_store_key(Profile(path))
    assert encrypt(Profile(path), backup=False), "the database was not encrypted"
    store = open_store(path)
    blobs = blob_store(store)
    assert blobs.sealed
    print(f"adding {scans_mb} MiB of sealed scans …", flush=True)
    for _ in range(scans_mb):
        blobs.put(b"%PDF-1.4\n" + os.urandom(MIB - 9), pages=1)
    recovery_file.write_text(recovery + "\n")
    print(f"  made in {time.perf_counter() - started:.0f} s", flush=True)
    return store


def plain_copy(store: Store, target: Path) -> None:
    target.mkdir(parents=True)
    shutil.copyfile(store.profile.db_path, target / "motcua.sqlite3")
    for path in store.profile.attachments_dir.glob("??/??/*"):
        shutil.copyfile(path, target / path.name)
    with (target / "motcua.sqlite3").open("rb+") as fh:
        os.fsync(fh.fileno())


def seconds(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def one_run(store: Store, key: store_key.StoreKey, out: Path) -> tuple[float, float, float]:
    """Seconds for a plain copy, a sealed backup and its verification, each into/from `out`."""
    copy = seconds(lambda: plain_copy(store, out / "copy"))
    (out / "sealed").mkdir()
    made: list[backup.BackupInfo] = []
    sealed = seconds(lambda: made.append(backup.create_backup(store, out / "sealed", key)))
    checked = seconds(lambda: backup.verify_backup(made[0].path, against=store))
    shutil.rmtree(out)
    return copy, sealed, checked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scans-mb", type=int, default=200)
    parser.add_argument("--dossiers", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", type=Path, default=None)
    parser.add_argument("--from-profile", type=Path, default=None, help="copy this seeded demo profile")
    args = parser.parse_args()
    keyring.set_keyring(_MemoryKeyring())
    cipher.set_key_source(database_key)
    path = args.profile or ROOT / "benchmarks" / "out" / f"backup-{args.dossiers}d-{args.scans_mb}mb"
    store = profile(path, args.dossiers, args.scans_mb, args.from_profile)
    try:
        key = store_key.load_store_key(store.profile)
        assert cipher.is_encrypted(store.profile.db_path)
        scans = sum(p.stat().st_size for p in store.profile.attachments_dir.glob("??/??/*"))
        db = store.profile.db_path.stat().st_size
        copy_s: list[float] = []
        backup_s: list[float] = []
        verify_s: list[float] = []
        with tempfile.TemporaryDirectory(prefix="motcua-bench-", dir=path.parent) as work:
            for i in range(args.runs):
                copy, made, checked = one_run(store, key, Path(work) / f"run-{i}")
                copy_s.append(copy)
                backup_s.append(made)
                verify_s.append(checked)
    finally:
        store.close()
    copy, b, v = statistics.median(copy_s), statistics.median(backup_s), statistics.median(verify_s)
    print(
        f"encrypted store {db / MIB:.1f} MiB, sealed scans {scans / MIB:.1f} MiB ({args.dossiers:,} dossiers), "
        f"{args.runs} runs"
    )
    print(f"plain copy      {copy:7.2f} s  {scans / MIB / copy:7.1f} MiB/s of scans")
    print(f"backup create   {b:7.2f} s  {scans / MIB / b:7.1f} MiB/s of scans  ({b / copy:.2f}x plain copy)")
    print(f"backup verify   {v:7.2f} s  {scans / MIB / v:7.1f} MiB/s of scans")
    print(f"target >= 50 MB/s of scans: {'met' if scans / b >= 50e6 else 'NOT met'}")


if __name__ == "__main__":
    main()

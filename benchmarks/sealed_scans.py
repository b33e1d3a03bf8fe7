"""Sealing and unsealing scans: `BlobStore.put`/`read` with the store key (AES-GCM chunks, keyed names)
against the same store without a key (the plain files), measured in the same run, as MB/s of scan bytes.

    .venv/bin/python benchmarks/sealed_scans.py [--scans 200] [--kb 300] [--runs 3] [--folder DIR]

Scans are random bytes (incompressible, like real JPEG/PDF scans) of `--kb` KiB each (a text page is
20–60 KB, a photo page a few hundred). Each run writes every scan into a fresh folder (each `put` fsyncs its
file and folder, as the application does), then reads every one back in full (`read`: the sealed one is
decrypted and checked to its final chunk); figures are medians over `--runs`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.core.sealed import StoreKey  # noqa: E402
from desktop.scan.blobstore import BlobStore  # noqa: E402

MB = 1_000_000


def one_run(folder: Path, scans: list[bytes], key: StoreKey | None) -> tuple[float, float]:
    """(seconds to store every scan, seconds to read every one back) in a fresh folder."""
    root = folder / ("sealed" if key else "plain") / "attachments"
    blobs = BlobStore(root, key)
    started = time.perf_counter()
    shas = [blobs.put(scan, pages=1).sha256 for scan in scans]
    stored = time.perf_counter() - started
    started = time.perf_counter()
    total = sum(len(blobs.read(sha)) for sha in shas)
    read = time.perf_counter() - started
    assert total == sum(map(len, scans))
    shutil.rmtree(root.parent)
    return stored, read


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scans", type=int, default=200)
    parser.add_argument("--kb", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--folder", type=Path, default=None, help="where the files are written (a temp folder)"
    )
    args = parser.parse_args(argv)
    scans = [os.urandom(args.kb * 1024) for _ in range(args.scans)]
    size = sum(map(len, scans)) / MB
    key = StoreKey("benchmark", os.urandom(32))
    times: dict[str, list[tuple[float, float]]] = {"plain": [], "sealed": []}
    with tempfile.TemporaryDirectory(prefix="motcua-sealed-", dir=args.folder) as tmp:
        for _ in range(args.runs):  # alternate, so both see the same machine load
            times["plain"].append(one_run(Path(tmp), scans, None))
            times["sealed"].append(one_run(Path(tmp), scans, key))
    print(f"{args.scans} scans of {args.kb} KiB ({size:.0f} MB), median of {args.runs} runs")
    medians = {
        kind: (statistics.median(t[0] for t in runs), statistics.median(t[1] for t in runs))
        for kind, runs in times.items()
    }
    for step, index in (("store (put, fsynced)", 0), ("read back (read)", 1)):
        plain, sealed = medians["plain"][index], medians["sealed"][index]
        print(
            f"{step:22s} plain {size / plain:7.0f} MB/s   sealed {size / sealed:7.0f} MB/s   "
            f"sealed/plain time {sealed / plain:.2f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

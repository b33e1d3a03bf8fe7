"""Stored bytes per A4 page and pipeline speed of the two scan profiles, against plain Pillow in the same run.

Pages: generated A4 pages at 200 dpi made to look scanned (grey paper, sensor noise, a slight skew):
a receipt with a table, a red stamp and a QR code; a dense text page; a text page with a stamp and no
table; a table-only form; a colour photograph page with a caption. Each goes through:

* "text" profile: deskew, border crop, whitening, bilevel CCITT G4 at 200 dpi, img2pdf;
* "photo" profile: the same steps, grayscale or colour JPEG (quality 60) at 150 dpi, img2pdf;
* baseline: Pillow's own `Image.save(..., "PDF", resolution=200)` of the raw scan (what a quick
  implementation would store).

For each: median and maximum stored bytes per page (each page stored as its own one-page PDF, as the
attachment store would hold a one-page document), whether the receipt's QR code still decodes from the
stored PDF (rasterised with pdftoppm, read with zxing-cpp), and pages per second through the pipeline
(median of `--runs` runs over all pages). Targets (issue 6): text <= 40 KB median with the QR decodable,
photo <= 150 KB.

Then the cost of running SANE in its worker process (desktop/scan/sane_process.py): pages per second of a
10-page ADF batch from SANE's `test` device (200 dpi grey, 1653 x 2338) read in this process
(`sane_backend`, what the worker itself runs) and through the worker, median of `--runs` batches each, and
the first-listing delay (a fresh worker started and its device list returned), median of `--runs` starts.
The worker re-imports this script as its main module, as `spawn` does, so its start here includes that.

    .venv/bin/python benchmarks/scan.py [--runs 3]
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import zxingcpp  # noqa: E402
from PIL import Image  # noqa: E402

from desktop.scan.document import build_pdf  # noqa: E402
from desktop.scan.pipeline import PipelineOptions, process_page  # noqa: E402
from tests.scan_samples import QR_TEXT, photo_page, scanned, text_page  # noqa: E402

DPI = 200


def make_pages() -> dict[str, Image.Image]:
    return {
        "receipt (table, stamp, QR)": scanned(text_page(DPI), skew=0.7, seed=1),
        "dense text": scanned(text_page(DPI, qr=False, table=False, stamp=False), skew=-1.1, seed=2),
        "text + stamp": scanned(text_page(DPI, qr=False, table=False), skew=0.4, seed=3),
        "table form": scanned(text_page(DPI, qr=False, stamp=False), skew=-0.6, seed=4),
        "colour photo": scanned(photo_page(DPI), gray=False, skew=0.3, seed=5),
    }


def pillow_pdf(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "PDF", resolution=DPI)
    return buf.getvalue()


def profile_pdf(profile: str) -> Callable[[Image.Image], bytes]:
    options = PipelineOptions(profile=profile)
    return lambda image: build_pdf([process_page(image, options, DPI)])


def qr_decodes(pdf: bytes, workdir: Path) -> bool:
    src = workdir / "qr.pdf"
    src.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", str(src), str(workdir / "qr")], check=True
    )
    with Image.open(workdir / "qr.png") as image:
        return QR_TEXT in [r.text for r in zxingcpp.read_barcodes(image)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pages = make_pages()
    methods = {
        "text profile (G4)": profile_pdf("text"),
        "photo profile (JPEG)": profile_pdf("photo"),
        "baseline Pillow PDF": pillow_pdf,
    }
    print(
        f"{len(pages)} generated A4 pages at {DPI} dpi, {args.runs} runs; sizes in KB (1 KB = 1000 bytes)\n"
    )
    header = f"{'method':24} " + " ".join(f"{name[:14]:>15}" for name in pages)
    print(header + f" {'median':>8} {'max':>7} {'QR ok':>6} {'pages/s':>8}")
    summary: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, method in methods.items():
            sizes: dict[str, int] = {}
            stored: dict[str, bytes] = {}
            speeds = []
            for _ in range(args.runs):
                start = time.perf_counter()
                for name, image in pages.items():
                    stored[name] = method(image)
                speeds.append(len(pages) / (time.perf_counter() - start))
            sizes = {name: len(data) for name, data in stored.items()}
            median = statistics.median(sizes.values())
            summary[label] = median
            qr = qr_decodes(stored["receipt (table, stamp, QR)"], Path(tmp))
            cells = " ".join(f"{sizes[name] / 1000:15.1f}" for name in pages)
            print(
                f"{label:24} {cells} {median / 1000:8.1f} {max(sizes.values()) / 1000:7.1f} "
                f"{'yes' if qr else 'NO':>6} {statistics.median(speeds):8.2f}"
            )
    base = summary["baseline Pillow PDF"]
    print()
    for label in ("text profile (G4)", "photo profile (JPEG)"):
        print(
            f"{label}: median {summary[label] / 1000:.1f} KB/page = {summary[label] / base:.1%} of the baseline"
        )
    print("targets: text <= 40 KB median with QR decodable; photo <= 150 KB")
    sane_cost(args.runs)
    return 0


def sane_cost(runs: int) -> None:
    """Pages/s of a 10-page test-device batch in this process and through the SANE worker process."""
    import os

    from desktop.scan import sane_process
    from desktop.scan.devices import ADF, ScanSettings

    if not sane_process.available():
        print("\nSANE: python-sane is not installed here; worker cost not measured")
        return
    os.environ["SANE_CONFIG_DIR"] = str(HERE.parent / "tests" / "sane")
    starts = []
    for _ in range(runs):
        sane_process.shutdown()
        start = time.perf_counter()
        sane_process.SaneProcessBackend().devices()
        starts.append(time.perf_counter() - start)
    from desktop.scan.sane_backend import SaneBackend  # loads libsane here, after the worker's figures

    settings = ScanSettings(source=ADF, resolution=200, extra={"test-picture": "Grid"})
    speeds: dict[str, float] = {}
    for label, backend in (
        ("in this process", SaneBackend()),
        ("worker process", sane_process.SaneProcessBackend()),
    ):
        rates = []
        for _ in range(runs):
            job = backend.open_job("sane:test:0", settings)
            try:
                start = time.perf_counter()
                count = sum(1 for _ in job.pages())
                rates.append(count / (time.perf_counter() - start))
            finally:
                job.close()
        speeds[label] = statistics.median(rates)
    sane_process.shutdown()
    print(
        f"\nSANE test device, {count}-page ADF batch at 200 dpi grey: "
        f"{speeds['in this process']:.1f} pages/s in this process, {speeds['worker process']:.1f} pages/s "
        f"through the worker ({speeds['worker process'] / speeds['in this process']:.0%}); "
        f"first listing (worker start + device list) median {statistics.median(starts) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    sys.exit(main())

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
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Reading back what we print with real tools: poppler (pdftotext, pdftoppm), pdfplumber, zxing-cpp."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pdfplumber
import zxingcpp
from PIL import Image


def pdf_text(pdf: bytes) -> str:
    """pdftotext of the whole document, white space collapsed (wrapped lines join with a space)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True)
    return re.sub(r"\s+", " ", out.stdout.decode("utf-8"))


def page_texts(pdf: bytes) -> list[str]:
    """Collapsed text per page."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True)
    pages = out.stdout.decode("utf-8").split("\f")
    return [re.sub(r"\s+", " ", p) for p in pages if p.strip()]


def rasterise(pdf: bytes, dpi: int = 200) -> list[Image.Image]:
    """Each page in gray, as pdftoppm renders it. Written as PGM, not PNG: the same pixels, and an A4 page
    at 200 dpi takes 0.1 s instead of 1.6 s (PNG's compression was nearly all of it)."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(src), f"{tmp}/p"], check=True)
        return [Image.open(p).copy() for p in sorted(Path(tmp).glob("p*.pgm"))]


def decode(pdf: bytes, dpi: int = 200) -> list[tuple[str, str]]:
    """(format, text) of every barcode zxing-cpp finds on every page."""
    found = []
    for image in rasterise(pdf, dpi):
        for result in zxingcpp.read_barcodes(image):
            found.append((result.format.name, result.text))
    return found


def layout_problems(pdf: bytes, safe: float) -> list[str]:
    """Characters outside the printable area (`safe` points from each edge) and overlapping words."""
    problems: list[str] = []
    with pdfplumber.open(_bytes_io(pdf)) as doc:
        for number, page in enumerate(doc.pages, 1):
            for ch in page.chars:
                if ch["text"].strip() and (
                    ch["x0"] < safe - 0.01
                    or ch["x1"] > page.width - safe + 0.01
                    or ch["top"] < safe - 0.01
                    or ch["bottom"] > page.height - safe + 0.01
                ):
                    problems.append(f"p{number}: {ch['text']!r} outside at ({ch['x0']:.1f}, {ch['top']:.1f})")
            words: list[dict[str, Any]] = page.extract_words()
            for i, a in enumerate(words):
                for b in words[i + 1 :]:
                    if _overlap(a, b):
                        problems.append(f"p{number}: {a['text']!r} overlaps {b['text']!r}")
    return problems


def _overlap(a: dict[str, Any], b: dict[str, Any], tol: float = 0.5) -> bool:
    return (
        min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > tol
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > tol
    )


def _bytes_io(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)


def page_count(pdf: bytes) -> int:
    with pdfplumber.open(_bytes_io(pdf)) as doc:
        return len(doc.pages)

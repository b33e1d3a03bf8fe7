"""The pages of one document and how they become one PDF.

A document being prepared (in the scan panel, or by `motcua attach`) is an ordered list of items, each
one page: either an `EncodedPage` from the pipeline, or a `PdfPageRef` pointing into an imported PDF that
is kept as it is. The officer may reorder, rotate and delete items. `build_pdf` makes the final file:
image pages are wrapped by img2pdf (which embeds the G4/JPEG bytes without re-encoding), imported PDF
pages are copied with pikepdf, and rotations are set as the pages' /Rotate (lossless). When the items are
exactly one imported PDF, untouched and complete, its original bytes are stored unchanged.

The output is deterministic: the same pages with the same profile give the same bytes (and so the same
SHA-256, stored once). No creation date is written (`nodate`), img2pdf uses its internal writer (its
pikepdf writer would ask for `deterministic_id`, but img2pdf 0.6.3 compares version strings, so
pikepdf 10 gets a random /ID), and pikepdf saves with `deterministic_id=True`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import img2pdf
import pikepdf

from desktop.scan.pipeline import EncodedPage


@dataclass(frozen=True)
class ImportedPdf:
    """A validated PDF file kept byte for byte."""

    data: bytes
    pages: int
    name: str = ""


@dataclass
class PdfPageRef:
    """One page of an imported PDF."""

    pdf: ImportedPdf
    index: int
    rotation: int = 0  # extra clockwise quarter turns chosen by the officer


PageItem = EncodedPage | PdfPageRef


def pages_of(pdf: ImportedPdf) -> list[PageItem]:
    return [PdfPageRef(pdf, i) for i in range(pdf.pages)]


def _untouched_pdf(items: Sequence[PageItem]) -> ImportedPdf | None:
    if not items or not all(isinstance(item, PdfPageRef) for item in items):
        return None
    refs = [item for item in items if isinstance(item, PdfPageRef)]
    first = refs[0].pdf
    if len(refs) != first.pages or any(r.pdf is not first or r.rotation for r in refs):
        return None
    if [r.index for r in refs] != list(range(first.pages)):
        return None
    return first


def _img2pdf(images: Sequence[bytes]) -> bytes:
    return bytes(img2pdf.convert(list(images), nodate=True, engine=img2pdf.Engine.internal))


def build_pdf(items: Sequence[PageItem]) -> bytes:
    """One PDF holding the items in order (the original bytes when it is one untouched imported PDF)."""
    if not items:
        raise ValueError("a document needs at least one page")
    original = _untouched_pdf(items)
    if original is not None:
        return original.data
    if all(isinstance(item, EncodedPage) and not item.rotation for item in items):
        return _img2pdf([item.data for item in items if isinstance(item, EncodedPage)])
    out = pikepdf.new()
    opened: dict[int, pikepdf.Pdf] = {}
    try:
        for item in items:
            if isinstance(item, EncodedPage):
                src = pikepdf.open(io.BytesIO(_img2pdf([item.data])))
                opened[id(src)] = src
                page = src.pages[0]
            else:
                key = id(item.pdf)
                if key not in opened:
                    opened[key] = pikepdf.open(io.BytesIO(item.pdf.data))
                page = opened[key].pages[item.index]
            out.pages.append(page)
            if item.rotation:
                out.pages[-1].rotate(item.rotation, relative=True)
        buf = io.BytesIO()
        out.save(
            buf,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            deterministic_id=True,
        )
        return buf.getvalue()
    finally:
        for pdf in opened.values():
            pdf.close()
        out.close()

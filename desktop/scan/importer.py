"""Importing files the officer already has: PDF, JPEG, PNG and TIFF (including multi-page TIFF).

Files are read once into memory (after a size check) and never opened for writing, so the original on
disk is never changed. PDFs are validated with pikepdf (installed with img2pdf) and kept byte for byte;
images go through the page pipeline. Refused, with a Vietnamese `ValidationError(field="file")`:
zero-byte, over-large (> 200 MB), unreadable/corrupt, encrypted PDFs, PDFs with more than 2,000 pages,
images over Pillow's `MAX_IMAGE_PIXELS` (decompression bombs; Pillow only *warns* below twice that
limit, so the warning is turned into the same refusal) and image files with more than 500 frames.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from pathlib import Path

import pikepdf
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from desktop.core.errors import ValidationError
from desktop.scan.document import ImportedPdf, PageItem, pages_of
from desktop.scan.pipeline import PipelineOptions, ProgressFn, process_page, source_dpi

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_PDF_PAGES = 2000
MAX_FRAMES = 500
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".pgm", ".ppm", ".pnm"}
PDF_MAGIC = b"%PDF-"


def _refuse(path: Path, why: str) -> ValidationError:
    return ValidationError(f"Không nhận được tệp '{path.name}': {why}", "file")


def read_file(path: Path) -> bytes:
    """The file's bytes, after checking it exists, is not empty and is not too large."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise _refuse(path, "tệp không tồn tại.") from None
    except OSError as exc:
        raise _refuse(path, f"không đọc được ({exc.strerror}).") from exc
    if path.is_dir():
        raise _refuse(path, "đây là một thư mục.")
    if size == 0:
        raise _refuse(path, "tệp rỗng (0 byte).")
    if size > MAX_FILE_BYTES:
        raise _refuse(path, f"tệp quá lớn ({size / 1048576:.0f} MB, tối đa {MAX_FILE_BYTES // 1048576} MB).")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _refuse(path, f"không đọc được ({exc.strerror}).") from exc


def is_pdf(data: bytes) -> bool:
    return PDF_MAGIC in data[:1024]


def check_pdf(data: bytes, path: Path) -> ImportedPdf:
    """Validate a PDF (opens, not encrypted, sane page count, pages readable) and keep its bytes."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if pdf.is_encrypted:
                raise _refuse(path, "tệp PDF được mã hoá hoặc đặt mật khẩu; hãy gỡ mật khẩu rồi nhập lại.")
            count = len(pdf.pages)
            if count == 0:
                raise _refuse(path, "tệp PDF không có trang nào.")
            if count > MAX_PDF_PAGES:
                raise _refuse(path, f"tệp PDF có {count} trang, vượt quá giới hạn {MAX_PDF_PAGES} trang.")
            for page in pdf.pages:
                _ = page.mediabox  # every page object must resolve
    except pikepdf.PasswordError:
        raise _refuse(path, "tệp PDF được mã hoá hoặc đặt mật khẩu; hãy gỡ mật khẩu rồi nhập lại.") from None
    except (pikepdf.PdfError, KeyError, ValueError, RuntimeError) as exc:
        raise _refuse(path, "tệp PDF bị hỏng hoặc không đọc được.") from exc
    return ImportedPdf(data, count, path.name)


def _open_image(data: bytes, path: Path) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data))
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise _refuse(path, "ảnh có kích thước điểm ảnh quá lớn (nghi là tệp độc hại).") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise _refuse(path, "không phải tệp ảnh hoặc PDF hợp lệ, hoặc tệp bị hỏng.") from exc


def iter_images(data: bytes, path: Path) -> Iterator[tuple[Image.Image, int]]:
    """Each frame of an image file (several for a multi-page TIFF), loaded, with its dpi."""
    image = _open_image(data, path)
    limit = Image.MAX_IMAGE_PIXELS or 0
    try:
        for n, frame in enumerate(ImageSequence.Iterator(image)):
            if n >= MAX_FRAMES:
                raise _refuse(path, f"tệp ảnh có hơn {MAX_FRAMES} trang.")
            if limit and frame.width * frame.height > limit:
                raise _refuse(path, "ảnh có kích thước điểm ảnh quá lớn (nghi là tệp độc hại).")
            dpi = source_dpi(frame)
            try:
                loaded = ImageOps.exif_transpose(frame.copy())
            except (OSError, SyntaxError, ValueError) as exc:
                raise _refuse(path, f"trang {n + 1} của ảnh bị hỏng.") from exc
            yield loaded, dpi
    finally:
        image.close()


def import_file(
    path: Path, options: PipelineOptions, progress: ProgressFn | None = None
) -> tuple[list[PageItem], ImportedPdf | None]:
    """The pages of one file: a validated PDF as-is, or images through the pipeline (blanks dropped)."""
    return import_data(read_file(path), path, options, progress)


def import_data(
    data: bytes, path: Path, options: PipelineOptions, progress: ProgressFn | None = None
) -> tuple[list[PageItem], ImportedPdf | None]:
    """`import_file` of bytes already read from `path` (named in the messages)."""
    if is_pdf(data):
        pdf = check_pdf(data, path)
        return pages_of(pdf), pdf
    if path.suffix.lower() not in IMAGE_SUFFIXES and data[:4] not in (b"II*\x00", b"MM\x00*"):
        # Let Pillow decide anyway; the suffix check only guards against e.g. a .docx opened by mistake.
        if not data.startswith((b"\xff\xd8", b"\x89PNG")):
            raise _refuse(path, "chỉ nhận tệp PDF, JPEG, PNG hoặc TIFF.")
    items: list[PageItem] = []
    for n, (image, dpi) in enumerate(iter_images(data, path)):
        if progress is not None:
            progress(n, 0, path.name)
        page = process_page(image, options, dpi)
        if not (page.blank and options.drop_blank):
            items.append(page)
    if not items:
        raise _refuse(path, "tất cả các trang đều trắng.")
    return items, None

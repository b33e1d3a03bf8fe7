"""The page pipeline: a raw scanned or imported image in, one compact encoded page out.

Steps, in order: optional auto-rotate (quarter turns) and deskew, crop of dark scanner-lid borders,
blank-page detection, paper whitening, then one of two profiles:

- "text": bilevel at 200–300 dpi, CCITT Group 4 (about 20–50 KB per A4 page, QR codes stay decodable);
- "photo": grayscale, or colour when the page has real colour (a red seal counts), JPEG at 150–200 dpi
  (150 unless asked: about 120–140 KB per A4 page at quality 60, against 200–300 KB at 200 dpi).

The input image is never modified (every step returns a new image). The geometry helpers live in
`desktop.scan.imaging`; how pages become a PDF lives in `desktop.scan.document`.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from PIL import Image, ImageStat

from desktop.core.errors import ValidationError
from desktop.scan import imaging

PROFILES = ("text", "photo")
TEXT_DPI = (200, 300)
PHOTO_DPI = (150, 200)
DEFAULT_DPI = 200
JPEG_QUALITY = 60
COLOUR_SHARE = 0.002  # pages where at least 0.2 % of the pixels are clearly coloured are kept in colour

ProgressFn = Callable[..., None]


@dataclass(frozen=True)
class PipelineOptions:
    profile: str = "text"
    auto_rotate: bool = False
    deskew: bool = True
    crop_borders: bool = True
    drop_blank: bool = True
    dpi: int | None = None  # target resolution; None keeps the source's within the profile's range

    def __post_init__(self) -> None:
        if self.profile not in PROFILES:
            raise ValidationError(
                f"Chế độ số hoá '{self.profile}' không hợp lệ (text hoặc photo).", "profile"
            )


@dataclass
class EncodedPage:
    """One processed page: encoded image bytes ready for the PDF, plus what the UI needs to know."""

    data: bytes
    fmt: str  # "tiff-g4" | "jpeg"
    width: int
    height: int
    dpi: int
    blank: bool = False
    rotation: int = 0  # extra clockwise quarter turns chosen by the officer, applied in the PDF
    notes: list[str] = field(default_factory=list)  # e.g. "deskew -1.3", "rotate 180"

    def image(self) -> Image.Image:
        """The page as shown to the officer (with its rotation), decoded."""
        with Image.open(io.BytesIO(self.data)) as im:
            im.load()
            decoded = im.convert("L") if im.mode == "1" else im.copy()
        return imaging.rotate_quarter(decoded, self.rotation)


def source_dpi(image: Image.Image, default: int = DEFAULT_DPI) -> int:
    """The image's resolution from its metadata, or `default` when absent or absurd."""
    info = image.info.get("dpi")
    try:
        value = round(float(info[0])) if info else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    return value if 50 <= value <= 1200 else default


def _target_dpi(options: PipelineOptions, dpi: int) -> int:
    low, high = TEXT_DPI if options.profile == "text" else PHOTO_DPI
    if options.dpi is not None:
        wanted = options.dpi
    else:  # text keeps the scan's resolution (200 or 300); photos go to 150 dpi, a third of the bytes
        wanted = dpi if options.profile == "text" else low
    return max(low, min(high, wanted))


def _resample(image: Image.Image, dpi: int, target: int) -> Image.Image:
    if dpi == target:
        return image
    scale = target / dpi
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS if scale < 1 else Image.Resampling.BICUBIC)


def paper_lut(gray: Image.Image) -> list[int] | None:
    """A lookup table mapping the paper tone (and noise around it) to white, stretching the rest."""
    hist = gray.histogram()[:256]
    total = sum(hist)
    seen, paper = 0, 255
    for value in range(255, -1, -1):  # the tone below which 70 % of the pixels lie (paper on most pages)
        seen += hist[value]
        if seen >= total * 0.3:
            paper = value
            break
    if paper < 150:
        return None  # a dark page (photo, ID card): leave tones alone
    white = max(1, paper - 14)
    return [min(255, round(v * 255 / white)) for v in range(256)]


def _is_colourful(rgb: Image.Image) -> bool:
    small = rgb.resize((max(1, rgb.width // 4), max(1, rgb.height // 4)), Image.Resampling.BOX)
    _, sat, val = small.convert("HSV").split()
    vivid = Image.eval(sat, lambda s: 255 if s > 90 else 0)
    lit = Image.eval(val, lambda v: 255 if v > 60 else 0)
    both = ImageStat.Stat(Image.composite(vivid, Image.new("L", vivid.size, 0), lit)).mean[0] / 255
    return both >= COLOUR_SHARE


def _encode_text(gray: Image.Image, dpi: int) -> bytes:
    threshold = imaging.otsu_threshold(gray)
    bilevel = gray.point(lambda v: 255 if v >= threshold else 0).convert("1", dither=Image.Dither.NONE)
    buf = io.BytesIO()
    bilevel.save(buf, format="TIFF", compression="group4", dpi=(dpi, dpi))
    return buf.getvalue()


def _encode_photo(image: Image.Image, dpi: int) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="JPEG", quality=JPEG_QUALITY, optimize=True, dpi=(dpi, dpi))
    return buf.getvalue()


def process_page(image: Image.Image, options: PipelineOptions, dpi: int | None = None) -> EncodedPage:
    """Run one page through the pipeline; the caller decides what to do with blank pages."""
    dpi = dpi or source_dpi(image)
    notes: list[str] = []
    colour = image.mode in ("RGB", "RGBA", "P", "CMYK") and options.profile == "photo"
    work = image.convert("RGB") if colour else imaging.to_gray(image)
    if colour and not _is_colourful(work):
        work, colour = work.convert("L"), False
    if options.auto_rotate:
        turn = imaging.orientation(work)
        if turn:
            work = imaging.rotate_quarter(work, turn)
            notes.append(f"rotate {turn}")
    if options.deskew:
        work, angle = imaging.deskew(work)
        if angle:
            notes.append(f"deskew {angle:+.2f}")
    if options.crop_borders:
        cropped = imaging.crop_dark_borders(work)
        if cropped.size != work.size:
            notes.append("crop")
        work = cropped
    blank = imaging.is_blank(work)
    target = _target_dpi(options, dpi)
    work = _resample(work, dpi, target)
    gray = work if work.mode == "L" else work.convert("L")
    lut = paper_lut(gray)
    if lut is not None:
        work = work.point(lut * len(work.getbands()))
    if options.profile == "text":
        data, fmt = _encode_text(work if work.mode == "L" else work.convert("L"), target), "tiff-g4"
    else:
        data, fmt = _encode_photo(work, target), "jpeg"
    return EncodedPage(data, fmt, work.width, work.height, target, blank=blank, notes=notes)


def process_pages(
    images: list[Image.Image] | tuple[Image.Image, ...],
    options: PipelineOptions,
    dpi: int | None = None,
    progress: ProgressFn | None = None,
) -> list[EncodedPage]:
    """Process several pages; blank ones are dropped when the options say so."""
    pages: list[EncodedPage] = []
    for i, image in enumerate(images):
        if progress is not None:
            progress(i, len(images), "")
        page = process_page(image, options, dpi)
        if not (page.blank and options.drop_blank):
            pages.append(page)
    if progress is not None:
        progress(len(images), len(images), "")
    return pages

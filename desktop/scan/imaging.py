"""Page geometry and content checks on Pillow images: deskew, orientation, dark borders, blank pages.

Hand-written, because the maintained libraries that do this (`deskew`, scikit-image, OpenCV, Tesseract's
orientation detection) would pull numpy/scikit-image/OpenCV or a system OCR engine into a desktop build
for a few dozen lines of work. Everything here runs on Pillow's C primitives: a page is reduced to about
100 dpi, and a *projection profile* (the mean ink of each pixel row, obtained with a 1-pixel-wide BOX
resize) is scored. Text lines make a spiky row profile when they are horizontal, so:

- the skew angle is the rotation that maximises the variance of the row profile (coarse, then fine steps);
- a page turned by 90° has a spikier column profile than row profile;
- a page upside down is told by where the ink of each text line sits: Latin script (and Vietnamese even
  more, with its tone marks above the letters) carries more ink in the upper part of a line's extent
  than in the lower part.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageStat

ANALYSIS_SIDE = 1200  # longest side analysed: about 100 dpi for an A4 page
INK_THRESHOLD = 128
MAX_SKEW = 6.0  # degrees; larger skews are the officer's job (rotate button)


def to_gray(image: Image.Image) -> Image.Image:
    """An 8-bit grayscale copy (or the image itself when it already is one)."""
    if image.mode == "L":
        return image
    if image.mode in ("1", "P", "RGB", "RGBA", "CMYK", "LA", "I;16", "I", "F"):
        if image.mode in ("I;16", "I", "F"):
            return image.convert("I").point(lambda v: v / 256).convert("L")
        return image.convert("L")
    return image.convert("RGB").convert("L")


def _ink_mask(gray: Image.Image, side: int = ANALYSIS_SIDE) -> Image.Image:
    """A small image where ink is 255 and paper 0, for profile analysis."""
    longest = max(gray.size)
    scale = side / longest if longest > side else 1.0
    small = gray.resize(
        (max(1, round(gray.width * scale)), max(1, round(gray.height * scale))), Image.Resampling.BOX
    )
    threshold = otsu_threshold(small)
    return small.point(lambda v: 255 if v < threshold else 0)


def otsu_threshold(gray: Image.Image) -> int:
    """Otsu's global threshold from the 256-bin histogram (pure Python over 256 values)."""
    hist = gray.histogram()[:256]
    total = sum(hist)
    if total == 0:
        return INK_THRESHOLD
    sum_all = sum(i * h for i, h in enumerate(hist))
    weight_bg = 0
    sum_bg = 0.0
    best, best_t = -1.0, INK_THRESHOLD
    for t in range(256):
        weight_bg += hist[t]
        if weight_bg == 0:
            continue
        weight_fg = total - weight_bg
        if weight_fg == 0:
            break
        sum_bg += t * hist[t]
        mean_bg = sum_bg / weight_bg
        mean_fg = (sum_all - sum_bg) / weight_fg
        between = weight_bg * weight_fg * (mean_bg - mean_fg) ** 2
        if between > best:
            best, best_t = between, t
    return best_t + 1


def _values(image: Image.Image) -> list[float]:
    """The pixel values of a one-band image as floats."""
    return [float(v) for v in image.get_flattened_data()]  # type: ignore[arg-type]


def _row_profile(mask: Image.Image) -> list[float]:
    return _values(mask.resize((1, mask.height), Image.Resampling.BOX))


def _profile_score(mask: Image.Image) -> float:
    """Variance of the row profile: high when text lines are horizontal."""
    column = mask.resize((1, mask.height), Image.Resampling.BOX)
    return float(ImageStat.Stat(column).var[0])


def _rotated_score(mask: Image.Image, angle: float) -> float:
    return _profile_score(mask.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0))


def skew_angle(image: Image.Image) -> float:
    """The counter-clockwise rotation in degrees (within ±MAX_SKEW) that straightens the text lines."""
    return _mask_skew(_ink_mask(to_gray(image)))


def _mask_skew(mask: Image.Image) -> float:
    if ImageStat.Stat(mask).mean[0] < 0.05:  # nothing to measure on a blank page
        return 0.0
    best_angle, best_score = 0.0, _profile_score(mask)
    steps = int(MAX_SKEW / 0.5)
    for i in range(-steps, steps + 1):
        angle = i * 0.5
        if angle == 0.0:
            continue
        score = _rotated_score(mask, angle)
        if score > best_score:
            best_angle, best_score = angle, score
    centre = best_angle
    for i in range(-4, 5):
        angle = centre + i * 0.1
        if i == 0:
            continue
        score = _rotated_score(mask, angle)
        if score > best_score:
            best_angle, best_score = angle, score
    return round(best_angle, 2)


def deskew(image: Image.Image, min_angle: float = 0.15) -> tuple[Image.Image, float]:
    """The straightened page (paper-white corners) and the angle applied; small angles are left alone."""
    angle = skew_angle(image)
    if abs(angle) < min_angle:
        return image, 0.0
    fill: int | tuple[int, int, int] = 255 if image.mode in ("L", "1") else (255, 255, 255)
    work = image.convert("L") if image.mode == "1" else image
    return work.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=fill, expand=False), angle


def _up_down_score(mask: Image.Image) -> float:
    """Positive when the page looks upright: text lines carry more ink above their middle than below."""
    profile = _row_profile(mask)
    limit = max(profile) * 0.08 if profile else 0.0
    px_per_mm = max(mask.size) / 297.0
    shortest, tallest = 2.5 * px_per_mm, 9.0 * px_per_mm  # a line of text, not a table, photo or QR
    score = 0.0
    row = 0
    height = len(profile)
    while row < height:
        if profile[row] <= limit:
            row += 1
            continue
        start = row
        while row < height and profile[row] > limit:
            row += 1
        band = profile[start:row]
        if not shortest <= len(band) <= tallest:
            continue
        # The x-height body is where the band is at least half as dense as its densest row; ascenders
        # and tone marks stick out above it, descenders below.
        half = max(band) / 2
        body = [i for i, v in enumerate(band) if v >= half]
        above = sum(band[: body[0]])
        below = sum(band[body[-1] + 1 :])
        score += above - below
    return score


def orientation(image: Image.Image) -> int:
    """The clockwise quarter turns (0, 90, 180, 270) that bring a text page upright; 0 when unsure."""
    mask = _ink_mask(to_gray(image))
    if ImageStat.Stat(mask).mean[0] < 0.05:
        return 0
    upright = _profile_score(mask)
    sideways = _profile_score(mask.transpose(Image.Transpose.ROTATE_90))
    turn = 0
    if sideways > upright * 1.5:
        mask = mask.transpose(Image.Transpose.ROTATE_270)  # 90° clockwise
        turn = 90
    angle = _mask_skew(mask)
    if angle:
        mask = mask.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0)
    ud = _up_down_score(mask)
    if ud < 0 and abs(ud) > 0.02 * sum(_row_profile(mask)):
        turn = (turn + 180) % 360
    return turn


def rotate_quarter(image: Image.Image, clockwise: int) -> Image.Image:
    """Rotate by a multiple of 90° clockwise, losslessly."""
    turns = {
        90: Image.Transpose.ROTATE_270,
        180: Image.Transpose.ROTATE_180,
        270: Image.Transpose.ROTATE_90,
    }
    clockwise %= 360
    return image.transpose(turns[clockwise]) if clockwise else image


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    right: int
    bottom: int


def dark_border_box(image: Image.Image, dark: int = 70, min_keep: float = 0.5) -> Box:
    """The part of the page inside the dark scanner-lid borders (rows/columns mostly black at the edges)."""
    gray = to_gray(image)
    width, height = gray.size
    rows = _values(gray.resize((1, height), Image.Resampling.BOX))
    cols = _values(gray.resize((width, 1), Image.Resampling.BOX))

    def inner(values: list[float]) -> tuple[int, int]:
        start, end = 0, len(values)
        while start < end and values[start] < dark:
            start += 1
        while end > start and values[end - 1] < dark:
            end -= 1
        return start, end

    top, bottom = inner(rows)
    left, right = inner(cols)
    if (bottom - top) < height * min_keep or (right - left) < width * min_keep:
        return Box(0, 0, width, height)  # mostly dark: a photo, not a border; leave it
    return Box(left, top, right, bottom)


def crop_dark_borders(image: Image.Image) -> Image.Image:
    box = dark_border_box(image)
    if (box.left, box.top, box.right, box.bottom) == (0, 0, image.width, image.height):
        return image
    return image.crop((box.left, box.top, box.right, box.bottom))


def ink_ratio(image: Image.Image, margin: float = 0.06) -> float:
    """Share of the page's central area (margins skipped) covered by ink, at about 50 dpi."""
    gray = to_gray(image)
    mx, my = int(gray.width * margin), int(gray.height * margin)
    centre = gray.crop((mx, my, gray.width - mx, gray.height - my))
    scale = min(1.0, 425 / max(1, centre.width))
    small = centre.resize(
        (max(1, int(centre.width * scale)), max(1, int(centre.height * scale))), Image.Resampling.BOX
    )
    background = ImageStat.Stat(small).median[0]
    hist = small.histogram()
    level = max(0, int(background) - 80)
    inked = sum(hist[:level])
    return inked / max(1, small.width * small.height)


def is_blank(image: Image.Image, threshold: float = 0.002) -> bool:
    """A page with (almost) no ink: blank backs of single-sided originals fed through the ADF."""
    return ink_ratio(image) < threshold

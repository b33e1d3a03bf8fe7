"""Synthetic A4 pages for scanner tests and the scan benchmark: Vietnamese text, a table, a red stamp,
a photo, a QR code, and scan-like degradation (grey paper, sensor noise, skew, dark lid borders).

All content is made up; nothing here is a real person's document.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import segno
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

A4_MM = (210.0, 297.0)
FONT_DIRS = [
    Path(__file__).resolve().parents[1] / "resources" / "fonts",
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/dejavu"),
]
FONT_NAMES = ["LiberationSerif-Regular.ttf", "DejaVuSerif.ttf", "DejaVuSans.ttf"]
BOLD_NAMES = ["LiberationSerif-Bold.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSans-Bold.ttf"]

QR_TEXT = "H21.55.10-250612-0042|Nguyễn Thị Hằng|Đăng ký khai sinh"

PARAGRAPH = (
    "Căn cứ Luật Hộ tịch ngày 20 tháng 11 năm 2014; Ủy ban nhân dân xã Ia Grai đã tiếp nhận hồ sơ "
    "của ông/bà Nguyễn Thị Hằng, địa chỉ thường trú tại thôn Đoàn Kết, xã Ia Grai, tỉnh Gia Lai, "
    "đề nghị đăng ký khai sinh cho con là Trần Minh Đức, sinh ngày 02 tháng 3 năm 2025 tại Bệnh viện "
    "Đa khoa tỉnh. Người đi đăng ký cam đoan những nội dung khai trên đây là đúng sự thật và chịu "
    "trách nhiệm trước pháp luật về cam đoan của mình. Giấy tờ kèm theo gồm giấy chứng sinh, căn cước "
    "của cha mẹ và giấy chứng nhận kết hôn (bản sao). Hồ sơ hợp lệ, đầy đủ thành phần theo quy định."
)


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    for name in BOLD_NAMES if bold else FONT_NAMES:
        for folder in FONT_DIRS:
            path = folder / name
            if path.exists():
                return ImageFont.truetype(str(path), size)
    raise RuntimeError("no TrueType font with Vietnamese glyphs found (install fonts-liberation2)")


def a4_size(dpi: int) -> tuple[int, int]:
    return round(A4_MM[0] / 25.4 * dpi), round(A4_MM[1] / 25.4 * dpi)


def _wrap(draw: ImageDraw.ImageDraw, text: str, fnt: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=fnt) > width and current:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def qr_image(text: str = QR_TEXT, scale: int = 6) -> Image.Image:
    buf = io.BytesIO()
    segno.make(text, error="m").save(buf, kind="png", scale=scale, border=4)
    buf.seek(0)
    return Image.open(buf).convert("L")


def text_page(dpi: int = 200, *, qr: bool = True, table: bool = True, stamp: bool = True) -> Image.Image:
    """A clean RGB A4 page: heading, paragraphs, an optional table, red stamp and QR code."""
    w, h = a4_size(dpi)
    px = dpi / 25.4  # pixels per mm
    page = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(page)
    left, right = int(25 * px), int(w - 20 * px)
    y = int(20 * px)
    head = font(int(4.6 * px), bold=True)
    body = font(int(4.4 * px))
    draw.text((w // 2, y), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=head, fill="black", anchor="mt")
    y += int(7 * px)
    draw.text((w // 2, y), "Độc lập - Tự do - Hạnh phúc", font=head, fill="black", anchor="mt")
    y += int(14 * px)
    draw.text((w // 2, y), "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", font=head, fill="black", anchor="mt")
    y += int(12 * px)
    for paragraph in (PARAGRAPH, PARAGRAPH[:300]):
        for line in _wrap(draw, paragraph, body, right - left):
            draw.text((left, y), line, font=body, fill="black")
            y += int(6.5 * px)
        y += int(4 * px)
    if table:
        rows = [
            ("STT", "Tên giấy tờ", "Bản chính", "Bản sao"),
            ("1", "Tờ khai đăng ký khai sinh", "1", "0"),
            ("2", "Giấy chứng sinh", "1", "0"),
            ("3", "Giấy chứng nhận kết hôn", "0", "1"),
            ("4", "Căn cước của người đi đăng ký", "0", "1"),
        ]
        cols = [left, left + int(15 * px), left + int(110 * px), left + int(140 * px), right]
        row_h = int(9 * px)
        for r, row in enumerate(rows):
            top = y + r * row_h
            for c, cell in enumerate(row):
                draw.text((cols[c] + int(2 * px), top + int(2 * px)), cell, font=body, fill="black")
        for r in range(len(rows) + 1):
            draw.line(
                [(left, y + r * row_h), (right, y + r * row_h)], fill="black", width=max(1, int(px / 4))
            )
        for x in cols:
            draw.line([(x, y), (x, y + len(rows) * row_h)], fill="black", width=max(1, int(px / 4)))
        y += len(rows) * row_h + int(10 * px)
    sign_x = int(w - 70 * px)
    draw.text((sign_x, y), "NGƯỜI TIẾP NHẬN", font=head, fill="black", anchor="mt")
    if stamp:
        r = int(19 * px)
        cx, cy = sign_x, y + int(24 * px)
        red = (200, 30, 35)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=red, width=int(1.2 * px))
        draw.ellipse(
            [cx - r + int(3 * px), cy - r + int(3 * px), cx + r - int(3 * px), cy + r - int(3 * px)],
            outline=red,
            width=int(0.5 * px),
        )
        draw.text((cx, cy), "UBND XÃ IA GRAI", font=font(int(3.2 * px), bold=True), fill=red, anchor="mm")
        draw.text((cx, cy + int(25 * px)), "Nguyễn Thị Hằng", font=body, fill="black", anchor="mt")
    if qr:
        code = qr_image(scale=max(3, round(0.5 * px)))
        page.paste(code.convert("RGB"), (left, y))
    return page


def photo_page(dpi: int = 200, seed: int = 7) -> Image.Image:
    """A page that is mostly a colour photograph (smooth shapes, gradients and texture) with a caption."""
    w, h = a4_size(dpi)
    px = dpi / 25.4
    page = Image.new("RGB", (w, h), "white")
    rnd = random.Random(seed)
    pw, ph = int(160 * px), int(120 * px)
    photo = Image.linear_gradient("L").resize((pw, ph)).convert("RGB")
    sky = Image.new("RGB", (pw, ph), (90, 150, 210))
    photo = Image.blend(photo, sky, 0.6)
    draw = ImageDraw.Draw(photo)
    for _ in range(25):
        x, y, r = rnd.randrange(pw), rnd.randrange(ph // 3, ph), rnd.randrange(20, int(25 * px))
        colour = (rnd.randrange(40, 120), rnd.randrange(90, 170), rnd.randrange(30, 90))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    photo = photo.filter(ImageFilter.GaussianBlur(3))
    noise = Image.effect_noise((pw, ph), 18).convert("RGB")
    photo = ImageChops.add(photo, noise, scale=1.0, offset=-128)
    page.paste(photo, (int(25 * px), int(30 * px)))
    draw = ImageDraw.Draw(page)
    caption = "Ảnh hiện trạng thửa đất số 112, tờ bản đồ số 7, thôn Đoàn Kết, xã Ia Grai"
    draw.text((int(25 * px), int(160 * px)), caption, font=font(int(4.4 * px)), fill="black")
    return page


def scanned(
    page: Image.Image,
    *,
    skew: float = 0.0,
    noise: float = 5.0,
    paper: int = 236,
    border_mm: float = 0.0,
    gray: bool = True,
    seed: int = 1,
) -> Image.Image:
    """Make a clean render look scanned: paper tone, slight skew, sensor noise, optional dark borders."""
    image = page.convert("L") if gray else page.convert("RGB")
    dpi_px = image.width / (A4_MM[0] / 25.4)
    fill: int | tuple[int, int, int] = 255 if gray else (255, 255, 255)
    if skew:
        image = image.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=fill)
    image = image.point(lambda v: int(v * paper / 255))
    if noise:
        random.seed(seed)
        layer = Image.effect_noise(image.size, noise)
        if not gray:
            layer = layer.convert("RGB")
        image = ImageChops.add(image, layer, scale=1.0, offset=-128)
    if border_mm:
        b = int(border_mm / 25.4 * dpi_px)
        dark: int | tuple[int, int, int] = 20 if gray else (20, 20, 20)
        draw = ImageDraw.Draw(image)
        draw.rectangle([0, 0, image.width, b], fill=dark)
        draw.rectangle([0, 0, b, image.height], fill=dark)
        draw.rectangle([image.width - b, 0, image.width, image.height], fill=dark)
    return image


def blank_page(dpi: int = 200) -> Image.Image:
    return scanned(Image.new("L", a4_size(dpi), 255), noise=5.0)


def save_pnm(image: Image.Image, path: Path) -> Path:
    """Write a PGM/PPM file for SANE's pnm backend."""
    image.save(path, format="PPM")
    return path


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that only claims its size (a decompression bomb as Pillow sees it at open time)."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00"))
        + chunk(b"IEND", b"")
    )


def blank_pdf(pages: int) -> bytes:
    """A PDF of `pages` empty A4 pages sharing one page dictionary's content (small even for 10,000)."""
    import pikepdf

    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(595, 842))
    buf = io.BytesIO()
    pdf.save(buf, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buf.getvalue()


def encrypted_pdf() -> bytes:
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    buf = io.BytesIO()
    pdf.save(buf, encryption=pikepdf.Encryption(owner="chu-so-huu", user="mat-khau"))
    return buf.getvalue()

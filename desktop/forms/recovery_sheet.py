"""The recovery key sheet: one A4 page an administrator prints at setup and keeps locked away.

It names the commune, the workstation and the date, gives the key in large monospaced groups, and says
where to keep it and when it is needed (a new PC, a lost OS keyring, a restore on another machine).
"""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desktop.forms import fonts

ADVICE = (
    "Khoá này mở được dữ liệu và các bản sao lưu của máy trạm khi máy hỏng, khi cài lại hệ điều hành, "
    "khi kho mật khẩu của máy bị mất hoặc khi khôi phục sang máy khác.",
    "Cất tờ này trong tủ có khoá của đơn vị (hoặc phong bì niêm phong do lãnh đạo giữ), tách khỏi máy tính "
    "và các ổ USB sao lưu. Không chụp ảnh, không gửi qua mạng, không dán lên máy.",
    "Ai có khoá này và một bản sao lưu thì đọc được toàn bộ hồ sơ của công dân: giữ như giữ con dấu.",
)


def _wrapped(canvas: Canvas, text: str, x: float, y: float, width: float, size: float) -> float:
    """Draw `text` wrapped to `width`; the y below it."""
    words, line = text.split(), ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if canvas.stringWidth(candidate, fonts.REGULAR, size) > width and line:
            canvas.drawString(x, y, line)
            y -= size * 1.4
            line = word
        else:
            line = candidate
    if line:
        canvas.drawString(x, y, line)
        y -= size * 1.4
    return y


def recovery_sheet_pdf(
    unit_name: str, unit_code: str, workstation: int, recovery_key: str, when: datetime
) -> bytes:
    fonts.register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, pageCompression=1)
    canvas.setTitle("Khoá khôi phục dữ liệu")
    width, height = A4
    left, usable = 25 * mm, width - 45 * mm
    y = height - 30 * mm
    canvas.setFont(fonts.BOLD, 16)
    canvas.drawCentredString(width / 2, y, "KHOÁ KHÔI PHỤC DỮ LIỆU MỘT CỬA")
    y -= 14 * mm
    canvas.setFont(fonts.REGULAR, 12)
    for line in (
        f"Đơn vị: {unit_name} (mã {unit_code})",
        f"Máy trạm số: {workstation}",
        f"Ngày lập: {when:%d/%m/%Y %H:%M}",
    ):
        canvas.drawString(left, y, line)
        y -= 8 * mm
    y -= 6 * mm
    groups = recovery_key.split("-")
    canvas.setFont("Courier-Bold", 22)
    for row in (groups[:4], groups[4:]):
        canvas.drawCentredString(width / 2, y, "  ".join(row))
        y -= 13 * mm
    y -= 4 * mm
    canvas.setFont(fonts.REGULAR, 11)
    for paragraph in ADVICE:
        y = _wrapped(canvas, paragraph, left, y, usable, 11) - 3 * mm
    canvas.drawString(
        left,
        y - 10 * mm,
        "Người giữ khoá (ký, ghi rõ họ tên): ..................................................",
    )
    canvas.showPage()
    canvas.save()
    return out.getvalue()

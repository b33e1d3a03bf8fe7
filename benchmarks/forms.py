"""Receipt (Mẫu 01) build time and size, against baselines measured in the same run.

    .venv/bin/python benchmarks/forms.py [--runs 30]

Targets (issue 5): median build time <= 40 ms, file size <= 60 KB. Baselines:
- "reportlab QR": the same receipt with reportlab's own QrCodeWidget instead of the segno single path;
- "empty page": a one-line page in the same fonts (the floor of reportlab's fixed costs).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from desktop.core.timeutil import VN_TZ
from desktop.forms import fonts, layout, receipt
from desktop.forms.model import DocumentView, DossierView, PrintOptions, UnitView

RECEIVED = datetime(2026, 11, 23, 9, 5, tzinfo=VN_TZ)
VIEW = DossierView(
    code="H21.55.10-261123-0001",
    unit=UnitView("H21.55.10", "Xã Ia Grai", "UBND XÃ IA GRAI", "BỘ PHẬN MỘT CỬA", "Ia Grai"),
    applicant_name="Nguyễn Thị Hằng",
    procedure_name="Đăng ký khai sinh",
    received_at=RECEIVED,
    applicant_address="Thôn Đắk Đoa, xã Ia Grai, tỉnh Gia Lai",
    applicant_phone="0912345678",
    applicant_id_number="064191234567",
    time_text="Trong ngày (nhận trước 15:00)",
    fee_text="Miễn lệ phí",
    due_at=RECEIVED + timedelta(hours=5),
    officer_name="Trần Văn Đức",
    documents=(
        DocumentView("Tờ khai đăng ký khai sinh theo mẫu", 1, 0),
        DocumentView("Giấy chứng sinh hoặc văn bản của người làm chứng xác nhận về việc sinh", 1, 0),
        DocumentView("Giấy tờ tùy thân của người đi đăng ký (xuất trình)", 0, 0),
    ),
)


class ReportlabQr(Flowable):  # type: ignore[misc]
    """reportlab's stock QR widget (the path the stack notes measured at ~110 ms per receipt)."""

    def __init__(self, data: str, module: float) -> None:
        super().__init__()
        self.data = data
        self.width = self.height = 37 * module

    def wrap(self, *_: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        widget = QrCodeWidget(self.data, barLevel="M")
        x0, y0, x1, y1 = widget.getBounds()
        drawing = Drawing(
            self.width, self.height, transform=[self.width / (x1 - x0), 0, 0, self.height / (y1 - y0), 0, 0]
        )
        drawing.add(widget)
        renderPDF.draw(drawing, self.canv, 0, 0)


def empty_page() -> bytes:
    out = io.BytesIO()
    c = Canvas(out, pagesize=A4, initialFontName=fonts.REGULAR)
    c.setFont(fonts.BOLD, 13)
    c.drawCentredString(A4[0] / 2, A4[1] / 2, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
    c.showPage()
    c.save()
    return out.getvalue()


def measure(fn: Callable[[], bytes], runs: int) -> tuple[float, int]:
    fn()  # warm-up
    times = []
    size = 0
    for _ in range(runs):
        start = time.perf_counter()
        size = len(fn())
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    start = time.perf_counter()
    fonts.register_fonts()
    first = receipt.build(VIEW, PrintOptions(paper="A4"))
    cold = (time.perf_counter() - start) * 1000

    results = {}
    for paper in ("A4", "A5", "roll80"):
        results[f"receipt {paper}"] = measure(
            lambda p=paper: receipt.build(VIEW, PrintOptions(paper=p)), args.runs
        )
    results["receipt A4, 2 liên"] = measure(
        lambda: receipt.build(VIEW, PrintOptions(paper="A4", two_copies=True)), args.runs
    )
    ours = layout.QrFlowable
    layout.QrFlowable = ReportlabQr  # type: ignore[misc,assignment]
    try:
        results["baseline: receipt A4 with reportlab QR"] = measure(
            lambda: receipt.build(VIEW, PrintOptions(paper="A4")), args.runs
        )
    finally:
        layout.QrFlowable = ours  # type: ignore[misc]
    results["baseline: empty page, same fonts"] = measure(empty_page, args.runs)

    print(
        f"first receipt in a fresh process (font loading included): {cold:.1f} ms, {len(first) / 1024:.1f} KB"
    )
    print(f"{'case':44} {'median ms':>10} {'size KB':>9}")
    for name, (ms, size) in results.items():
        print(f"{name:44} {ms:10.1f} {size / 1024:9.1f}")
    a4_ms, a4_size = results["receipt A4"]
    rl_ms, _ = results["baseline: receipt A4 with reportlab QR"]
    empty_ms, _ = results["baseline: empty page, same fonts"]
    print(f"receipt A4 vs reportlab-QR receipt: {a4_ms / rl_ms:.2f}x the time")
    print(f"receipt A4 vs empty page: {a4_ms / empty_ms:.1f}x the time")
    print(
        f"targets: median <= 40 ms -> {'met' if a4_ms <= 40 else 'NOT met'} ({a4_ms:.1f} ms); "
        f"size <= 60 KB -> {'met' if a4_size <= 60 * 1024 else 'NOT met'} ({a4_size / 1024:.1f} KB)"
    )


if __name__ == "__main__":
    main()

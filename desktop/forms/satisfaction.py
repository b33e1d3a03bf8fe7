"""The satisfaction report of a period (lifecycle §4): how many applicants gave each level, their share,
and the reasons of the dissatisfied, on A4 with the national header and a signature."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.core.rating import LABELS_VI, NEEDS_REASON, GivenRating, tally
from desktop.forms import layout
from desktop.forms.layout import esc, para
from desktop.forms.model import PrintOptions, UnitView


@dataclass(frozen=True)
class SatisfactionView:
    unit: UnitView
    period: str  # "Quý IV/2026 (từ ngày 01/10/2026 đến ngày 31/12/2026)"
    ratings: Sequence[GivenRating]
    made_at: datetime

    @property
    def negative(self) -> list[GivenRating]:
        return [r for r in self.ratings if r.level in {level.value for level in NEEDS_REASON}]


def _share(count: int, total: int) -> str:
    return f"{count * 100 / total:.1f} %".replace(".", ",") if total else "-"


def build_pdf(v: SatisfactionView, options: PrintOptions) -> bytes:
    p = layout.paper("A4")
    st = layout.styles(p.name)
    w = p.frame_width
    out: list[Flowable] = [
        layout.national_header(v.unit, p, v.made_at),
        para(esc("BÁO CÁO KẾT QUẢ ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG"), st.title),
        para(esc(v.period), st.center_italic),
        Spacer(1, 3 * mm),
    ]
    counts, total = tally(v.ratings), len(v.ratings)
    rows = [
        [str(i), LABELS_VI[level], str(n), _share(n, total)] for i, (level, n) in enumerate(counts.items(), 1)
    ]
    rows.append(["", "Tổng số lượt đánh giá", str(total), _share(total, total)])
    header = ["STT", "Mức độ hài lòng", "Số lượt", "Tỷ lệ"]
    out.append(layout.table(p, header, rows, [w * 0.1, w * 0.5, w * 0.2, w * 0.2], center_cols=(0, 2, 3)))
    out += [Spacer(1, 4 * mm), para(esc("Lý do không hài lòng:"), st.body)]
    if v.negative:
        reasons = [
            [str(i), r.code, r.procedure_name, f"{r.rated_at:%d/%m/%Y}", r.reason]
            for i, r in enumerate(v.negative, 1)
        ]
        widths = [w * 0.06, w * 0.35, w * 0.22, w * 0.12, w * 0.25]
        out.append(layout.table(p, ["STT", "Mã hồ sơ", "Thủ tục", "Ngày", "Lý do"], reasons, widths, (0, 3)))
    else:
        out.append(para(esc("(Không có đánh giá không hài lòng trong kỳ)"), st.center_italic))
    out += [
        Spacer(1, 4 * mm),
        layout.signatures(p, [("NGƯỜI LẬP BÁO CÁO", "(Ký, ghi rõ họ tên)", ""),
                              ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký tên, đóng dấu)", "")]),
    ]  # fmt: skip
    return layout.build_pdf(p, [out], options, f"Báo cáo mức độ hài lòng {v.period}", v.unit.name)

"""Biểu số II.06a/VPCP/KSTT "Tình hình, kết quả giải quyết TTHC" as PDF (landscape A4, national header,
signatures) and as XLSX, from one list of printed rows so both carry the same figures; the check
3 = 7 + 11 + withdrawn or stopped follows as an annex (a second table, a second sheet).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.core.periodic import PeriodicTable
from desktop.forms import layout
from desktop.forms.layout import esc, para
from desktop.forms.model import PrintOptions, UnitView
from desktop.forms.xlsx import Sheet, workbook

FORM_NUMBER = "Biểu số II.06a/VPCP/KSTT"
HEADER = (
    "STT",
    "Lĩnh vực, thủ tục",
    "Tổng số hồ sơ nhận giải quyết (3)",
    "Trong kỳ: trực tuyến (4)",
    "Trong kỳ: trực tiếp, bưu chính (5)",
    "Từ kỳ trước chuyển qua (6)",
    "Số hồ sơ đã giải quyết (7)",
    "Trước hạn (8)",
    "Đúng hạn (9)",
    "Quá hạn (10)",
    "Số hồ sơ đang giải quyết (11)",
    "Trong hạn (12)",
    "Quá hạn (13)",
)
ANNEX_HEADER = (
    "STT",
    "Lĩnh vực, thủ tục",
    "(3)",
    "(7)",
    "(11)",
    "Rút, dừng xử lý trong kỳ",
    "3 = 7 + 11 + rút, dừng",
)
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@dataclass(frozen=True)
class PeriodicReportView:
    unit: UnitView
    province: str
    period: str  # "Quý IV/2026 (từ ngày 01/10/2026 đến ngày 31/12/2026)"
    table: PeriodicTable
    unsynced: int  # dossiers received in the period the province has not acknowledged yet
    made_at: datetime


def _number(index: int) -> str:
    return _ROMAN[index] if index < len(_ROMAN) else str(index + 1)


def printed_rows(table: PeriodicTable) -> list[tuple[list[str | int], bool]]:
    """(STT, name, columns 3–13) per line, and whether the line is a subtotal or the total (bold)."""
    out: list[tuple[list[str | int], bool]] = []
    fields = procedures = 0
    for line in table.lines:
        if line.kind == "field":
            number, fields, procedures = _number(fields), fields + 1, 0
        elif line.kind == "procedure":
            procedures += 1
            number = str(procedures)
        else:
            number = ""
        name = f"{line.name} ({line.code})" if line.kind == "procedure" and line.code else line.name
        out.append(([number, name, *line.counts], line.kind != "procedure"))
    return out


def annex_rows(table: PeriodicTable) -> list[list[str | int]]:
    rows: list[list[str | int]] = []
    for (cells, _), line in zip(printed_rows(table), table.lines, strict=True):
        verdict = "Khớp" if line.check else "Không khớp"
        rows.append(
            [cells[0], cells[1], line.column(3), line.column(7), line.column(11), line.ended, verdict]
        )
    return rows


def _province(name: str) -> str:
    if name.lower().startswith(("tỉnh", "thành phố")):
        return name
    return f"tỉnh {name}" if name else "tỉnh"


def _titles(r: PeriodicReportView) -> list[str]:
    return [
        f"TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI {r.unit.name.upper()}",
        f"Kỳ báo cáo: {r.period}",
    ]


def _notes(r: PeriodicReportView) -> list[str]:
    return [
        f"Đơn vị báo cáo: {r.unit.parent_name}. Đơn vị nhận báo cáo: UBND {_province(r.province)}. "
        "Đơn vị tính: hồ sơ.",
        f"Số liệu tạm tính từ dữ liệu của đơn vị; {r.unsynced} hồ sơ tiếp nhận trong kỳ chưa đồng bộ lên tỉnh. "
        "Trước hạn, đúng hạn, quá hạn: so với thời hạn đang có hiệu lực khi kết thúc xử lý (kể cả gia hạn).",
    ]


def build_pdf(r: PeriodicReportView, options: PrintOptions) -> bytes:
    p = layout.paper("A4-landscape")
    st = layout.styles(p.name)
    title, period = _titles(r)
    out: list[Flowable] = [
        para(esc(FORM_NUMBER), st.right_italic),
        layout.national_header(r.unit, p, r.made_at),
        para(esc(title), st.title),
        para(esc(period), st.center_italic),
        Spacer(1, 2 * mm),
    ]
    out += [para(esc(note), st.body) for note in _notes(r)]
    w = p.frame_width
    widths = [w * 0.04, w * 0.3] + [w * 0.66 / 11] * 11
    rows = [[str(v) for v in cells] for cells, _ in printed_rows(r.table)]
    out.append(layout.table(p, HEADER, rows, widths, center_cols=tuple(c for c in range(13) if c != 1)))
    out += [
        Spacer(1, 4 * mm),
        para(esc("Phụ lục: đối chiếu số liệu (3) = (7) + (11) + số hồ sơ rút, dừng xử lý trong kỳ"), st.body),
    ]
    annex = [[str(v) for v in row] for row in annex_rows(r.table)]
    annex_widths = [w * 0.05, w * 0.45] + [w * 0.5 / 5] * 5
    out.append(layout.table(p, ANNEX_HEADER, annex, annex_widths, center_cols=(0, 2, 3, 4, 5, 6)))
    out += [
        Spacer(1, 4 * mm),
        layout.signatures(p, [("NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)", ""),
                              ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký tên, đóng dấu)", "")]),
    ]  # fmt: skip
    return layout.build_pdf(p, [out], options, f"{FORM_NUMBER} {r.period}", r.unit.name)


def build_xlsx(r: PeriodicReportView) -> bytes:
    rows = printed_rows(r.table)
    heading = [FORM_NUMBER, r.unit.parent_name, *_titles(r)]
    main = Sheet(
        "Biểu II.06a",
        heading,
        HEADER,
        [cells for cells, _ in rows],
        widths=[6, 60] + [13] * 11,
        footer=_notes(r),
        bold_rows=frozenset(i for i, (_, bold) in enumerate(rows) if bold),
    )
    annex = Sheet("Phụ lục đối chiếu", heading, ANNEX_HEADER, annex_rows(r.table), widths=[6, 60] + [14] * 5)
    return workbook([main, annex])

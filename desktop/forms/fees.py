"""The fee receipt (Biên lai thu phí, lệ phí; one receipt per kind) and the officer's daily cash statement
(Bảng kê thu phí, lệ phí trong ngày), on A5 / A4, Vietnamese, over the shared page layout.

The receipt follows lifecycle §3: collecting unit, receipt number (provisional `<ws>-<yyMMdd>-<seq>` until
the province binds an e-receipt), date, payer, fee names and kind, amount in figures and in words, method,
collector, dossier code. The template itself is [U] (Decree 254/2026): the wording lives here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.core.fees import KINDS, METHODS, amount_in_words, money
from desktop.core.timeutil import now_local
from desktop.forms import layout
from desktop.forms.layout import esc, para
from desktop.forms.model import PrintOptions, UnitView
from desktop.forms.xlsx import Cell, Sheet, workbook


@dataclass(frozen=True)
class ReceiptLine:
    name: str
    quantity: int
    amount: int


@dataclass(frozen=True)
class FeeReceiptView:
    unit: UnitView
    number: str
    einvoice_number: str
    kind: str
    issued_at: datetime
    payer_name: str
    payer_address: str
    payer_id_number: str
    dossier_code: str
    method: str
    collector: str
    lines: tuple[ReceiptLine, ...]
    amount: int
    cancelled: bool = False


@dataclass(frozen=True)
class StatementRow:
    number: str
    dossier_code: str
    payer_name: str
    fee_name: str
    kind: str
    method: str
    amount: int
    cancelled: bool


@dataclass(frozen=True)
class CashStatementView:
    unit: UnitView
    day: date
    collector: str
    rows: tuple[StatementRow, ...]  # one per fee line of a receipt, in receipt order
    title: str = "BẢNG KÊ THU PHÍ, LỆ PHÍ TRONG NGÀY"
    subtitle: str = ""  # a period's statement: the period; the day's: "Ngày … - Người thu: …"

    @property
    def heading(self) -> str:
        return self.subtitle or f"Ngày {self.day:%d/%m/%Y} - Người thu: {self.collector}"

    @property
    def numbers(self) -> list[str]:
        return list(dict.fromkeys(r.number for r in self.rows))

    @property
    def cancelled(self) -> list[str]:
        return list(dict.fromkeys(r.number for r in self.rows if r.cancelled))

    @property
    def total(self) -> int:
        return sum(r.amount for r in self.rows if not r.cancelled)

    def sums(self) -> list[tuple[str, str, str, int]]:
        """(fee name, kind, method, amount) of the receipts not cancelled, in first-seen order."""
        out: dict[tuple[str, str, str], int] = {}
        for r in self.rows:
            if not r.cancelled:
                key = (r.fee_name, r.kind, r.method)
                out[key] = out.get(key, 0) + r.amount
        return [(*key, amount) for key, amount in out.items()]


def _receipt_story(r: FeeReceiptView, p: layout.Paper) -> list[Flowable]:
    st = layout.styles(p.name)
    title = f"BIÊN LAI THU {KINDS[r.kind].upper()}"
    out: list[Flowable] = [layout.national_header(r.unit, p, r.issued_at)]
    out += [para(esc(title), st.title), para(esc(f"Số: {r.number} (số tạm)"), st.center)]
    if r.einvoice_number:
        out.append(para(esc(f"Số biên lai điện tử: {r.einvoice_number}"), st.center))
    if r.cancelled:
        out.append(para(esc("ĐÃ HỦY"), st.center_bold))
    out.append(Spacer(1, 2 * mm))
    out += [
        para(esc(f"Đơn vị thu: {r.unit.reception_name} - {r.unit.parent_name}"), st.body),
        para(esc(f"Họ tên người nộp: {r.payer_name}"), st.body),
        para(esc(f"Số định danh cá nhân: {r.payer_id_number}"), st.body),
        para(esc(f"Địa chỉ: {r.payer_address}"), st.body),
        para(esc(f"Mã hồ sơ: {r.dossier_code}"), st.body),
        Spacer(1, 2 * mm),
    ]
    w = p.frame_width
    rows = [[str(i), line.name, str(line.quantity), money(line.amount)] for i, line in enumerate(r.lines, 1)]
    rows.append(["", "Tổng cộng", "", money(r.amount)])
    header = ["STT", f"Tên khoản {KINDS[r.kind].lower()}", "Số lượng", "Số tiền (đồng)"]
    out.append(layout.table(p, header, rows, [w * 0.1, w * 0.5, w * 0.15, w * 0.25], center_cols=(0, 2)))
    out += [
        Spacer(1, 2 * mm),
        para(esc(f"Số tiền bằng chữ: {amount_in_words(r.amount)}."), st.body),
        para(esc(f"Hình thức thanh toán: {METHODS[r.method]}."), st.body),
        Spacer(1, 3 * mm),
        layout.signatures(p, [("NGƯỜI NỘP TIỀN", "(Ký, ghi rõ họ tên)", r.payer_name),
                              ("NGƯỜI THU TIỀN", "(Ký, ghi rõ họ tên)", r.collector)]),
    ]  # fmt: skip
    return out


def build_receipts(receipts: list[FeeReceiptView], options: PrintOptions) -> bytes:
    """One page per receipt (phí and lệ phí are separate receipts)."""
    p = layout.paper("A5")
    stories = [_receipt_story(r, p) for r in receipts]
    return layout.build_pdf(p, stories, options, f"Biên lai {', '.join(r.number for r in receipts)}")


def build_statement(s: CashStatementView, options: PrintOptions) -> bytes:
    """The officer's statement of the day: every receipt line, the sums per fee, kind and method, total."""
    p = layout.paper("A4-landscape")
    st = layout.styles(p.name)
    out: list[Flowable] = [layout.national_header(s.unit, p, options.printed_at or now_local())]
    out += [
        para(esc(s.title), st.title),
        para(esc(s.heading), st.center_italic),
        Spacer(1, 3 * mm),
    ]
    w = p.frame_width
    rows = [
        [str(i), r.number, r.dossier_code, r.payer_name, r.fee_name, METHODS[r.method],
         money(r.amount) + (" (đã hủy)" if r.cancelled else "")]
        for i, r in enumerate(s.rows, 1)
    ]  # fmt: skip
    header = ["STT", "Số biên lai", "Mã hồ sơ", "Người nộp", "Khoản thu", "Hình thức", "Số tiền"]
    widths = [w * f for f in (0.05, 0.15, 0.2, 0.17, 0.21, 0.11, 0.11)]
    out.append(layout.table(p, header, rows, widths, center_cols=(0,)))
    out += [Spacer(1, 3 * mm), para(esc("Tổng hợp theo khoản thu, loại và hình thức:"), st.body)]
    sums = [[name, KINDS[kind], METHODS[method], money(amount)] for name, kind, method, amount in s.sums()]
    sums.append(["Tổng cộng", "", "", money(s.total)])
    out.append(layout.table(p, ["Khoản thu", "Loại", "Hình thức", "Số tiền (đồng)"], sums,
                            [w * 0.45, w * 0.15, w * 0.2, w * 0.2]))  # fmt: skip
    out += [
        Spacer(1, 2 * mm),
        para(esc(f"Tổng số tiền bằng chữ: {amount_in_words(s.total)}."), st.body),
        para(esc(f"Số biên lai đã dùng: {len(s.numbers)}; đã hủy: {len(s.cancelled)}; "
                 f"còn là số tạm (chưa gắn biên lai điện tử): {len(s.numbers)}."), st.body),  # fmt: skip
        Spacer(1, 4 * mm),
        layout.signatures(p, [("NGƯỜI LẬP BẢNG KÊ", "(Ký, ghi rõ họ tên)", s.collector),
                              ("KẾ TOÁN", "(Ký, ghi rõ họ tên)", "")]),
    ]  # fmt: skip
    return layout.build_pdf(p, [out], options, f"Bảng kê thu phí, lệ phí {s.heading}")


def statement_xlsx(s: CashStatementView) -> bytes:
    """The statement as a spreadsheet: the receipt lines, then the sums per fee, kind and method."""
    heading = [s.unit.parent_name, s.title, s.heading]
    lines = [
        [i, r.number, r.dossier_code, r.payer_name, r.fee_name, KINDS[r.kind], METHODS[r.method],
         r.amount, "đã hủy" if r.cancelled else ""]
        for i, r in enumerate(s.rows, 1)
    ]  # fmt: skip
    header = ["STT", "Số biên lai", "Mã hồ sơ", "Người nộp", "Khoản thu", "Loại", "Hình thức", "Số tiền (đồng)",
              "Ghi chú"]  # fmt: skip
    sums: list[list[Cell]] = [
        [name, KINDS[kind], METHODS[method], amount] for name, kind, method, amount in s.sums()
    ]
    sums.append(["Tổng cộng", "", "", s.total])
    return workbook([
        Sheet("Bảng kê", heading, header, lines, widths=[6, 18, 24, 24, 36, 9, 14, 15, 9]),
        Sheet("Tổng hợp", heading, ["Khoản thu", "Loại", "Hình thức", "Số tiền (đồng)"], sums,
              widths=[40, 10, 14, 16], bold_rows=frozenset({len(sums) - 1})),
    ])  # fmt: skip

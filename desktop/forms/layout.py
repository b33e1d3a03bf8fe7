"""The shared page layout of the one-stop slips (domain §2), on reportlab's platypus.

Platypus does the hard parts: wrapping long names and addresses inside their column, flowing a long
document table onto the next page with its header row repeated, and keeping every line inside the frame.
This module adds what the forms share: paper sizes and margins, type sizes, the two-column national header,
the place-and-date line, the delivery line, the title block, numbered items, the document table, signature blocks, and a
footer (page x/y per copy, reprint mark) drawn once the page count is known.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop.core.errors import ValidationError
from desktop.core.text import nfc
from desktop.core.timeutil import now_local
from desktop.forms import fonts, labels
from desktop.forms.codes import BarcodeFlowable, QrFlowable, qr_payload
from desktop.forms.model import DocumentView, DossierView, PrintOptions, UnitView


@dataclass(frozen=True)
class Paper:
    """A paper with its content frame (margins) and the edge a printer cannot print on (`safe`)."""

    name: str
    width: float
    height: float  # 0: a roll, the page is as long as its content
    left: float
    right: float
    top: float
    bottom: float
    size: float  # body type size, points
    safe: float = 5 * mm
    qr_module: float = 0.6 * mm
    barcode: bool = True
    bar_height: float = 9 * mm

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right


PAPERS: dict[str, Paper] = {
    # Decree 30/2020 margins for A4: top/bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
    "A4": Paper("A4", 210 * mm, 297 * mm, 30 * mm, 15 * mm, 20 * mm, 20 * mm, 13),
    "A5": Paper(
        "A5",
        148 * mm,
        210 * mm,
        12 * mm,
        8 * mm,
        8 * mm,
        11 * mm,
        9.5,
        qr_module=0.45 * mm,
        bar_height=6 * mm,
    ),
    "A4-landscape": Paper("A4-landscape", 297 * mm, 210 * mm, 15 * mm, 12 * mm, 15 * mm, 15 * mm, 9),
    # 80 mm thermal roll: 72 mm printable; the Code 128 (>= 0.33 mm bars) does not fit, the QR does.
    "roll80": Paper(
        "roll80",
        80 * mm,
        0,
        5 * mm,
        5 * mm,
        4 * mm,
        8 * mm,
        9,
        safe=4 * mm,
        qr_module=0.5 * mm,
        barcode=False,
    ),
}


def paper(name: str) -> Paper:
    try:
        return PAPERS[name]
    except KeyError:
        choices = ", ".join(p for p in PAPERS if p != "A4-landscape")
        raise ValidationError(
            f"Khổ giấy '{name}' không hợp lệ; chọn một trong: {choices}.", "paper"
        ) from None


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    prose: ParagraphStyle
    item: ParagraphStyle
    center: ParagraphStyle
    center_bold: ParagraphStyle
    center_italic: ParagraphStyle
    right_italic: ParagraphStyle
    title: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_head: ParagraphStyle
    motto: ParagraphStyle


@cache
def styles(paper_name: str, size: float = 0) -> Styles:
    """The paragraph styles of a paper, at its body size or at `size` (a form that tightens to fit)."""
    fonts.register_fonts()
    s = size or PAPERS[paper_name].size
    lead = s * 1.3
    base = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=s, leading=lead, spaceAfter=s * 0.15)
    small = s * 0.92

    def derive(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return Styles(
        body=base,
        prose=derive("prose", alignment=TA_JUSTIFY, firstLineIndent=s * 1.5),
        item=derive("item", leftIndent=s * 1.3, firstLineIndent=-s * 1.3),
        center=derive("center", alignment=TA_CENTER, spaceAfter=0),
        center_bold=derive("center_bold", alignment=TA_CENTER, fontName=fonts.BOLD, spaceAfter=0),
        center_italic=derive("center_italic", alignment=TA_CENTER, fontName=fonts.ITALIC, spaceAfter=0),
        right_italic=derive("right_italic", alignment=TA_RIGHT, fontName=fonts.ITALIC),
        title=derive(
            "title",
            alignment=TA_CENTER,
            fontName=fonts.BOLD,
            fontSize=s + 1,
            leading=(s + 1) * 1.3,
            spaceBefore=s * 0.8,
            spaceAfter=s * 0.2,
        ),
        cell=derive("cell", fontSize=small, leading=small * 1.25, spaceAfter=0, alignment=TA_LEFT),
        cell_center=derive(
            "cell_center", fontSize=small, leading=small * 1.25, spaceAfter=0, alignment=TA_CENTER
        ),
        cell_head=derive(
            "cell_head",
            fontSize=small,
            leading=small * 1.25,
            spaceAfter=0,
            alignment=TA_CENTER,
            fontName=fonts.BOLD,
        ),
        motto=derive("motto", alignment=TA_CENTER, fontName=fonts.BOLD, fontSize=s * 0.92, spaceAfter=0),
    )


# --- text helpers -------------------------------------------------------------------------------------


def esc(value: object) -> str:
    """NFC and XML-escaped, for a Paragraph (which parses markup)."""
    return escape(nfc(str(value)))


def rich(form: str, key: str, **values: object) -> str:
    """A label as Paragraph markup, with the filled-in values bold (the officer's data stands out)."""
    return _markup(form, key, True, values)


def plain(form: str, key: str, **values: object) -> str:
    """A label as Paragraph markup, values not emphasised."""
    return _markup(form, key, False, values)


def _markup(form: str, key: str, bold: bool, values: dict[str, object]) -> str:
    template = escape(str(labels.raw(form, key)))
    filled = {k: (f"<b>{esc(v)}</b>" if bold and str(v) else esc(v)) for k, v in values.items()}
    return nfc(template.format(**filled))


def para(markup: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(markup, style)


# --- building blocks ----------------------------------------------------------------------------------


def national_header(
    unit: UnitView, p: Paper, when: datetime, code: str | None = None, with_qr: bool = False
) -> Table:
    """Agency (and optionally the QR + code) on the left; motto, tagline and place/date on the right."""
    st = styles(p.name, p.size)
    left: list[Flowable] = [
        para(esc(unit.parent_name.upper()), st.center),
        para(f"<u>{esc(unit.reception_name.upper())}</u>", st.center_bold),
    ]
    if with_qr and code:
        qr = QrFlowable(qr_payload(code, unit.lookup_url), module=p.qr_module)
        qr.hAlign = "CENTER"
        left += [Spacer(1, 2 * mm), qr]
    right: list[Flowable] = [
        para(esc(labels.text("common", "motto")), st.motto),
        para(f"<u>{esc(labels.text('common', 'tagline'))}</u>", st.center_bold),
        Spacer(1, p.size * 0.6),
        para(esc(place_date(unit, when)), st.center_italic),
    ]
    width = p.frame_width
    table = Table([[left, right]], colWidths=[width * 0.42, width * 0.58])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (0, 0), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 2 * mm),
            ]
        )
    )
    return table


def delivery_text(d: DossierView) -> str:
    """Where the applicant gets the result (the receipt's and the roll slip's wording, in the receipt's labels)."""
    if d.delivery == "postal":
        return labels.text("receipt", "delivery_postal", address=d.delivery_address or d.applicant_address)
    return labels.text("receipt", "delivery_counter", reception=d.unit.reception_name, unit=d.unit.name)


def place_date(unit: UnitView, when: datetime) -> str:
    return labels.text("common", "place_date", place=unit.place_name or unit.name, **labels.date_parts(when))


def title_block(
    p: Paper, title: str, code: str | None, copy_label: str = "", barcode: bool = False
) -> list[Flowable]:
    """Bold title, the dossier code line, the "liên" line and (on sheets) the Code 128."""
    st = styles(p.name, p.size)
    out: list[Flowable] = [para(esc(title), st.title)]
    if code:
        out.append(para(rich("common", "dossier_code", code=code), st.center))
    if copy_label:
        out.append(para(esc(copy_label), st.center_italic))
    if barcode and code and p.barcode:
        bar = BarcodeFlowable(code, bar_height=p.bar_height)
        bar.hAlign = "CENTER"
        out += [Spacer(1, 1.5 * mm), bar]
    out.append(Spacer(1, p.size * 0.6))
    return out


def items(p: Paper, texts: Sequence[str | Flowable], start: int = 1) -> list[Flowable]:
    """Numbered items "1. …" with a hanging indent; Flowables in `texts` follow unnumbered."""
    st = styles(p.name, p.size)
    out: list[Flowable] = []
    n = start
    for entry in texts:
        if isinstance(entry, str):
            out.append(para(f"{n}. {entry}", st.item))
            n += 1
        else:
            out.append(entry)
    return out


def table(
    p: Paper,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    center_cols: Sequence[int] = (),
) -> Table:
    """A ruled table whose header row repeats on every page and whose cells wrap."""
    st = styles(p.name, p.size)
    data: list[list[Flowable]] = [[para(esc(h), st.cell_head) for h in header]]
    for row in rows:
        data.append(
            [para(esc(v), st.cell_center if i in center_cols else st.cell) for i, v in enumerate(row)]
        )
    t = Table(data, colWidths=list(widths), repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return t


def document_table(p: Paper, documents: Sequence[DocumentView]) -> Flowable:
    """STT | Tên giấy tờ, tài liệu | Số bản chính | Số bản sao."""
    if not documents:
        return para(esc(labels.text("common", "no_documents")), styles(p.name, p.size).body)
    w = p.frame_width
    count_w = 19 * mm if p.name != "roll80" else 12 * mm
    no_w = 12 * mm if p.name != "roll80" else 8 * mm
    rows = [[str(i), d.name, str(d.originals), str(d.copies)] for i, d in enumerate(documents, 1)]
    header = [labels.text("common", k) for k in ("doc_no", "doc_name", "doc_originals", "doc_copies")]
    return table(p, header, rows, [no_w, w - no_w - 2 * count_w, count_w, count_w], center_cols=(0, 2, 3))


def signatures(p: Paper, blocks: Sequence[tuple[str, str, str]]) -> Table:
    """Side-by-side signature blocks: (title, hint, printed name), with room to sign."""
    st = styles(p.name, p.size)
    space = p.size * 3.2
    cells = []
    for title, hint, name in blocks:
        cells.append(
            [
                para(esc(title), st.center_bold),
                para(esc(hint), st.center_italic),
                Spacer(1, space),
                para(f"<b>{esc(name)}</b>" if name else "", st.center),
            ]
        )
    t = Table([cells], colWidths=[p.frame_width / len(blocks)] * len(blocks))
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), p.size * 0.6),
            ]
        )
    )
    return t


# --- the document -------------------------------------------------------------------------------------


class CopyMark(Flowable):  # type: ignore[misc]
    """Zero-size marker: the pages after it belong to copy `index` (page numbers count per copy)."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self.width = self.height = 0

    def draw(self) -> None:
        self.canv.motcua_copy = self.index


def _footer_canvas(p: Paper, reprint_text: str) -> type[Canvas]:
    """A canvas that remembers every page and draws "Trang x/y" (per copy) and the reprint mark."""

    class FooterCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.motcua_copy = 0
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            totals: dict[int, int] = {}
            for state in self._pages:
                totals[state["motcua_copy"]] = totals.get(state["motcua_copy"], 0) + 1
            seen: dict[int, int] = {}
            for state in self._pages:
                self.__dict__.update(state)
                copy = state["motcua_copy"]
                seen[copy] = seen.get(copy, 0) + 1
                self._footer(seen[copy], totals[copy])
                super().showPage()
            super().save()

        def _footer(self, page: int, pages: int) -> None:
            size = max(7.0, p.size * 0.65)
            y = max(p.safe + size * 0.35, p.bottom / 2 - size / 2)  # descenders stay printable
            self.setFont(fonts.ITALIC, size)
            if reprint_text:
                self.drawString(p.left, y, reprint_text)
            if pages > 1:
                self.drawRightString(
                    p.width - p.right, y, labels.text("common", "page", page=page, pages=pages)
                )

    return FooterCanvas


def fits_one_page(p: Paper, story: Sequence[Flowable]) -> bool:
    """Whether `story` laid out on `p` takes at most one page (its flowables' heights against the frame)."""
    return bool(_roll_height(p, story) - 4 * mm <= p.height)


def _roll_height(p: Paper, story: Sequence[Flowable]) -> float:
    total = 0.0
    for f in story:
        total += f.wrap(p.frame_width, 10_000 * mm)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return float(total + p.top + p.bottom + 4 * mm)


def build_pdf(
    p: Paper, copies: Sequence[list[Flowable]], options: PrintOptions, title: str, author: str = ""
) -> bytes:
    """Lay out one story per copy ("liên"), each starting on a new page, and return the PDF bytes."""
    fonts.register_fonts()
    story: list[Flowable] = []
    for index, part in enumerate(copies):
        if index:
            story.append(PageBreak())
        story.append(CopyMark(index))
        story += part
    if p.height == 0:
        heights = [_roll_height(p, part) for part in copies]
        p = Paper(**{**p.__dict__, "height": max(heights)})
    reprint_text = ""
    if options.reprint:
        reprint_text = labels.text(
            "common", "reprint", **labels.date_parts(options.printed_at or now_local(), numeric=True)
        )
    out = io.BytesIO()
    frame = Frame(
        p.left,
        p.bottom,
        p.frame_width,
        p.height - p.top - p.bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc = BaseDocTemplate(
        out,
        pagesize=(p.width, p.height),
        leftMargin=p.left,
        rightMargin=p.right,
        topMargin=p.top,
        bottomMargin=p.bottom,
        title=nfc(title),
        author=nfc(author),
        creator="Một Cửa Desktop",
        subject=nfc(title),
        initialFontName=fonts.REGULAR,
        initialFontSize=p.size,
        pageTemplates=[PageTemplate(id="page", frames=[frame])],
    )
    doc.build(story, canvasmaker=_footer_canvas(p, reprint_text))
    return out.getvalue()

"""The reports as spreadsheets (openpyxl): one sheet per table, its title lines above the header row,
numbers as numbers and times as Excel dates, so the figures can be summed and checked in a spreadsheet.

`workbook([Sheet(...), ...])` returns the XLSX bytes. Times are written in Vietnam local time, without
a zone (Excel has none).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from desktop.core.text import nfc
from desktop.core.timeutil import as_local

Cell = str | int | datetime | date | None

_THIN = Side(style="thin")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")


@dataclass(frozen=True)
class Sheet:
    name: str  # at most 31 characters (Excel)
    heading: Sequence[str]  # title lines, one per row above the table
    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    widths: Sequence[float] = ()  # characters, per column
    footer: Sequence[str] = ()
    bold_rows: frozenset[int] = frozenset()  # indexes into `rows` printed bold (subtotals, total)


def _value(value: Cell) -> Cell:
    if isinstance(value, datetime):
        return as_local(value).replace(tzinfo=None)
    if isinstance(value, str):
        return nfc(value)
    return value


def workbook(sheets: Sequence[Sheet]) -> bytes:
    book = Workbook(write_only=True)
    for spec in sheets:
        ws = book.create_sheet(spec.name[:31])
        for index, width in enumerate(spec.widths):
            ws.column_dimensions[get_column_letter(index + 1)].width = width
        for line in spec.heading:
            cell = WriteOnlyCell(ws, value=nfc(line))
            cell.font = _BOLD
            ws.append([cell])
        ws.append([])
        head = []
        for text in spec.header:
            cell = WriteOnlyCell(ws, value=nfc(text))
            cell.font, cell.border, cell.alignment = _BOLD, _GRID, _WRAP
            head.append(cell)
        ws.append(head)
        for number, row in enumerate(spec.rows):
            cells = []
            for value in row:
                cell = WriteOnlyCell(ws, value=_value(value))
                cell.border = _GRID
                if isinstance(value, datetime):
                    cell.number_format = "dd/mm/yyyy hh:mm"
                elif isinstance(value, date):
                    cell.number_format = "dd/mm/yyyy"
                if number in spec.bold_rows:
                    cell.font = _BOLD
                cells.append(cell)
            ws.append(cells)
        if spec.footer:
            ws.append([])
            for line in spec.footer:
                ws.append([nfc(line)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

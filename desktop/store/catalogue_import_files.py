"""Reading the files a province imports into the catalogue (`motcua catalogue import`): rows, not yet checked.

Three formats, told apart by their content (not their name):

- **the national database's list export** ("DANH SÁCH THỦ TỤC HÀNH CHÍNH", XLSX): a title, then the header
  `Mã số | Tên | Cơ quan ban hành | Cơ quan thực hiện | Lĩnh vực` (row 2), data below; "Cơ quan thực hiện"
  holds one body per line. It is the province's WHOLE list (`full`): a procedure absent from it retires.
- **a province's announcing-decision appendix** (XLSX or CSV, UTF-8, `,` `;` or tab): title lines (the
  decision's number is taken from them, "Quyết định số 1234/QĐ-UBND"), then a header with a code column
  (`Mã số`, `Mã thủ tục`, `Mã số TTHC`…) and a name column (`Tên thủ tục`…), and any of `Lĩnh vực`,
  `Thời hạn giải quyết`, `Phí, lệ phí`, `Cơ quan thực hiện`; a row with a name but no code
  ("I. Lĩnh vực Hộ tịch") starts a field's section. It may be partial: nothing retires.
- **the detail page** of one or more procedures (`.txt`, UTF-8), as the national portal shows it copied
  from the browser: labelled fields one per line (`Tên thủ tục`, `Mã thủ tục`, `Số quyết định`, `Lĩnh vực`,
  `Cơ quan có thẩm quyền` …, label and value separated by a tab or a colon), then the sections `Cách thức
  thực hiện` (rows `Hình thức nộp | Thời gian | Phí, lệ phí | Mô tả`, tab-separated, one per channel) and
  `Thành phần hồ sơ` (groups "Giấy tờ phải nộp" / "Giấy tờ phải xuất trình", rows `Tên giấy tờ | Mẫu đơn,
  tờ khai | Số lượng` with quantities like "1 bản chính, 0 bản sao"). Each procedure starts at `Tên thủ
  tục`. Partial: nothing retires.

A file that is none of these is refused (ValidationError, Vietnamese). Codes and time limits are checked by
the import (`desktop.services.catalogue_import`), which names the row.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.errors import ValidationError
from desktop.core.text import clean, fold
from desktop.core.time_limit_text import CHANNEL_LABELS

LIST, APPENDIX, DETAIL = "list", "appendix", "detail"
KIND_LABELS = {
    LIST: "danh sách thủ tục xuất từ Cơ sở dữ liệu quốc gia (toàn bộ danh mục)",
    APPENDIX: "phụ lục quyết định công bố của tỉnh (một phần danh mục)",
    DETAIL: "trang chi tiết thủ tục (một phần danh mục)",
}
LIST_HEADER = ("ma so", "ten", "co quan ban hanh", "co quan thuc hien", "linh vuc")
MAX_BYTES = 20 * 1024 * 1024
_DECISION = re.compile(r"(\d{1,5}/(?:\d{4}/)?QĐ-[\wĐđ.-]+)", re.UNICODE)


@dataclass(frozen=True)
class ImportRow:
    """One procedure as the file gives it; None: the file does not carry that item."""

    row: int  # the row (XLSX, CSV) or line (detail text) it starts on, for messages
    code: str  # as written, maybe with a local suffix
    name: str
    field: str | None = None
    time_text: str | None = None
    fee_text: str | None = None
    authority: str | None = None
    decision: str | None = None
    documents: list[dict[str, Any]] | None = None


@dataclass(frozen=True)
class ImportFile:
    kind: str  # LIST | APPENDIX | DETAIL
    name: str  # the file's name, for the provenance
    rows: tuple[ImportRow, ...] = field(default_factory=tuple)

    @property
    def full(self) -> bool:
        """Whether the file is the province's whole list (procedures absent from it retire)."""
        return self.kind == LIST


def _refused(path: Path, problem: str) -> ValidationError:
    return ValidationError(f"Tệp '{path.name}' {problem}.", "file")


def read_import_file(path: Path) -> ImportFile:
    """Read `path` in whichever of the three formats it is (module docstring)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _refused(path, f"không đọc được ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise _refused(path, "quá lớn (tối đa 20 MB)")
    if data.startswith(b"PK"):
        table = _xlsx_rows(path, data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise _refused(path, "không phải Excel (.xlsx) cũng không phải văn bản UTF-8") from None
        if fold(text.lstrip()[:40]).startswith("ten thu tuc"):
            return ImportFile(DETAIL, path.name, tuple(_detail_rows(text)))
        for delimiter in sorted(";\t,", key=text.count, reverse=True):  # the most frequent that works
            found = _tabular(path, _csv_rows(text, delimiter), refuse=False)
            if found is not None:
                return found
        raise _unknown(path)
    found = _tabular(path, table, refuse=True)
    assert found is not None
    return found


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, float) and 1 <= value < 10:  # a code Excel took for a number: 1.00065 is 1.000650
        return f"{value:.6f}"
    return str(value).replace("\r\n", "\n").strip()


def _xlsx_rows(path: Path, data: bytes) -> list[list[str]]:
    import openpyxl  # only for an Excel file

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise _refused(path, "không phải tệp Excel (.xlsx) đọc được") from None
    try:
        sheet = book.worksheets[0]
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _csv_rows(text: str, delimiter: str) -> list[list[str]]:
    return [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


# folded appendix headers -> what the column holds
def _column(header: str) -> str | None:
    h = fold(header).rstrip(":")
    if h in ("ma so", "ma thu tuc", "ma so tthc", "ma tthc", "ma so thu tuc", "ma thu tuc hanh chinh"):
        return "code"
    if h == "ten" or h.startswith("ten thu tuc"):
        return "name"
    if h == "linh vuc":
        return "field"
    if h.startswith("thoi han"):
        return "time"
    if h.startswith(("phi", "le phi", "muc phi")):
        return "fee"
    if h in ("co quan thuc hien", "co quan co tham quyen", "co quan giai quyet"):
        return "authority"
    return None


def _tabular(path: Path, table: list[list[str]], refuse: bool) -> ImportFile | None:
    for index, cells in enumerate(table[:15]):
        folded = tuple(fold(c) for c in cells)
        if folded[: len(LIST_HEADER)] == LIST_HEADER:
            return ImportFile(LIST, path.name, tuple(_list_rows(table, index)))
        columns = [_column(c) for c in cells]
        if "code" in columns and "name" in columns:
            title = " ".join(" ".join(row) for row in table[:index])
            found = _DECISION.search(title)
            rows = _appendix_rows(table, index, columns, found.group(1) if found else None)
            return ImportFile(APPENDIX, path.name, tuple(rows))
    if refuse:
        raise _unknown(path)
    return None


def _unknown(path: Path) -> ValidationError:
    return _refused(
        path,
        "không phải danh sách thủ tục xuất từ Cơ sở dữ liệu quốc gia (dòng tiêu đề 'Mã số | Tên | Cơ quan ban "
        "hành | Cơ quan thực hiện | Lĩnh vực'), phụ lục quyết định công bố (có cột 'Mã số' và 'Tên thủ tục') "
        "hay trang chi tiết thủ tục (bắt đầu bằng 'Tên thủ tục')",
    )


def _list_rows(table: list[list[str]], header: int) -> Iterator[ImportRow]:
    for number, row in enumerate(table[header + 1 :], start=header + 2):
        cells = (row + [""] * 5)[:5]
        if not any(cells):
            continue
        code, name, _issuer, bodies, field_name = cells
        authority = "; ".join(clean(b) for b in bodies.split("\n") if clean(b))
        yield ImportRow(number, clean(code), clean(name), clean(field_name), authority=authority)


_SECTION = re.compile(r"^(?:[IVXLC]+|[A-Z]|\d+)[.)]\s*")


def _appendix_rows(
    table: list[list[str]], header: int, columns: list[str | None], decision: str | None
) -> Iterator[ImportRow]:
    section: str | None = None
    for number, cells in enumerate(table[header + 1 :], start=header + 2):
        values: dict[str, str] = {}
        for column, value in zip(columns, cells, strict=False):
            if column is not None and value:
                values.setdefault(column, value)
        if not values.get("code"):
            heading = clean(values.get("name") or next((c for c in cells if c), ""))
            if heading:  # "I. Lĩnh vực Hộ tịch", "Lĩnh vực: Đất đai"
                heading = clean(re.sub(r"^(?i:lĩnh vực)\s*:?\s*", "", _SECTION.sub("", heading)))
                if heading.isupper():  # "LĨNH VỰC HỘ TỊCH" -> "Hộ tịch"
                    heading = heading[0] + heading[1:].lower()
                section = heading or section
            continue
        yield ImportRow(
            number,
            clean(values["code"]),
            clean(values.get("name", "")),
            clean(values["field"]) if "field" in values else section,
            time_text=clean(values.get("time", "")) if "time" in columns else None,
            fee_text=clean(values["fee"]) if "fee" in values else None,
            authority=clean(values["authority"].replace("\n", "; ")) if "authority" in values else None,
            decision=decision,
        )


# ---- the detail page ----------------------------------------------------------------------------------

_LABELS = {
    "ten thu tuc": "name",
    "ma thu tuc": "code",
    "so quyet dinh": "decision",
    "linh vuc": "field",
    "co quan co tham quyen": "authority",
}
_SECTIONS = (
    "trinh tu thuc hien",
    "cach thuc thuc hien",
    "thanh phan ho so",
    "can cu phap ly",
    "yeu cau, dieu kien",
    "ket qua xu ly",
)
_CHANNEL_ROWS = {fold(label): label for label in CHANNEL_LABELS.values()}
_QUANTITY = re.compile(r"(\d+)\s*ban chinh\D*(\d+)\s*ban sao|ban chinh:?\s*(\d+)\D*ban sao:?\s*(\d+)")


def _split(line: str) -> tuple[str, str]:
    """A labelled line: 'Label<TAB>value' or 'Label: value'."""
    if "\t" in line:
        label, _, value = line.partition("\t")
    else:
        label, _, value = line.partition(":")
    return fold(label).rstrip(":").strip(), clean(value)


def _detail_rows(text: str) -> Iterator[ImportRow]:
    record: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if _split(line)[0] == "ten thu tuc" and record:
            yield _detail(record)
            record = []
        if line.strip():
            record.append((number, line.rstrip()))
    if record:
        yield _detail(record)


def _detail(lines: list[tuple[int, str]]) -> ImportRow:
    values: dict[str, str] = {}
    section = ""
    channels: list[str] = []
    fee: str | None = None
    documents: list[dict[str, Any]] = []
    shown = False
    for _number, line in lines:
        folded = fold(line).rstrip(":")
        if folded in _SECTIONS:
            section = folded
            continue
        if section == "":
            label, value = _split(line)
            if label in _LABELS and value:
                values.setdefault(_LABELS[label], value)
        elif section == "cach thuc thuc hien":
            cells = [clean(c) for c in line.split("\t")]
            channel = _CHANNEL_ROWS.get(fold(cells[0]))
            if channel is not None and len(cells) > 1 and cells[1]:
                channels.append(f"{channel}: {cells[1]}")
                if channel == CHANNEL_LABELS["truc_tiep"] and len(cells) > 2 and cells[2]:
                    fee = cells[2]
        elif section == "thanh phan ho so":
            if folded.startswith("giay to phai"):
                shown = "xuat trinh" in folded
                continue
            document = _paper(line, shown)
            if document is not None:
                documents.append(document)
    return ImportRow(
        lines[0][0],
        values.get("code", ""),
        values.get("name", ""),
        values.get("field"),
        time_text="; ".join(channels) if channels else None,
        fee_text=fee,
        authority=values.get("authority"),
        decision=values.get("decision"),
        documents=documents or None,
    )


def _paper(line: str, shown: bool) -> dict[str, Any] | None:
    cells = [clean(c) for c in line.split("\t")]
    if not cells[0] or fold(cells[0]) == "ten giay to":
        return None
    form = cells[1] if len(cells) > 2 else ""
    match = _QUANTITY.search(fold(cells[-1])) if len(cells) > 1 else None
    originals, copies = (0, 0)
    if match is not None:
        groups = [g for g in match.groups() if g is not None]
        originals, copies = min(int(groups[0]), 99), min(int(groups[1]), 99)
    document: dict[str, Any] = {"name": cells[0], "originals": originals, "copies": copies}
    if shown:
        document["shown"] = True
    if form:
        document["form"] = form[:200]
    if originals == copies == 0:
        document["required"] = False
    return document

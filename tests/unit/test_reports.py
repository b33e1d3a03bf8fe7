"""The report documents of issue 17 (lifecycle §6.4): Biểu số II.06a from a hand-made set of dossiers
counted independently here, read back from the PDF (pdftotext) and the XLSX (openpyxl); the period forms."""

from __future__ import annotations

import re
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from desktop.core.errors import ValidationError
from desktop.core.report_period import parse_period
from desktop.core.timeutil import VN_TZ
from desktop.services.reports import periodic_report
from desktop.store.catalogue import load_catalogue, read_catalogue
from desktop.store.models import DossierPause
from tests.factories import make_dossier

pytestmark = pytest.mark.one_moment

BIRTH, COPY = "1.001193", "2.000815"  # Hộ tịch: Đăng ký khai sinh; Chứng thực: bản sao từ bản chính


def t(day: int, month: int, hour: int = 9) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=VN_TZ)


def d(received: datetime, status: str, due: datetime | None, finished: datetime | None = None,
      channel: str = "direct", **more: object) -> dict[str, object]:  # fmt: skip
    return {"received": received, "status": status, "due_at": due, "finished_at": finished,
            "channel": channel, **more}  # fmt: skip


# Quarter III of 2026: 01/07 00:00 to 01/10 00:00. label -> (procedure, fields, the columns it counts in)
DOSSIERS: dict[str, tuple[str, dict[str, object], set[int]]] = {
    "early": (BIRTH, d(t(3, 8), "returned", t(7, 8, 17), t(6, 8), "online"), {3, 4, 7, 8}),
    "on_time": (BIRTH, d(t(4, 8), "result_ready", t(10, 8, 17), t(10, 8, 16)), {3, 5, 7, 9}),
    "late": (BIRTH, d(t(5, 8), "returned", t(7, 8, 17), t(12, 8), "postal"), {3, 5, 7, 10}),
    "carried_late": (BIRTH, d(t(24, 6), "returned", t(29, 6, 17), t(2, 7)), {3, 6, 7, 10}),
    "carried_open": (BIRTH, d(t(20, 6), "processing", t(25, 6, 17)), {3, 6, 11, 13}),
    "overdue": (BIRTH, d(t(21, 9), "processing", t(25, 9, 17)), {3, 5, 11, 13}),
    "within": (BIRTH, d(t(29, 9), "received", t(3, 10, 17)), {3, 5, 11, 12}),
    "paused": (BIRTH, d(t(10, 9), "supplement_requested", t(30, 9, 17), pause=t(15, 9)), {3, 5, 11, 12}),
    "finished_after": (BIRTH, d(t(28, 9), "returned", t(30, 9, 17), t(5, 10)), {3, 5, 11, 13}),
    "withdrawn": (BIRTH, d(t(6, 8), "withdrawn", t(12, 8, 17), t(7, 8)), {3, 5}),
    "stopped": (COPY, d(t(6, 8), "stopped", t(7, 8, 17), t(7, 8), "online"), {3, 4}),
    "copy_on_time": (COPY, d(t(1, 9), "returned", t(1, 9, 17), t(1, 9, 11)), {3, 5, 7, 9}),
    # never counted: finished before the quarter, received after it, refused at intake, not yet checked
    "old": (BIRTH, d(t(1, 6), "returned", t(5, 6, 17), t(4, 6)), set()),
    "next": (BIRTH, d(t(1, 10), "received", t(5, 10, 17)), set()),
    "refused": (COPY, d(t(2, 8), "refused", None, t(2, 8)), set()),
    "registered": (COPY, d(t(2, 8), "registered", None), set()),
}


def expected(procedure: str | None = None) -> list[int]:
    """Columns 3–13 counted from the table above, independently of the report's code."""
    counts = [0] * 11
    for code, _, columns in DOSSIERS.values():
        if procedure in (None, code):
            for column in columns:
                counts[column - 3] += 1
    return counts


@pytest.fixture
def reported(ready_store, tmp_path: Path):
    store, _ = ready_store
    for label, (code, fields, _) in DOSSIERS.items():
        place_one(store, label, code, fields)
    # the copying procedure leaves the catalogue afterwards: it still reports under its name of the time
    data = read_catalogue()
    data["version"] += "-without-copies"
    data["procedures"] = [p for p in data["procedures"] if p["code"] != COPY]
    with store.transaction() as session:
        load_catalogue(session, data)
    return store


def place_one(store, label: str, code: str, fields: dict[str, object]) -> None:
    values = dict(fields)
    pause = values.pop("pause", None)
    with store.session() as session:
        dossier = make_dossier(
            session, name=f"Người {label}", procedure_code=code, status=str(values.pop("status")),
            received=values.pop("received"),  # type: ignore[arg-type]
        )  # fmt: skip
        for key, value in values.items():
            setattr(dossier, key, value)
        if pause is not None:
            session.add(DossierPause(dossier_id=dossier.id, started_at=pause))
        session.commit()


def xlsx_rows(path: Path, sheet: int = 0) -> list[list[object]]:
    book = openpyxl.load_workbook(path, read_only=True)
    return [list(row) for row in book.worksheets[sheet].iter_rows(values_only=True)]


def row_named(rows: list[list[object]], start: str) -> list[object]:
    found = [r for r in rows if isinstance(r[1] if len(r) > 1 else None, str) and str(r[1]).startswith(start)]
    assert len(found) == 1, (start, rows)
    return found[0]


def test_the_quarter_counts_as_counted_by_hand_in_xlsx_and_pdf(reported, tmp_path: Path) -> None:
    period = parse_period("2026-Q3")
    view = periodic_report(reported, period, tmp_path / "q3.xlsx")
    rows = xlsx_rows(tmp_path / "q3.xlsx")
    total = row_named(rows, "Tổng cộng")
    birth = row_named(rows, "Đăng ký khai sinh (1.001193)")
    copy = row_named(rows, "Chứng thực bản sao từ bản chính")  # dropped from the catalogue, name kept
    assert total[2:] == expected()
    assert birth[2:] == expected(BIRTH)
    assert copy[2:] == expected(COPY)
    for row in (total, birth, copy):
        c = dict(zip(range(3, 14), row[2:], strict=True))
        assert c[3] == c[4] + c[5] + c[6] and c[7] == c[8] + c[9] + c[10] and c[11] == c[12] + c[13]
    # the annex: 3 = 7 + 11 + withdrawn or stopped in the quarter
    annex_total = row_named(xlsx_rows(tmp_path / "q3.xlsx", 1), "Tổng cộng")
    assert annex_total[2:] == [expected()[0], expected()[4], expected()[8], 2, "Khớp"]
    assert view.table.total.check

    periodic_report(reported, period, tmp_path / "q3.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "q3.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Biểu số II.06a/VPCP/KSTT" in text
    assert "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in text
    assert "Quý III năm 2026 (từ ngày 01/07/2026 đến ngày 30/09/2026)" in text
    numbers = " +".join(str(n) for n in expected(BIRTH))
    assert re.search(r"Đăng ký khai sinh.*?\s" + numbers + r"\s*$", text, re.M), text
    total_numbers = " +".join(str(n) for n in expected())
    assert re.search(r"Tổng cộng\s+" + total_numbers, text), text
    assert "THỦ TRƯỞNG ĐƠN VỊ" in text


def test_a_period_without_dossiers_is_a_table_of_zeros(ready_store, tmp_path: Path) -> None:
    store, _ = ready_store
    view = periodic_report(store, parse_period("2025-Q1"), tmp_path / "empty.xlsx")
    assert view.table.total.counts == [0] * 11
    assert row_named(xlsx_rows(tmp_path / "empty.xlsx"), "Tổng cộng")[2:] == [0] * 11


@pytest.mark.parametrize(
    ("text", "preset", "first", "last"),
    [
        ("2026-11", "calendar", date(2026, 11, 1), date(2026, 11, 30)),
        ("2026-Q4", "calendar", date(2026, 10, 1), date(2026, 12, 31)),
        ("2028-02", "calendar", date(2028, 2, 1), date(2028, 2, 29)),
        ("2026", "calendar", date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-Q1", "cutoff", date(2025, 12, 15), date(2026, 3, 14)),
        ("2026-11", "cutoff", date(2026, 10, 15), date(2026, 11, 14)),
        ("01/10/2026-15/10/2026", "calendar", date(2026, 10, 1), date(2026, 10, 15)),
        ("2026-10-01..2026-10-15", "calendar", date(2026, 10, 1), date(2026, 10, 15)),
    ],
)
def test_period_forms(text: str, preset: str, first: date, last: date) -> None:
    period = parse_period(text, preset)
    assert (period.first, period.last) == (first, last)
    assert period.end_at - period.start_at == timedelta(days=(last - first).days + 1)


@pytest.mark.parametrize(
    "text", ["2026-13", "2026-Q5", "Q4", "26", "15/10/2026-01/10/2026", "2026-11-31..2026-12-01"]
)
def test_bad_periods_name_the_expected_forms(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_period(text)
    assert "2026-Q4" in str(caught.value) and caught.value.field == "period"

"""The report documents of issue 17 (lifecycle §6.4): Biểu số II.06a from a hand-made set of dossiers
counted independently here, read back from the PDF (pdftotext) and the XLSX (openpyxl); the period forms."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from desktop.cli import main
from desktop.core.period import parse_period
from desktop.core.timeutil import VN_TZ, today_local
from desktop.services.fees import collect_fees
from desktop.services.form_data import load_register_view
from desktop.services.intake import receive_dossier
from desktop.services.reports import periodic_report
from desktop.services.withdrawal import rate
from desktop.store.catalogue import load_catalogue, read_catalogue
from desktop.store.engine import Store
from desktop.store.events import append_event
from desktop.store.models import DossierPause
from sync.events import DueExtended
from tests.factories import make_dossier
from tests.sync_helpers import make_draft

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
    # extended on 05/10 to 15/10: at the quarter's end its appointment was still 28/09, passed
    "extended_later": (
        BIRTH,
        d(t(22, 9), "processing", t(28, 9, 17), extended_due_at=t(15, 10, 17), extended_on=t(5, 10)),
        {3, 5, 11, 13},
    ),  # fmt: skip
    "withdrawn": (BIRTH, d(t(6, 8), "withdrawn", t(12, 8, 17), t(7, 8)), {3, 5}),
    "carried_withdrawn": (COPY, d(t(29, 6), "withdrawn", t(3, 7, 17), t(1, 7)), {3, 6}),
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
    extended_on = values.pop("extended_on", None)
    if values["status"] == "returned":  # the next working day
        values["returned_at"] = values["finished_at"] + timedelta(days=1)  # type: ignore[operator]
    with store.session() as session:
        dossier = make_dossier(
            session, name=f"Người {label}", procedure_code=code, status=str(values.pop("status")),
            received=values.pop("received"),  # type: ignore[arg-type]
        )  # fmt: skip
        for key, value in values.items():
            setattr(dossier, key, value)
        if pause is not None:
            session.add(DossierPause(dossier_id=dossier.id, started_at=pause))
        if extended_on is not None:
            extension = DueExtended.written(
                reason="Chờ xác minh", previous_due_at=dossier.due_at, extended_due_at=dossier.extended_due_at
            )
            append_event(session, dossier.id, extension, None, at=extended_on)  # type: ignore[arg-type]
        session.commit()


def xlsx_rows(path: Path, sheet: int = 0) -> list[list[object]]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [list(row) for row in book.worksheets[sheet].iter_rows(values_only=True)]
    finally:
        book.close()


def row_named(rows: list[list[object]], start: str) -> list[object]:
    found = [r for r in rows if isinstance(r[1] if len(r) > 1 else None, str) and str(r[1]).startswith(start)]
    assert len(found) == 1, (start, rows)
    return found[0]


def test_the_quarter_counts_as_counted_by_hand_in_xlsx_and_pdf(reported, tmp_path: Path, capsys) -> None:
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
    assert annex_total[2:] == [expected()[0], expected()[4], expected()[8], 3, "Khớp"]
    assert view.table.total.check

    periodic_report(reported, period, tmp_path / "q3.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "q3.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Biểu số II.06a/VPCP/KSTT" in text
    assert "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in text
    assert "Quý III/2026 (từ ngày 01/07/2026 đến ngày 30/09/2026)" in text
    numbers = " +".join(str(n) for n in expected(BIRTH))
    assert re.search(r"Đăng ký khai sinh.*?\s" + numbers + r"\s*$", text, re.M), text
    total_numbers = " +".join(str(n) for n in expected())
    assert re.search(r"Tổng cộng\s+" + total_numbers, text), text
    assert "THỦ TRƯỞNG ĐƠN VỊ" in text

    # each report made is kept: period, preset, the total's figures, the file, the unsynced count
    code, out, _ = motcua(capsys, reported, "list", "--json")
    made = json.loads(out)
    assert code == 0 and [Path(m["file"]).name for m in made] == ["q3.pdf", "q3.xlsx"]
    assert made[0]["from"] == "2026-07-01" and made[0]["to"] == "2026-09-30"
    assert made[0]["preset"] == "quarter" and not made[0]["cutoff"]
    assert [made[0]["figures"][str(n)] for n in range(3, 14)] == expected()
    assert made[0]["unsynced"] == view.unsynced and made[0]["label"].startswith("Quý III/2026")
    code, out, _ = motcua(capsys, reported, "list")
    assert "Quý III/2026" in out and f"nhận {expected()[0]}" in out and "q3.xlsx" in out


def test_a_period_without_dossiers_is_a_table_of_zeros(ready_store, tmp_path: Path) -> None:
    store, _ = ready_store
    view = periodic_report(store, parse_period("2025-Q1"), tmp_path / "empty.xlsx")
    assert view.table.total.counts == [0] * 11
    assert row_named(xlsx_rows(tmp_path / "empty.xlsx"), "Tổng cộng")[2:] == [0] * 11


SIGNATURE, RESIDENCE = "2.000884", "1.004194"  # 10.000 đồng phí; 20.000 đồng lệ phí at the counter


def motcua(capsys: pytest.CaptureFixture[str], store: Store, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(store.profile.root), "report", *args])
    out, err = capsys.readouterr()
    return code, out, err


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip


def test_register_fees_and_satisfaction_documents(ready_store, tmp_path: Path, capsys) -> None:
    store, officer = ready_store
    codes = [
        receive_dossier(store, officer, make_draft(store, n, procedure)).code
        for n, procedure in enumerate((SIGNATURE, RESIDENCE, SIGNATURE), 1)
    ]
    for code, method in zip(codes, ("cash", "transfer", "cash"), strict=True):
        collect_fees(store, officer, code, method)
    rate(store, officer, codes[0], "very_satisfied")
    rate(store, officer, codes[1], "dissatisfied", "Phải chờ lâu ở quầy")
    today = today_local()
    month, quarter = f"{today:%Y-%m}", f"{today.year}-Q{(today.month - 1) // 3 + 1}"

    # the register: the printed register's rows, as a spreadsheet
    day = f"{today:%d/%m/%Y}"
    assert (
        motcua(capsys, store, "register", "--from", day, "--to", day, "-o", str(tmp_path / "r.xlsx"))[0] == 0
    )
    with store.session() as session:
        printed = load_register_view(session, today, today).rows
    rows = xlsx_rows(tmp_path / "r.xlsx")
    data = [r for r in rows if r and isinstance(r[0], int)]
    assert [(r[1], r[2], r[4]) for r in data] == [
        (p.code, p.procedure_name, p.applicant_name) for p in printed
    ]
    assert sorted(r[1] for r in data) == sorted(codes)

    # the fee statement of the month: 10.000 + 20.000 + 10.000
    assert motcua(capsys, store, "fees", "--period", month, "-o", str(tmp_path / "f.xlsx"))[0] == 0
    sums = xlsx_rows(tmp_path / "f.xlsx", 1)
    assert row_named([["", *r] for r in sums], "Tổng cộng")[4] == 40_000
    code, out, _ = motcua(capsys, store, "fees", "--period", month, "-o", str(tmp_path / "f.pdf"))
    assert code == 0 and "3 biên lai, tổng thu 40.000 đồng" in out
    text = pdf_text(tmp_path / "f.pdf")
    assert "BẢNG KÊ THU PHÍ, LỆ PHÍ" in text and "Bốn mươi nghìn đồng" in text

    # the quarter's satisfaction: one very satisfied, one dissatisfied with its reason
    code, out, _ = motcua(capsys, store, "satisfaction", "--period", quarter, "-o", str(tmp_path / "s.pdf"))
    assert code == 0 and "2 lượt đánh giá, 1 không hài lòng" in out
    text = pdf_text(tmp_path / "s.pdf")
    assert "BÁO CÁO KẾT QUẢ ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG" in text
    assert re.search(r"Rất hài lòng\s+1\s+50,0 %", text) and re.search(r"Không hài lòng\s+1\s+50,0 %", text)
    assert re.search(r"Hài lòng\s+0\s+0,0 %", text) and "Phải chờ lâu ở quầy" in text and codes[1] in text


@pytest.mark.parametrize(
    ("args", "exit_code", "said"),
    [
        (
            ["periodic", "--from", "31/12/2026", "--to", "01/10/2026", "-o", "{tmp}/x.pdf"],
            2,
            "--from NGÀY_ĐẦU",
        ),
        (["periodic", "--period", "2026-Q5", "-o", "{tmp}/x.pdf"], 2, "2026-Q4"),
        (["periodic", "-o", "{tmp}/x.pdf"], 2, "Thiếu kỳ báo cáo"),
        (["periodic", "--period", "2026-Q4", "-o", "{tmp}/x.docx"], 2, ".pdf hoặc .xlsx"),
        (["satisfaction", "--period", "2026-Q4", "-o", "{tmp}/x.xlsx"], 2, "đuôi .pdf"),
        (["periodic", "--period", "2026-Q4", "-o", "{tmp}/blocker/x.xlsx"], 1, "Không ghi được tệp Excel"),
        (["register", "--from", "31/12/2026", "--to", "01/12/2026", "-o", "{tmp}/x.xlsx"], 2, "ngược"),
    ],
)
def test_bad_report_requests(
    ready_store, tmp_path: Path, capsys, args: list[str], exit_code: int, said: str
) -> None:
    store, _ = ready_store
    (tmp_path / "blocker").write_text("a file where a folder should be")
    code, _, err = motcua(capsys, store, *(a.format(tmp=tmp_path) for a in args))
    assert (code, said in err) == (exit_code, True), err
    assert not list(tmp_path.glob("x.*"))

"""Fees: dated catalogue lines, assessed at intake, collected with per-workstation receipts, exempted with
their ground, and `motcua dossier pay` (lifecycle §3)."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from desktop.cli import main
from desktop.core.errors import ValidationError
from desktop.core.fees import amount_in_words, lines_in_force, parse_amount, receipt_number
from desktop.core.timeutil import VN_TZ, today_local
from desktop.resources import resource
from desktop.services.accounts import SignedIn
from desktop.services.dossier_detail import load_detail
from desktop.services.fees import collect_fees, exempt_fees, fee_summary
from desktop.services.intake import receive_dossier
from desktop.store import settings
from desktop.store.catalogue import read_catalogue, validate_catalogue
from desktop.store.engine import Store
from desktop.store.models import Dossier, Event, FeeLine, FeeReceipt
from desktop.store.workstation import check_new_number
from sync.events import FeeAssessed, FeeCollected
from tests.factories import receipt_day
from tests.sync_helpers import make_draft

SIGNATURE = "2.000884"  # chứng thực chữ ký: 10.000 đồng phí per case, collected at intake
FREE = "1.004884"
RESIDENCE = "1.004194"  # 20.000 đồng lệ phí at the counter, 10.000 online; an exemption


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (10_000, "Mười nghìn đồng"),
        (15_000, "Mười lăm nghìn đồng"),
        (21_000, "Hai mươi mốt nghìn đồng"),
        (105_000, "Một trăm lẻ năm nghìn đồng"),
        (1_005_000, "Một triệu không trăm lẻ năm nghìn đồng"),
        (1_234_567, "Một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy đồng"),
        (2_000_000_000, "Hai tỷ đồng"),
    ],
)
def test_amounts_in_vietnamese_words(amount: int, words: str) -> None:
    assert amount_in_words(amount) == words


def test_a_typed_amount_is_read_or_refused_in_vietnamese() -> None:
    assert parse_amount("20.000 đ") == 20_000
    with pytest.raises(ValidationError, match="không được âm"):
        parse_amount("-5000")
    with pytest.raises(ValidationError, match="không phải là một số"):
        parse_amount("mười nghìn")


def test_receipt_numbers_carry_the_workstation_and_day() -> None:
    assert receipt_number(2, date(2026, 12, 3), 7) == "02-261203-0007"


def test_every_shipped_procedure_has_fee_lines_and_the_line_in_force_is_the_dated_one() -> None:
    data = read_catalogue()
    verified = json.loads(resource("catalogue", "source", "verified.json").read_text(encoding="utf-8"))
    codes = {p["code"] for p in verified["procedures"]}
    assert all(p["fees"] for p in data["procedures"] if p["code"] in codes)
    residence = next(p for p in data["procedures"] if p["code"] == RESIDENCE)
    assert [r.amount for r in lines_in_force(residence["fees"], date(2026, 12, 3), "direct")] == [20_000]
    assert [r.amount for r in lines_in_force(residence["fees"], date(2026, 12, 3), "online")] == [10_000]
    dated = [{**residence["fees"][0], "effective_to": "2026-12-31"}]
    dated.append({**residence["fees"][0], "amount": 25_000, "effective_from": "2027-01-01"})
    assert [r.amount for r in lines_in_force(dated, date(2026, 12, 31))] == [20_000]
    assert [r.amount for r in lines_in_force(dated, date(2027, 1, 1))] == [25_000]


def test_a_catalogue_with_a_negative_fee_is_refused() -> None:
    data = read_catalogue()
    data["procedures"][0]["fees"] = [{**data["procedures"][0]["fees"][0], "amount": -1000}]
    with pytest.raises(ValidationError, match="không âm"):
        validate_catalogue(data)


def _receive(store: Store, officer: SignedIn, procedure: str, number: int = 1) -> str:
    return receive_dossier(store, officer, make_draft(store, number, procedure)).code


def test_intake_assesses_the_lines_in_force_and_pay_issues_a_numbered_receipt(
    ready_store: tuple[Store, SignedIn],
) -> None:
    store, officer = ready_store
    code = _receive(store, officer, SIGNATURE)
    summary = fee_summary(store, code)
    assert (summary.payment_status, summary.due) == ("due", 10_000)
    payment = collect_fees(store, officer, code, "transfer")
    assert [(r.number, r.kind, r.amount) for r in payment.receipts] == [
        (f"01-{receipt_day()}-0001", "phi", 10_000)
    ]
    assert fee_summary(store, code).payment_status == "paid"
    events = [d.event for d in load_detail(store, code).events]
    assert isinstance(events[1], FeeAssessed) and isinstance(events[2], FeeCollected)
    assert events[2].lines[0].receipt_number == f"01-{receipt_day()}-0001" and events[2].method == "transfer"
    second = _receive(store, officer, SIGNATURE, 2)
    assert collect_fees(store, officer, second).receipts[0].number == f"01-{receipt_day()}-0002"


def test_paying_twice_or_a_free_dossier_changes_nothing(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    code = _receive(store, officer, SIGNATURE)
    collect_fees(store, officer, code)
    free = _receive(store, officer, FREE, 2)
    assert fee_summary(store, free).payment_status == "exempt"
    assert [i.amount for i in fee_summary(store, free).items] == [0]  # an explicit zero line
    with store.session() as session:
        before = (
            session.scalar(select(func.count()).select_from(Event)),
            session.scalar(select(func.count()).select_from(FeeReceipt)),
        )
    for target in (code, free):
        with pytest.raises(ValidationError, match="không có khoản phí, lệ phí nào phải thu"):
            collect_fees(store, officer, target)
    with pytest.raises(ValidationError, match="Hình thức thu"):
        collect_fees(store, officer, code, "bitcoin")
    with store.session() as session:
        after = (
            session.scalar(select(func.count()).select_from(Event)),
            session.scalar(select(func.count()).select_from(FeeReceipt)),
        )
    assert after == before


def test_an_exemption_sets_the_line_to_zero_with_its_ground(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    code = _receive(store, officer, RESIDENCE)
    summary = exempt_fees(store, officer, code, "tt75_dieu4")
    assert summary.payment_status == "exempt"
    assert "Thông tư 75/2022/TT-BTC" in summary.items[0].exemption_ground
    with pytest.raises(ValidationError, match="không có khoản phải thu nào được miễn"):
        exempt_fees(store, officer, code, "tt75_dieu4")


def test_receipt_series_of_two_workstations_never_meet(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    first = collect_fees(store, officer, _receive(store, officer, SIGNATURE)).receipts[0].number
    with store.transaction() as session:
        settings.put(session, settings.WORKSTATION, "2")
    second = collect_fees(store, officer, _receive(store, officer, SIGNATURE, 2)).receipts[0].number
    assert (first, second) == (f"01-{receipt_day()}-0001", f"02-{receipt_day()}-0001")


def test_a_fee_collected_at_return_time_uses_the_day_of_payment(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    code = _receive(store, officer, SIGNATURE)
    later = datetime(2026, 12, 4, 10, 0, tzinfo=VN_TZ)
    assert collect_fees(store, officer, code, at=later).receipts[0].number == "01-261204-0001"
    with store.session() as session:
        line = session.scalars(select(FeeLine)).one()
        assert (line.state, line.method) == ("collected", "cash")


def test_dossier_pay_command(ready_store: tuple[Store, SignedIn], capsys: pytest.CaptureFixture[str]) -> None:
    store, officer = ready_store
    code = _receive(store, officer, SIGNATURE)
    root: Path = store.profile.root
    assert main(["--data-dir", str(root), "dossier", "pay", code, "--method", "bitcoin"]) == 2
    assert "Hình thức thu" in capsys.readouterr().err
    for amount, message in (
        ("-10000", "không được âm"),
        ("mười", "không phải là một số"),
        ("5000", "khác số phải thu"),
    ):
        assert main(["--data-dir", str(root), "dossier", "pay", code, "--amount", amount]) == 2
        assert message in capsys.readouterr().err
    assert fee_summary(store, code).payment_status == "due"  # nothing changed
    assert main(["--data-dir", str(root), "dossier", "pay", code, "--amount", "10.000"]) == 0
    out, _ = capsys.readouterr()
    assert f"01-{receipt_day()}-0001\tPhí\t10.000" in out and "Đã thu 10.000 đồng" in out
    assert main(["--data-dir", str(root), "dossier", "pay", code]) == 2
    err = capsys.readouterr().err
    assert "không có khoản phí, lệ phí nào phải thu" in err and "Traceback" not in err


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_receipts_and_the_cash_statement_print_and_match(
    ready_store: tuple[Store, SignedIn], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, officer = ready_store
    root = str(store.profile.root)
    paid = [_receive(store, officer, code, n) for n, code in enumerate((SIGNATURE, RESIDENCE, SIGNATURE), 1)]
    methods = ("cash", "transfer", "cash")
    for code, method in zip(paid, methods, strict=True):
        assert main(["--data-dir", root, "dossier", "pay", code, "--method", method,
                     "--pdf", str(tmp_path / f"{code}.pdf")]) == 0  # fmt: skip
    capsys.readouterr()
    receipt = _pdf_text(tmp_path / f"{paid[1]}.pdf")
    assert "BIÊN LAI THU LỆ PHÍ" in receipt and f"01-{receipt_day()}-0002" in receipt
    assert "Hai mươi nghìn đồng" in receipt and "Chuyển khoản" in receipt and paid[1] in receipt
    receipts_total = 0
    for code in paid:
        text = _pdf_text(tmp_path / f"{code}.pdf")
        receipts_total += sum(int(m.replace(".", "")) for m in re.findall(r"Tổng cộng\s+([\d.]+)", text))
    today = today_local()
    assert main(["--data-dir", root, "cash-statement", "--date", f"{today:%d/%m/%Y}",
                 "--pdf", str(tmp_path / "statement.pdf")]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "Tổng cộng\t40.000" in out and "Biên lai đã dùng\t3\tđã hủy\t0" in out
    statement = _pdf_text(tmp_path / "statement.pdf")
    assert "BẢNG KÊ THU PHÍ, LỆ PHÍ TRONG NGÀY" in statement and "Bốn mươi nghìn đồng" in statement
    stated = re.findall(r"Tổng cộng\s+([\d.]+)", statement)
    assert receipts_total == int(stated[-1].replace(".", "")) == 40_000
    assert all(
        n in statement
        for n in (f"01-{receipt_day()}-0001", f"01-{receipt_day()}-0002", f"01-{receipt_day()}-0003")
    )
    # another day has nothing
    assert (
        main(["--data-dir", root, "cash-statement", "--date", f"{today + timedelta(days=1):%d/%m/%Y}"]) == 0
    )
    out = capsys.readouterr().out
    assert "Tổng cộng\t0" in out
    kept = Path(out.splitlines()[-1].removeprefix("PDF\t"))  # no --pdf: the copy kept under printed/
    assert kept.parent == store.profile.output_dir and kept.name.startswith("bang-ke-thu-phi-")
    assert "BẢNG KÊ THU PHÍ" in _pdf_text(kept)


def test_a_fee_per_copy_counts_the_copies(
    ready_store: tuple[Store, SignedIn], capsys: pytest.CaptureFixture[str]
) -> None:
    store, officer = ready_store
    code = _receive(store, officer, "2.000635")  # 8.000 đồng per copy of a civil-status extract
    root = str(store.profile.root)
    for copies in ("0", "-2", "ba"):
        assert main(["--data-dir", root, "dossier", "pay", code, "--copies", copies]) == 2
        assert "Số bản, số trang" in capsys.readouterr().err
    assert main(["--data-dir", root, "dossier", "pay", code, "--copies", "3", "--amount", "24000"]) == 0
    assert "Đã thu 24.000 đồng" in capsys.readouterr().out
    assert [(i.quantity, i.amount) for i in fee_summary(store, code).items] == [(3, 24_000)]
    assert main(["--data-dir", root, "dossiers", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["fees_paid"] == 24_000  # what was collected, not 8.000


def test_the_workstation_number_cannot_change_on_a_day_it_issued_receipts(
    ready_store: tuple[Store, SignedIn],
) -> None:
    store, officer = ready_store
    today = today_local()  # the tests' clock: the receipt is numbered on the day it is issued
    yesterday = datetime.combine(
        today - timedelta(days=1), time(9, 0), tzinfo=VN_TZ
    )  # its code is yesterday's
    code = receive_dossier(store, officer, make_draft(store, 1, SIGNATURE), received_at=yesterday).code
    collect_fees(store, officer, code)
    with store.transaction() as session, pytest.raises(ValidationError, match="biên lai thu phí"):
        check_new_number(session, 3, today)
    with store.transaction() as session:
        assert check_new_number(session, 3, today + timedelta(days=1))  # tomorrow it may


def test_a_fee_collected_at_the_return_waits_for_the_result(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    code = _receive(store, officer, SIGNATURE)
    with store.transaction() as session:
        session.execute(update(FeeLine).values(timing="after"))
    with pytest.raises(ValidationError, match="không có khoản phí, lệ phí nào phải thu"):
        collect_fees(store, officer, code)
    with store.transaction() as session:
        session.execute(update(Dossier).values(status="result_ready", status_code=9))
    assert collect_fees(store, officer, code).total == 10_000

"""The end-of-day sheet (`motcua print end_of_day`): its figures, read back from the PDF with pdftotext,
equal the store's: received, handed over, returned, fees and receipts, scans; and what has not reached
the province, or that all has and the end-of-day check matched."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from desktop.cli import main
from desktop.core.errors import ValidationError
from desktop.core.timeutil import now_local, today_local
from desktop.services.accounts import SignedIn
from desktop.services.attachments import attach_files
from desktop.services.fees import collect_fees
from desktop.services.followup import hand_over
from desktop.services.intake import receive_dossier
from desktop.services.printing import PrintJob, check_job, produce
from desktop.services.result import record_result, return_result
from desktop.store.engine import Store
from desktop.store.models import Dossier, Event
from sync.engine import SyncEngine
from tests.pdfcheck import pdf_text
from tests.scan_samples import blank_pdf
from tests.sync_helpers import CLIENT_RETRY, LoopbackServer, make_draft

SIGNATURE = "2.000884"  # 10.000 đồng phí per case


def _receive(store: Store, officer: SignedIn, number: int, procedure: str = "1.004884") -> str:
    return receive_dossier(store, officer, make_draft(store, number, procedure)).code


def _sheet(store: Store, tmp_path: Path, *extra: str) -> str:
    out = tmp_path / "cuoi-ngay.pdf"
    assert main(["--data-dir", str(store.profile.root), "print", "end_of_day", *extra, "-o", str(out)]) == 0
    return pdf_text(out.read_bytes())


def test_the_sheet_shows_the_days_figures_and_what_is_not_synced(
    ready_store: tuple[Store, SignedIn], tmp_path: Path
) -> None:
    store, officer = ready_store
    paid = [_receive(store, officer, n, SIGNATURE) for n in (1, 2)]
    other = _receive(store, officer, 3)
    earlier = _receive(store, officer, 4)  # received yesterday: not on today's sheet
    with store.transaction() as session:
        yesterday = now_local() - timedelta(days=1)
        session.execute(update(Dossier).where(Dossier.code == earlier).values(received_at=yesterday))
    for code in paid:
        collect_fees(store, officer, code, "cash")
    for code in (paid[0], other):
        hand_over(store, officer, code, "Công chức Tư pháp - Hộ tịch")
    record_result(store, officer, other)
    return_result(store, officer, other, "Nguyễn Văn Mẫu")
    for name, pages in (("a.pdf", 2), ("b.pdf", 3)):
        path = tmp_path / name
        path.write_bytes(blank_pdf(pages) + name.encode())
        attach_files(store, paid[1], [path], officer_id=officer.officer_id)

    text = _sheet(store, tmp_path, "--date", today_local().isoformat())
    assert "BÁO CÁO CUỐI NGÀY" in text
    assert f"Tiếp nhận và trả kết quả ngày {today_local():%d/%m/%Y}" in text
    assert "Đơn vị: Xã Ia Grai" in text and "Cán bộ làm việc trong ngày: Nguyễn Thị Hằng" in text
    for figure in (
        "1 Hồ sơ tiếp nhận 3",
        "2 Hồ sơ bàn giao cho cơ quan giải quyết 2",
        "3 Hồ sơ đã trả kết quả 1",
        "4 Phí, lệ phí đã thu (đồng) 20.000",
        "5 Biên lai đã phát hành 2",
        "6 Tệp bản quét 2",
        "7 Trang bản quét 5",
    ):
        assert figure in text
    assert "Chưa đồng bộ hết với hệ thống tỉnh:" in text
    with store.session() as session:  # every change was made today (the moved dossier's intake too)
        waiting = session.scalar(select(func.count()).where(Event.push_status == "pending"))
    assert waiting and waiting >= 4 + 2 + 2 + 2 + 2  # intakes, payments, hand-overs, result and return, scans
    assert f"- {waiting} thay đổi hồ sơ còn chờ gửi - 2 bản quét còn chờ gửi" in text
    assert "Chưa đối chiếu với tỉnh trong ngày này" in text

    yesterday_text = _sheet(store, tmp_path, "--date", f"{today_local() - timedelta(days=1):%d/%m/%Y}")
    assert "1 Hồ sơ tiếp nhận 1" in yesterday_text and "7 Trang bản quét 0" in yesterday_text


def test_a_synced_and_reconciled_day_says_so(
    enrolled: tuple[Store, SignedIn, LoopbackServer], tmp_path: Path
) -> None:
    store, officer, _server = enrolled
    _receive(store, officer, 1)
    result = SyncEngine(store, policy=CLIENT_RETRY).run_pass("end_of_day")
    assert result.reconciled is True

    text = _sheet(store, tmp_path)  # today by default
    assert "1 Hồ sơ tiếp nhận 1" in text
    assert "Đã đồng bộ hết với hệ thống tỉnh." in text
    assert "Đối chiếu lúc" in text and "khớp 1 hồ sơ, 1 thay đổi, 0 bản quét" in text
    assert "Đã khớp với tỉnh." in text
    assert "Chưa đối chiếu" not in text


def test_the_sheet_needs_a_day_and_a4() -> None:
    with pytest.raises(ValidationError, match="cần ngày"):
        check_job(PrintJob("end_of_day"))
    with pytest.raises(ValidationError, match="khổ A4"):
        check_job(PrintJob("end_of_day", paper="A5", date_from=today_local()))


def test_produce_keeps_a_copy_named_by_the_day(ready_store: tuple[Store, SignedIn]) -> None:
    store, _officer = ready_store
    printed = produce(store, PrintJob("end_of_day", date_from=today_local()))
    assert printed.path.name.startswith(f"end_of_day_{today_local():%Y%m%d}_")
    assert printed.title == f"Báo cáo cuối ngày {today_local():%d/%m/%Y}"
    assert "1 Hồ sơ tiếp nhận 0" in pdf_text(printed.pdf)

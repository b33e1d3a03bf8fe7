"""Printing from a real store: dossiers received by the intake service, follow-up services, `motcua print`."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.core.errors import NotFoundError, ValidationError
from desktop.core.timeutil import VN_TZ
from desktop.services import followup
from desktop.services.accounts import SignedIn
from desktop.services.intake import receive_dossier, refuse
from desktop.services.printing import PrintJob, produce
from desktop.services.result import record_result
from desktop.store.engine import Store
from desktop.store.models import Dossier, Event
from tests.pdfcheck import decode, pdf_text
from tests.unit.test_intake_services import MONDAY_9, make_draft


@pytest.fixture
def received(ready_store: tuple[Store, SignedIn]) -> tuple[Store, SignedIn, str]:
    store, officer = ready_store
    result = receive_dossier(
        store, officer, make_draft(store, full_name="Đặng Thị Ngọc Ánh"), received_at=MONDAY_9
    )
    return store, officer, result.code


def test_receipt_from_the_store_is_kept_under_printed(received: tuple[Store, SignedIn, str]) -> None:
    store, _officer, code = received
    printed = produce(store, PrintJob("receipt", code))
    assert printed.path.parent == store.profile.output_dir
    assert printed.path.read_bytes() == printed.pdf
    text = pdf_text(printed.pdf)
    assert "Tiếp nhận hồ sơ của: Đặng Thị Ngọc Ánh" in text
    assert "Thôn Thử, Xã Ia Grai, Tỉnh Gia Lai" in text
    assert "4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 05 tháng 10 năm 2026" in text
    assert "09 giờ 00 phút, ngày 12 tháng 10 năm 2026" in text  # the intake service's appointment
    assert "05 ngày làm việc" in text
    assert "Nguyễn Thị Hằng" in text  # the officer who received it
    assert ("QRCode", code) in decode(printed.pdf)


def test_follow_up_services_feed_forms_04_05_06(received: tuple[Store, SignedIn, str]) -> None:
    store, officer, code = received
    followup.hand_over(store, officer, code, "Công chức Tư pháp - Hộ tịch", at=MONDAY_9 + timedelta(hours=2))
    with store.session() as session:
        due = session.scalars(select(Dossier.due_at).where(Dossier.code == code)).one()
    assert due is not None
    state = followup.extend_due(
        store, officer, code, due + timedelta(days=3), "Cần xác minh thông tin khai sinh"
    )
    assert state.due_at == due + timedelta(days=3)
    control = pdf_text(produce(store, PrintJob("control", code)).pdf)
    assert "2. Nhận: Công chức Tư pháp - Hộ tịch" in control
    assert "11 giờ 00 phút, ngày 05 tháng 10 năm 2026" in control
    apology = pdf_text(produce(store, PrintJob("apology", code)).pdf)
    assert "Lý do: Cần xác minh thông tin khai sinh" in apology
    assert "ngày 15 tháng 10 năm 2026" in apology

    state = followup.stop_processing(store, officer, code, "Người nộp hồ sơ xin rút để bổ sung sau")
    assert (state.status, state.status_code) == ("stopped", 8)
    assert "Người nộp hồ sơ xin rút để bổ sung sau" in pdf_text(produce(store, PrintJob("stop", code)).pdf)
    with store.session() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.code == code)).one()
        types = list(
            session.scalars(select(Event.type).where(Event.dossier_id == dossier.id).order_by(Event.seq))
        )
    assert types == ["received", "handed_over", "due_extended", "stopped"]
    with pytest.raises(ValidationError):
        followup.stop_processing(store, officer, code, "lần nữa")


@pytest.mark.parametrize(
    ("returned", "result"),
    [
        (datetime(2026, 10, 9, 10, 0, tzinfo=VN_TZ), "Trước hạn"),
        (datetime(2026, 10, 12, 8, 30, tzinfo=VN_TZ), "Đúng hạn"),  # the appointment is 12/10 09:00
        (datetime(2026, 10, 12, 10, 0, tzinfo=VN_TZ), "Quá hạn"),
    ],
)
def test_control_slip_fills_the_result_once_the_result_is_ready(
    received: tuple[Store, SignedIn, str], returned: datetime, result: str
) -> None:
    store, officer, code = received
    followup.hand_over(store, officer, code, "Công chức Tư pháp - Hộ tịch", at=MONDAY_9 + timedelta(hours=2))
    labels = ("Trước hạn", "Đúng hạn", "Quá hạn")  # the column header names them too
    before = pdf_text(produce(store, PrintJob("control", code)).pdf)
    record_result(store, officer, code, at=returned)
    after = pdf_text(produce(store, PrintJob("control", code)).pdf)
    assert {label: after.count(label) - before.count(label) for label in labels} == {
        label: int(label == result) for label in labels
    }


def test_follow_up_rules(received: tuple[Store, SignedIn, str]) -> None:
    store, officer, code = received
    with pytest.raises(ValidationError):
        followup.extend_due(store, officer, code, MONDAY_9, "Lý do")  # not after the appointment
    with pytest.raises(ValidationError):
        followup.stop_processing(store, officer, code, "   ")
    with pytest.raises(NotFoundError):
        followup.hand_over(store, officer, "H21.55.10-000000-0000", "Tư pháp")


def test_refusal_from_the_intake_service_prints(received: tuple[Store, SignedIn, str]) -> None:
    store, officer, code = received
    refuse(store, officer, code, "Hồ sơ không thuộc thẩm quyền của xã")
    assert "Hồ sơ không thuộc thẩm quyền của xã" in pdf_text(produce(store, PrintJob("refusal", code)).pdf)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_printed_files_get_the_usual_permissions(
    received: tuple[Store, SignedIn, str], tmp_path: Path, umask: int, mode: int
) -> None:
    store, _officer, code = received
    out = tmp_path / "phieu.pdf"
    previous = os.umask(umask)
    try:
        assert main(["--data-dir", str(store.profile.root), "print", "receipt", code, "-o", str(out)]) == 0
    finally:
        os.umask(previous)
    kept = sorted(store.profile.output_dir.glob("receipt_*.pdf"))
    assert kept and stat.S_IMODE(out.stat().st_mode) == mode
    assert {stat.S_IMODE(p.stat().st_mode) for p in kept} == {mode}
    assert not list(tmp_path.glob(".motcua-*")) and not list(store.profile.output_dir.glob(".motcua-*"))


def test_cli_prints_receipt_and_register(received: tuple[Store, SignedIn, str], tmp_path: Path) -> None:
    store, _officer, code = received
    data_dir = str(store.profile.root)
    out = tmp_path / "phieu.pdf"
    assert (
        main(
            ["--data-dir", data_dir, "print", "receipt", code, "-o", str(out), "--paper", "A5", "--copies-2"]
        )
        == 0
    )
    assert "(Liên 2: Giao người nộp hồ sơ)" in pdf_text(out.read_bytes())
    reg = tmp_path / "so.pdf"
    assert (
        main(
            [
                "--data-dir",
                data_dir,
                "print",
                "register",
                "--from",
                "01/10/2026",
                "--to",
                "31/10/2026",
                "-o",
                str(reg),
            ]
        )
        == 0
    )
    text = pdf_text(reg.read_bytes())
    assert code in text and "Đặng Thị Ngọc Ánh" in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["print", "receipt", "H21.55.10-999999-9999"], "Không tìm thấy hồ sơ có mã 'H21.55.10-999999-9999'"),
        (["print", "register", "--from", "31/02/2026", "--to", "01/03/2026"], "không tồn tại trên lịch"),
        (
            ["print", "register", "--from", "01/03/2026", "--to", "01/02/2026"],
            "Ngày kết thúc phải bằng hoặc sau",
        ),
        (["print", "register"], "cần khoảng ngày"),
        (["print", "receipt"], "mã hồ sơ"),
        (["print", "diploma", "X"], "Không có biểu mẫu 'diploma'"),
        (["print", "refusal", "X", "--paper", "roll80"], "cuộn 80 mm"),
    ],
)
def test_cli_bad_input_exits_2_with_a_vietnamese_message(
    received: tuple[Store, SignedIn, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    store, _officer, _code = received
    out = tmp_path / "x.pdf"
    assert main(["--data-dir", str(store.profile.root), *argv, "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()

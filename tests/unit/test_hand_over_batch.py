"""Batch hand-over of the day's received dossiers: one transaction, one `handed_over` event per dossier
with the batch id, the printed list (Danh sách bàn giao hồ sơ), and `motcua dossier hand-over CODE...`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.core.appointment import handover_deadline
from desktop.core.errors import ValidationError
from desktop.core.timeutil import VN_TZ
from desktop.services.accounts import SignedIn
from desktop.services.followup import hand_over
from desktop.services.handover import hand_over_batch, waiting_dossiers
from desktop.services.intake import receive_dossier
from desktop.services.printing import PrintJob, render
from desktop.store.calendar_files import load_calendar
from desktop.store.engine import Store
from desktop.store.events import typed
from desktop.store.models import Dossier, Event
from sync.events import HandedOver
from tests.pdfcheck import pdf_text
from tests.sync_helpers import make_draft

TO = "Công chức Tư pháp - Hộ tịch"


@pytest.fixture
def received(ready_store: tuple[Store, SignedIn]) -> tuple[Store, SignedIn, list[str]]:
    store, officer = ready_store
    codes = [receive_dossier(store, officer, make_draft(store, i)).code for i in (1, 2, 3)]
    return store, officer, codes


def _statuses(store: Store, codes: list[str]) -> list[str]:
    with store.session() as session:
        return [session.scalars(select(Dossier).where(Dossier.code == c)).one().status for c in codes]


def _hand_overs(store: Store) -> list[HandedOver]:
    with store.session() as session:
        rows = session.scalars(select(Event).where(Event.type == "handed_over").order_by(Event.rowid))
        return [e for row in rows if isinstance(e := typed(row), HandedOver)]


def test_a_batch_hands_every_dossier_over_and_prints_its_list(
    received: tuple[Store, SignedIn, list[str]],
) -> None:
    store, officer, codes = received
    at = datetime(2026, 12, 3, 10, 15, tzinfo=VN_TZ)
    batch = hand_over_batch(store, officer, codes, TO, "Nguyễn Văn Nhận", slip_signed=True, at=at)
    assert batch.codes == tuple(codes)
    assert _statuses(store, codes) == ["processing"] * 3
    events = _hand_overs(store)
    assert [e.code for e in events] == codes
    assert {e.batch_id for e in events} == {batch.batch_id} and all(e.slip_signed for e in events)
    assert {e.to_unit for e in events} == {TO} and {e.receiver for e in events} == {"Nguyễn Văn Nhận"}
    pdf, _ = render(store, PrintJob("handover_list", batch.batch_id))
    text = pdf_text(pdf)
    assert "DANH SÁCH BÀN GIAO HỒ SƠ" in text and "Tổng số: 3 hồ sơ" in text
    assert all(code in text for code in codes)
    assert TO in text and "Nguyễn Văn Nhận" in text and "BÊN GIAO" in text and "BÊN NHẬN" in text
    assert "10 giờ 15 phút" in text


def test_a_batch_with_one_dossier_already_handed_over_changes_nothing(
    received: tuple[Store, SignedIn, list[str]],
) -> None:
    store, officer, codes = received
    hand_over(store, officer, codes[1], TO)
    with pytest.raises(ValidationError, match=codes[1]):
        hand_over_batch(store, officer, codes, TO)
    assert _statuses(store, codes) == ["received", "processing", "received"]
    assert len(_hand_overs(store)) == 1
    with pytest.raises(ValidationError, match="cơ quan, bộ phận nhận"):
        hand_over_batch(store, officer, [codes[0]], "  ")


def test_the_dialog_lists_the_received_dossiers_and_marks_the_days(
    received: tuple[Store, SignedIn, list[str]],
) -> None:
    store, officer, codes = received
    hand_over(store, officer, codes[0], TO)
    waiting = waiting_dossiers(store)
    assert [w.code for w in waiting] == codes[1:]
    assert all(w.received_today for w in waiting)
    assert not any(w.received_today for w in waiting_dossiers(store, datetime(2026, 12, 4).date()))


def test_the_command_hands_several_codes_over_and_writes_the_list(
    received: tuple[Store, SignedIn, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, _, codes = received
    root = str(store.profile.root)
    target = tmp_path / "ban-giao.pdf"
    args = ["--data-dir", root, "dossier", "hand-over", *codes[:2], "--to", TO, "--list", str(target)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert codes[0] in out and codes[1] in out and "Danh sách bàn giao" in out
    text = pdf_text(target.read_bytes())
    assert codes[0] in text and codes[1] in text and codes[2] not in text
    assert _statuses(store, codes) == ["processing", "processing", "received"]
    assert main(["--data-dir", root, "dossier", "hand-over", codes[1], codes[2], "--to", TO]) == 2
    err = capsys.readouterr().err
    assert codes[1] in err and "Đang xử lý" in err
    assert _statuses(store, codes)[2] == "received"


def test_form_06_has_a_row_per_hand_over_with_its_receiver_and_list(
    received: tuple[Store, SignedIn, list[str]],
) -> None:
    store, officer, codes = received
    at = datetime(2026, 12, 3, 14, 5, tzinfo=VN_TZ)
    batch = hand_over_batch(store, officer, codes[:2], TO, "Trần Thị Nhận", at=at)
    text = pdf_text(render(store, PrintJob("control", codes[0]))[0])
    assert "1. Giao:" in text and "2. Nhận:" in text and TO in text
    assert "14 giờ 05 phút" in text and "Người nhận: Trần Thị Nhận" in text
    assert f"Theo danh sách bàn giao số {batch.batch_id.replace('-', '')[:10].upper()}" in text
    assert "Người giao" in text and "Người nhận" in text


def test_the_command_hands_todays_waiting_dossiers_over(
    received: tuple[Store, SignedIn, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    store, officer, codes = received
    hand_over(store, officer, codes[0], TO)
    root = str(store.profile.root)
    assert main(["--data-dir", root, "dossier", "hand-over", "--today", "--to", TO]) == 0
    assert "(2 hồ sơ)" in capsys.readouterr().out
    assert _statuses(store, codes) == ["processing"] * 3
    assert main(["--data-dir", root, "dossier", "hand-over", "--today", "--to", TO]) == 2
    assert "Không có hồ sơ nào" in capsys.readouterr().err


def test_the_hand_over_deadline_is_the_days_close_or_the_next_morning_after_the_cut_off() -> None:
    calendar = load_calendar()
    thursday = datetime(2026, 12, 3, 9, 30, tzinfo=VN_TZ)
    assert handover_deadline(thursday, calendar) == datetime(2026, 12, 3, 17, 0, tzinfo=VN_TZ)
    assert handover_deadline(thursday.replace(hour=15, minute=0), calendar) == datetime(
        2026, 12, 3, 17, 0, tzinfo=VN_TZ
    )
    after = thursday.replace(hour=15, minute=10)
    assert handover_deadline(after, calendar) == datetime(2026, 12, 4, 11, 30, tzinfo=VN_TZ)
    sunday = datetime(2026, 12, 6, 9, 0, tzinfo=VN_TZ)
    assert handover_deadline(sunday, calendar) == datetime(2026, 12, 7, 17, 0, tzinfo=VN_TZ)


def test_form_06_says_when_the_counter_handed_over_late(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    received_at = datetime(2026, 12, 2, 9, 0, tzinfo=VN_TZ)
    on_time = receive_dossier(store, officer, make_draft(store, 1), received_at=received_at).code
    late = receive_dossier(store, officer, make_draft(store, 2), received_at=received_at).code
    hand_over(store, officer, on_time, TO, at=datetime(2026, 12, 2, 16, 50, tzinfo=VN_TZ))
    hand_over(store, officer, late, TO, at=datetime(2026, 12, 3, 8, 0, tzinfo=VN_TZ))
    assert "Chuyển xử lý quá hạn" not in pdf_text(render(store, PrintJob("control", on_time))[0])
    text = pdf_text(render(store, PrintJob("control", late))[0])
    assert "Chuyển xử lý quá hạn (hạn: 17 giờ 00 phút, ngày 02 tháng 12 năm 2026)" in text

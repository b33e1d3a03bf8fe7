"""What the return of a result needs (lifecycle §2): every fee line paid or exempt, and the written apology
(form 04) when the result came after the appointment in force. Refused returns change nothing."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from desktop.cli import main
from desktop.core.errors import ValidationError
from desktop.core.timeutil import VN_TZ, as_local
from desktop.services.accounts import SignedIn
from desktop.services.apology import apologise
from desktop.services.dossier_detail import load_detail
from desktop.services.fees import collect_fees
from desktop.services.followup import extend_due, hand_over
from desktop.services.intake import receive_dossier
from desktop.services.printing import PrintJob, produce
from desktop.services.result import post_result, record_result, return_result
from desktop.store.engine import Store
from desktop.store.events import typed
from desktop.store.models import Dossier, Event, FeeLine
from sync.events import ApologyIssued
from tests.factories import intake_draft
from tests.pdfcheck import pdf_text

MONDAY_9 = datetime(2026, 10, 5, 9, 0, tzinfo=VN_TZ)


@pytest.fixture
def processing(ready_store: tuple[Store, SignedIn]) -> tuple[Store, SignedIn, str, datetime]:
    """A dossier handed over on Monday 05/10/2026; its appointment (`due`) is 12/10."""
    store, officer = ready_store
    code = receive_dossier(store, officer, intake_draft(store), received_at=MONDAY_9).code
    hand_over(store, officer, code, "Công chức Tư pháp - Hộ tịch", at=MONDAY_9 + timedelta(hours=1))
    with store.session() as session:
        due = session.scalars(select(Dossier.due_at).where(Dossier.code == code)).one()
    assert due is not None
    return store, officer, code, as_local(due)


def _status_and_events(store: Store, code: str) -> tuple[str, int]:
    with store.session() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.code == code)).one()
        count = session.scalar(select(func.count()).select_from(Event).where(Event.dossier_id == dossier.id))
        return dossier.status, int(count or 0)


def test_a_late_result_is_returned_only_after_the_apology(processing) -> None:  # type: ignore[no-untyped-def]
    store, officer, code, due = processing
    ready = due + timedelta(days=2)
    record_result(store, officer, code, document_number="25/QĐ-UBND", at=ready)
    assert load_detail(store, code, now=ready).needs_apology
    before = _status_and_events(store, code)
    with pytest.raises(ValidationError) as refused:
        return_result(store, officer, code, at=ready + timedelta(hours=1))
    assert f"Hồ sơ {code} có kết quả sau thời hạn hẹn trả ({due:%H:%M} ngày {due:%d/%m/%Y})" in str(
        refused.value
    )
    assert "văn bản xin lỗi (mẫu 04)" in str(refused.value) and refused.value.field == "apology"
    assert _status_and_events(store, code) == before

    with pytest.raises(ValidationError, match="người ký"):
        apologise(store, officer, code, "Chờ ý kiến cơ quan thuế", "  ", at=ready)
    apologise(
        store, officer, code, "Chờ ý kiến cơ quan thuế", "Trần Văn Bình, Chủ tịch", sent_via="sms", at=ready
    )
    with store.session() as session:
        last = session.scalars(select(Event).order_by(Event.rowid.desc())).first()
        event = typed(last) if last is not None else None
    assert isinstance(event, ApologyIssued) and event.missed_due_at == due and event.sent_via == "sms"
    assert not load_detail(store, code, now=ready).needs_apology

    # form 04 as the late apology: the reason and the signer, no new appointment
    text = " ".join(pdf_text(produce(store, PrintJob("apology", code)).pdf).split())
    assert "Chờ ý kiến cơ quan thuế" in text and "Trần Văn Bình, Chủ tịch" in text
    assert "đề nghị gia hạn" not in text.split("Lý do")[-1]
    state = return_result(store, officer, code, at=ready + timedelta(hours=1))
    assert state.status == "returned"


def test_an_apology_is_refused_on_time_and_a_later_extension_needs_a_new_one(processing) -> None:  # type: ignore[no-untyped-def]
    store, officer, code, due = processing
    with pytest.raises(ValidationError, match="chưa trễ hạn") as early:
        apologise(store, officer, code, "Chờ xác minh", "Chủ tịch UBND xã", at=due - timedelta(days=1))
    assert early.value.field == "status"
    with pytest.raises(ValidationError, match="Cách gửi 'fax'"):
        apologise(store, officer, code, "Chờ xác minh", "Chủ tịch UBND xã", sent_via="fax", at=due)
    # late while processing: the apology, then an extension (a new promise) that is missed too
    apologise(store, officer, code, "Chờ xác minh", "Chủ tịch UBND xã", at=due + timedelta(hours=1))
    extended = due + timedelta(days=3)
    extend_due(store, officer, code, extended, "Chờ kết quả xác minh", at=due + timedelta(hours=2))
    record_result(store, officer, code, at=extended + timedelta(days=1))
    with pytest.raises(ValidationError, match="xin lỗi"):
        return_result(store, officer, code, at=extended + timedelta(days=1, hours=1))
    apologise(store, officer, code, "Xác minh kéo dài", "Chủ tịch UBND xã", at=extended + timedelta(days=1))
    assert return_result(store, officer, code, at=extended + timedelta(days=1, hours=1)).status == "returned"


def _fees_paid(store: Store, code: str, capsys: pytest.CaptureFixture[str]) -> int:
    assert main(["--data-dir", str(store.profile.root), "dossiers", "--json"]) == 0
    [row] = [r for r in json.loads(capsys.readouterr().out) if r["code"] == code]
    return int(row["fees_paid"])


def test_the_result_waits_for_every_fee_line(processing, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    store, officer, code, due = processing
    with store.transaction() as session:
        dossier_id = session.scalars(select(Dossier.id).where(Dossier.code == code)).one()
        session.add(
            FeeLine(dossier_id=dossier_id, name="Phí thẩm định", kind="phi", amount=5_000, state="collected")
        )
        session.add(
            FeeLine(dossier_id=dossier_id, name="Lệ phí hộ tịch", kind="le_phi", amount=8_000, timing="after")
        )
    assert _fees_paid(store, code, capsys) == 5_000  # the intake line only: the other is still due
    ready = due - timedelta(days=1)
    record_result(store, officer, code, at=ready)
    assert load_detail(store, code, now=ready).fees_due == 8_000
    before = _status_and_events(store, code)
    for attempt in (
        lambda: return_result(store, officer, code, at=ready + timedelta(hours=1)),
        lambda: post_result(store, officer, code, "EV123456789VN", at=ready + timedelta(hours=1)),
    ):
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.field in ("fees", "waybill")
    with pytest.raises(ValidationError) as refused:
        return_result(store, officer, code, at=ready + timedelta(hours=1))
    assert str(refused.value) == (
        f"Hồ sơ {code} còn 8.000 đồng phí, lệ phí chưa thu: hãy thu phí (hoặc ghi nhận miễn) trước khi trả kết quả."
    )
    assert _status_and_events(store, code) == before
    collect_fees(store, officer, code, at=ready + timedelta(minutes=30))
    assert load_detail(store, code, now=ready).fees_due == 0 and _fees_paid(store, code, capsys) == 13_000
    assert return_result(store, officer, code, at=ready + timedelta(hours=1)).status == "returned"


def test_the_apology_from_the_command_line(processing, capsys: pytest.CaptureFixture[str], clock) -> None:  # type: ignore[no-untyped-def]
    store, officer, code, due = processing
    clock.set(due + timedelta(days=2))
    record_result(store, officer, code)
    root = str(store.profile.root)
    assert main(["--data-dir", root, "dossier", "return", code]) == 2
    assert "văn bản xin lỗi (mẫu 04)" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:  # argparse: the signer is required
        main(["--data-dir", root, "dossier", "apologise", code, "--reason", "Chờ xác minh"])
    assert usage.value.code == 2 and "--signer" in capsys.readouterr().err
    args = ["dossier", "apologise", code, "--reason", "Chờ xác minh", "--signer", "Chủ tịch UBND xã"]
    assert main(["--data-dir", root, *args]) == 0
    assert capsys.readouterr().out == f"{code}\tĐã xử lý xong\txin lỗi đã ghi nhận\n"
    assert main(["--data-dir", root, "dossier", "return", code]) == 0

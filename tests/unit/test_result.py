"""The result and its return: result ready (granted or refused), returned to the owner, an authorised
person or by post, delivered; bad input leaves the dossier as it was."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from desktop.core.errors import ValidationError
from desktop.core.timeliness import Timeliness, timeliness
from desktop.core.timeutil import VN_TZ
from desktop.services.accounts import SignedIn
from desktop.services.followup import hand_over
from desktop.services.intake import receive_dossier
from desktop.services.result import (
    Receiver,
    ReceiverKind,
    post_result,
    record_delivery,
    record_result,
    return_result,
)
from desktop.store.engine import Store
from desktop.store.events import typed
from desktop.store.models import Dossier, Event
from sync.events import ResultDelivered, ResultReady, ResultReturned, TypedEvent, read_event
from tests.factories import intake_draft

MONDAY_9 = datetime(2026, 10, 5, 9, 0, tzinfo=VN_TZ)


@pytest.fixture
def processing(ready_store: tuple[Store, SignedIn]) -> tuple[Store, SignedIn, str]:
    store, officer = ready_store
    code = receive_dossier(store, officer, intake_draft(store), received_at=MONDAY_9).code
    hand_over(store, officer, code, "Công chức Tư pháp - Hộ tịch", at=MONDAY_9 + timedelta(hours=1))
    return store, officer, code


def _row(store: Store, code: str) -> Dossier:
    with store.session() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.code == code)).one()
        session.expunge(dossier)
        return dossier


def _last(store: Store, code: str) -> tuple[TypedEvent, int]:
    with store.session() as session:
        dossier_id = session.scalars(select(Dossier.id).where(Dossier.code == code)).one()
        rows = list(session.scalars(select(Event).where(Event.dossier_id == dossier_id).order_by(Event.seq)))
        return typed(rows[-1]), len(rows)


def test_timeliness_against_the_appointment() -> None:
    due = datetime(2026, 10, 8, 17, 0, tzinfo=VN_TZ)
    assert timeliness(due - timedelta(days=1), due) is Timeliness.EARLY
    assert timeliness(due - timedelta(hours=7), due) is Timeliness.ON_TIME
    assert timeliness(due, due) is Timeliness.ON_TIME
    assert timeliness(due + timedelta(minutes=1), due) is Timeliness.LATE
    assert timeliness(None, due) is None and timeliness(due, None) is None


def test_a_granted_result_ends_processing_and_records_the_document(processing) -> None:  # type: ignore[no-untyped-def]
    store, officer, code = processing
    ready = MONDAY_9 + timedelta(days=1)
    state = record_result(
        store, officer, code, document_number="25/QĐ-UBND", signer="Trần Văn Bình",
        issued_at=ready - timedelta(hours=2), at=ready,
    )  # fmt: skip
    assert (state.status, state.status_code) == ("result_ready", 9)
    row = _row(store, code)
    assert row.finished_at == ready and row.result_ready_at == ready
    assert (row.result_kind, row.result_number, row.delivery_status) == (
        "granted",
        "25/QĐ-UBND",
        "at_counter",
    )
    event, _ = _last(store, code)
    assert isinstance(event, ResultReady)
    assert (event.result_kind, event.signer, event.document_number) == (
        "granted",
        "Trần Văn Bình",
        "25/QĐ-UBND",
    )
    assert event.issued_at == ready - timedelta(hours=2) and event.refused_reason == ""


def test_a_refused_result_keeps_its_reason_and_a_scan(processing, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image, ImageDraw

    store, officer, code = processing
    scan = tmp_path / "ket-qua.png"
    image = Image.new("L", (850, 1100), 255)
    ImageDraw.Draw(image).rectangle((100, 200, 700, 260), fill=0)  # ink, so it is not dropped as blank
    image.save(scan)
    record_result(
        store,
        officer,
        code,
        refused_reason="Không đủ điều kiện cấp",
        scan=scan,
        at=MONDAY_9 + timedelta(days=2),
    )
    event, _ = _last(store, code)
    assert isinstance(event, ResultReady) and event.result_kind == "refused"
    assert event.refused_reason == "Không đủ điều kiện cấp"
    assert len(event.result_file_sha256) == 64 and event.result_file_pages == 1
    assert (store.profile.attachments_dir).exists() and _row(store, code).result_kind == "refused"


def test_return_to_the_owner_prefills_the_applicant(processing) -> None:  # type: ignore[no-untyped-def]
    store, officer, code = processing
    with pytest.raises(ValidationError, match="'Đang xử lý', không thể trả kết quả"):
        return_result(store, officer, code)
    record_result(store, officer, code, at=MONDAY_9 + timedelta(days=1))
    returned = MONDAY_9 + timedelta(days=2)
    state = return_result(
        store, officer, code, Receiver(originals_returned="Giấy khai sinh (bản chính)"), at=returned
    )
    assert (state.status, state.status_code) == ("returned", 10)
    row = _row(store, code)
    assert row.returned_at == returned and row.finished_at == MONDAY_9 + timedelta(
        days=1
    )  # a return never moves it
    event, _ = _last(store, code)
    assert isinstance(event, ResultReturned)
    assert (event.receiver_kind, event.receiver) == ("owner", "Nguyễn Văn Mẫu")
    assert event.receiver_id_number and event.originals_returned == "Giấy khai sinh (bản chính)"


@pytest.mark.parametrize(
    ("receiver", "message"),
    [
        (Receiver(ReceiverKind.OTHER, "", "001090000123"), "Hãy nhập họ tên người nhận kết quả."),
        (Receiver(ReceiverKind.OTHER, "Lê Thị Hoa", " "), "Hãy nhập số giấy tờ tùy thân"),
        (Receiver(ReceiverKind.AUTHORISED, "Lê Thị Hoa", "001090000123"), "giấy ủy quyền"),
    ],
)
def test_a_return_to_someone_else_needs_their_name_id_and_authorisation(
    processing,
    receiver: Receiver,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    store, officer, code = processing
    record_result(store, officer, code, at=MONDAY_9 + timedelta(days=1))
    before = _last(store, code)[1]
    with pytest.raises(ValidationError, match=message):
        return_result(store, officer, code, receiver, at=MONDAY_9 + timedelta(days=2))
    assert _row(store, code).status == "result_ready" and _last(store, code)[1] == before
    authorised = Receiver(
        ReceiverKind.AUTHORISED, "Lê Thị Hoa", "001090000123", "Giấy ủy quyền số 12 ngày 01/10/2026"
    )
    return_result(store, officer, code, authorised, at=MONDAY_9 + timedelta(days=2))
    event, _ = _last(store, code)
    assert isinstance(event, ResultReturned) and event.authorisation.startswith("Giấy ủy quyền số 12")


def test_by_post_only_for_a_postal_dossier_then_delivered(processing) -> None:  # type: ignore[no-untyped-def]
    store, officer, code = processing
    record_result(store, officer, code, at=MONDAY_9 + timedelta(days=1))
    with pytest.raises(ValidationError, match="không gửi qua bưu chính"):
        post_result(store, officer, code, "EV123456789VN")
    with store.transaction() as session:
        session.execute(update(Dossier).where(Dossier.code == code).values(delivery="postal"))
    with pytest.raises(ValidationError, match="mã vận đơn"):
        post_result(store, officer, code, "  ")
    posted = MONDAY_9 + timedelta(days=2)
    state = post_result(store, officer, code, "EV123456789VN", at=posted)
    assert state.status_code == 10 and _row(store, code).delivery_status == "with_post"
    with pytest.raises(ValidationError, match="không được trước lúc gửi bưu chính"):
        record_delivery(store, officer, code, delivered_at=posted - timedelta(hours=1))
    record_delivery(store, officer, code, delivered_at=posted + timedelta(days=1))
    assert _row(store, code).delivery_status == "delivered"
    with pytest.raises(ValidationError, match="đã được phát"):
        record_delivery(store, officer, code)


def test_events_written_before_the_result_fields_still_load() -> None:
    old = read_event("result_ready", {"code": "X", "status": "result_ready", "status_code": 9,
                                      "result_ready_at": "2026-10-05T09:00:00+07:00", "previous_status": "processing"})  # fmt: skip
    assert isinstance(old, ResultReady) and old.result_kind == "granted"
    assert old.to_payload() == {"code": "X", "status": "result_ready", "status_code": 9,
                                "result_ready_at": "2026-10-05T09:00:00+07:00", "previous_status": "processing"}  # fmt: skip
    returned = read_event("result_returned", {"returned_at": "2026-10-05T09:00:00+07:00", "receiver": ""})
    assert isinstance(returned, ResultReturned) and returned.receiver_kind == ""


def test_nothing_is_written_when_the_dossier_is_unknown(ready_store) -> None:  # type: ignore[no-untyped-def]
    store, officer = ready_store
    with pytest.raises(Exception, match="Không tìm thấy hồ sơ"):
        record_result(store, officer, "H01-000000-0000")
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == 0


def test_the_result_hand_over_receipt_reads_back_in_vietnamese(processing) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.printing import PrintJob, produce
    from tests.pdfcheck import pdf_text

    store, officer, code = processing
    record_result(store, officer, code, document_number="25/QĐ-UBND", signer="Trần Văn Bình",
                  issued_at=MONDAY_9 + timedelta(days=1), at=MONDAY_9 + timedelta(days=1, hours=1))  # fmt: skip
    with pytest.raises(ValidationError, match="chưa được trả kết quả"):
        produce(store, PrintJob("handback", code))
    authorised = Receiver(
        ReceiverKind.AUTHORISED,
        "Lê Thị Hoa",
        "001090000123",
        "Giấy ủy quyền số 12",
        "Bản chính giấy khai sinh",
    )
    return_result(store, officer, code, authorised, at=MONDAY_9 + timedelta(days=2, hours=1))
    text = " ".join(pdf_text(produce(store, PrintJob("handback", code)).pdf).split())
    assert "BIÊN NHẬN TRẢ KẾT QUẢ GIẢI QUYẾT HỒ SƠ" in text and code in text
    assert "Kết quả: Chấp thuận" in text
    assert "Văn bản kết quả số 25/QĐ-UBND, người ký: Trần Văn Bình" in text
    assert "Người nhận kết quả: Lê Thị Hoa (người được ủy quyền), số giấy tờ tùy thân: 001090000123" in text
    assert "giấy ủy quyền: Giấy ủy quyền số 12" in text
    assert "Giấy tờ bản chính trả lại: Bản chính giấy khai sinh" in text
    assert "Thời gian trả kết quả: 10 giờ 00 phút, ngày 07 tháng 10 năm 2026" in text
    assert "Trước hạn" in text  # ready on 06/10, due 12/10
    assert "NGƯỜI NHẬN KẾT QUẢ" in text and "Nguyễn Thị Hằng" in text  # the officer who handed it over


@pytest.mark.parametrize(
    "lookup", ["", "https://dichvucong.gialai.gov.vn/tra-cuu?ma={code}", "https://x.vn/hs/{code}"]
)
def test_the_code_comes_back_from_the_receipt_qr(lookup: str) -> None:
    from desktop.forms.codes import code_in_scan, qr_payload

    for code in ("H01-261005-5000", "000.00.12.H22-261231-0001"):
        assert code_in_scan(qr_payload(code, lookup)) == code
    assert code_in_scan("8935049500018") == "" and code_in_scan("") == ""


def test_returnable_names_the_dossier_or_says_why_not(processing) -> None:  # type: ignore[no-untyped-def]
    from desktop.core.errors import NotFoundError
    from desktop.services.result import returnable

    store, officer, code = processing
    with pytest.raises(ValidationError, match="'Đang xử lý', không thể trả kết quả"):
        returnable(store, code)
    with pytest.raises(NotFoundError, match="Không có hồ sơ mã H99-261005-5999"):
        returnable(store, "H99-261005-5999")
    record_result(store, officer, code, at=MONDAY_9 + timedelta(days=1))
    assert returnable(store, f" {code}\n") == _row(store, code).id


def test_a_moment_in_the_future_is_refused(processing, clock) -> None:  # type: ignore[no-untyped-def]
    store, officer, code = processing
    clock.set(datetime(2026, 10, 7, 9, 0))
    with pytest.raises(ValidationError, match="không được ở tương lai"):
        record_result(store, officer, code, at=datetime(2026, 10, 8, 9, 0, tzinfo=VN_TZ))
    assert _row(store, code).status == "processing"
    record_result(store, officer, code)  # now: the pinned clock
    assert _row(store, code).result_ready_at == datetime(2026, 10, 7, 9, 0, tzinfo=VN_TZ)


def _posted(processing, clock, posted: datetime) -> tuple[Store, SignedIn, str]:  # type: ignore[no-untyped-def]
    """Friday 09/10/2026 10:00: the result ready on Tuesday, handed to the post at `posted`."""
    store, officer, code = processing
    clock.set(datetime(2026, 10, 9, 10, 0))
    record_result(store, officer, code, at=MONDAY_9 + timedelta(days=1))
    with store.transaction() as session:
        session.execute(update(Dossier).where(Dossier.code == code).values(delivery="postal"))
    post_result(store, officer, code, "EV123456789VN", at=posted)
    return store, officer, code


def test_a_delivery_day_is_recorded_with_its_note_never_after_today(processing, clock) -> None:  # type: ignore[no-untyped-def]
    store, officer, code = _posted(processing, clock, datetime(2026, 10, 7, 16, 0, tzinfo=VN_TZ))
    with pytest.raises(ValidationError, match=r"\(10/10/2026\) không được sau hôm nay \(09/10/2026\)"):
        record_delivery(store, officer, code, delivered_at=date(2026, 10, 10))
    with pytest.raises(ValidationError, match="không được trước lúc gửi bưu chính"):
        record_delivery(store, officer, code, delivered_at=date(2026, 10, 6))
    assert _row(store, code).delivery_status == "with_post"
    record_delivery(store, officer, code, delivered_at=date(2026, 10, 7), note="  Bà Hoa ký nhận ")
    event, _ = _last(store, code)
    assert isinstance(event, ResultDelivered)  # the day it was posted, after the posting: its last minute
    assert (event.delivered_at, event.note) == (datetime(2026, 10, 7, 23, 59, tzinfo=VN_TZ), "Bà Hoa ký nhận")
    assert _row(store, code).delivery_status == "delivered" and _row(store, code).status == "returned"


def test_a_delivery_today_is_recorded_now(processing, clock) -> None:  # type: ignore[no-untyped-def]
    store, officer, code = _posted(processing, clock, datetime(2026, 10, 9, 8, 0, tzinfo=VN_TZ))
    record_delivery(store, officer, code, delivered_at=date(2026, 10, 9))
    event, _ = _last(store, code)
    assert isinstance(event, ResultDelivered) and event.delivered_at == datetime(
        2026, 10, 9, 10, 0, tzinfo=VN_TZ
    )
    assert event.to_payload()["note"] == ""

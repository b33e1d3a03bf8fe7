"""Receiving a dossier, requesting a supplement, resuming, refusing: rows and events in a real store."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from desktop.core.errors import ValidationError
from desktop.core.timeutil import VN_TZ
from desktop.services.accounts import SignedIn
from desktop.services.attachments import blob_store
from desktop.services.drafts import discard_draft, latest_draft, save_draft
from desktop.services.intake import (
    MissingItem,
    receive_dossier,
    receive_incomplete,
    refuse,
    refuse_at_intake,
    request_supplement,
    supplement_received,
)
from desktop.services.intake_draft import MAX_ADDRESS, AttachmentRef, DocumentDraft, IntakeDraft
from desktop.services.intake_lookup import filter_choices, load_intake_context
from desktop.services.intake_validate import DraftInvalid
from desktop.store.engine import Store
from desktop.store.events import typed
from desktop.store.models import Applicant, Attachment, DocumentLine, Dossier, DossierPause, Draft, Event
from desktop.store.queries import fetch_page
from sync.events import Received, Refused, SupplementReceived, SupplementRequested
from tests.factories import intake_draft

MONDAY_9 = datetime(2026, 10, 5, 9, 0, tzinfo=VN_TZ)
MISSING_1193 = (  # the required papers of birth registration
    "Tờ khai đăng ký khai sinh theo mẫu",
    "Giấy chứng sinh hoặc văn bản của người làm chứng xác nhận về việc sinh",
)


def make_draft(store: Store, code: str = "1.004884", **applicant: str) -> IntakeDraft:
    return intake_draft(store, code, **{"email": "mau@example.vn", **applicant})


def test_receive_writes_dossier_applicant_lines_and_event(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    draft = make_draft(store)
    draft.documents.append(DocumentDraft("Giấy ủy quyền", originals=1))
    result = receive_dossier(store, officer, draft, received_at=MONDAY_9)

    assert result.code == "H21.55.10-261005-5000"
    assert result.due_at == datetime(2026, 10, 12, 9, 0, tzinfo=VN_TZ)  # 5 working days
    assert result.status == "received" and result.status_code == 2
    with store.session() as session:
        dossier = session.get(Dossier, result.id)
        assert dossier is not None
        assert dossier.applicant.full_name == "Nguyễn Văn Mẫu"
        assert dossier.applicant.phone == "0912345678"
        assert dossier.applicant.date_of_birth == date(1991, 3, 12)
        assert [line.name for line in dossier.documents][-1] == "Giấy ủy quyền"
        assert dossier.documents[-1].procedure_document_id is None
        assert dossier.time_rule["amount"] == 5 and dossier.time_rule["unit"] == "days"
        assert dossier.calendar_version
        assert "nguyen van mau" in dossier.search_text and "0912345678" in dossier.search_text
        events = list(session.scalars(select(Event).where(Event.dossier_id == result.id)))
        assert [(e.seq, e.type) for e in events] == [(1, "received")]
        received = typed(events[0])
        assert isinstance(received, Received)
        assert received.code == result.code and received.procedure.code == "1.004884"
        assert received.applicant.id_number == "064091234567" and received.status_code == 2
        assert received.received_at == MONDAY_9 and received.due_at == datetime(
            2026, 10, 12, 9, 0, tzinfo=VN_TZ
        )
        assert received.time_rule["unit"] == "days"
        assert (received.channel, received.delivery) == ("direct", "counter")
        # the stored JSON (what the event hash covers) keeps the shape of every earlier release
        payload = json.loads(json.dumps(events[0].payload))
        assert payload == received.to_payload()
        assert payload["received_at"] == "2026-10-05T09:00:00+07:00"
        assert payload["documents"][-1] == {
            "position": len(dossier.documents),
            "name": "Giấy ủy quyền",
            "originals": 1,
            "copies": 0,
            "received": True,
            "procedure_document_id": None,
            "procedure_document_code": "",
            "missing_note": "",
            "attachments": [],
        }
        assert [r.code for r in fetch_page(session, 0, 5, "nguyen van mau")] == [result.code]
        assert [r.code for r in fetch_page(session, 0, 5, "0912345678")] == [result.code]


def test_codes_increase_and_sameday_cutoff(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    late = datetime(2026, 10, 5, 15, 30, tzinfo=VN_TZ)
    first = receive_dossier(store, officer, make_draft(store, "2.000815"), received_at=MONDAY_9)
    second = receive_dossier(store, officer, make_draft(store, "2.000815"), received_at=late)
    assert first.code.endswith("-5000") and second.code.endswith("-5001")
    assert first.due_at == datetime(2026, 10, 5, 17, 0, tzinfo=VN_TZ)
    assert second.due_at == datetime(2026, 10, 6, 17, 0, tzinfo=VN_TZ)  # after 15:00: next working day
    at_three = datetime(2026, 10, 5, 15, 0, tzinfo=VN_TZ)
    third = receive_dossier(store, officer, make_draft(store, "2.000815"), received_at=at_three)
    assert third.due_at == datetime(2026, 10, 5, 17, 0, tzinfo=VN_TZ)  # at 15:00 exactly: still the same day


def test_invalid_draft_lists_every_problem_and_saves_nothing(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    draft = make_draft(
        store, full_name="", id_number="123", phone="12345", email="x@", date_of_birth="31/02/1990"
    )
    draft.procedure_code = ""
    with pytest.raises(DraftInvalid) as caught:
        receive_dossier(store, officer, draft, received_at=MONDAY_9)
    assert set(caught.value.errors) == {
        "procedure_code",
        "applicant.full_name",
        "applicant.id_number",
        "applicant.phone",
        "applicant.email",
        "applicant.date_of_birth",
    }
    assert "12 chữ số" in caught.value.errors["applicant.id_number"]
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == 0
        assert session.scalar(select(func.count()).select_from(Applicant)) == 0


def test_missing_required_paper_is_refused(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    draft = make_draft(store, "1.001193")
    draft.documents[0].received = False
    with pytest.raises(DraftInvalid) as caught:
        receive_dossier(store, officer, draft, received_at=MONDAY_9)
    assert "Tờ khai đăng ký khai sinh" in caught.value.errors["documents"]


def test_walk_in_missing_papers_is_recorded_for_a_supplement_with_the_clock_paused(
    ready_store: tuple[Store, SignedIn],
) -> None:
    store, officer = ready_store
    draft = make_draft(store, "1.001193")
    for doc in draft.documents:
        doc.received = False  # the citizen brought none of the papers
    with pytest.raises(ValidationError, match="lý do"):
        receive_incomplete(store, officer, draft, " ", received_at=MONDAY_9)
    result = receive_incomplete(store, officer, draft, "Thiếu tờ khai", received_at=MONDAY_9)
    assert (result.status, result.status_code) == ("supplement_requested", 5)
    with store.session() as session:
        dossier = session.get(Dossier, result.id)
        assert dossier is not None and dossier.reason == "Thiếu tờ khai"
        required = [line for line in dossier.documents if line.procedure_document_id is not None]
        missing = [line for line in dossier.documents if line.missing_note]
        assert missing and all(not line.received for line in missing)
        assert [line.name for line in missing] == [
            line.name for line in required if line.name in MISSING_1193
        ]
        pause = session.scalars(select(DossierPause)).one()
        assert pause.started_at == MONDAY_9 and pause.ended_at is None
        events = list(session.scalars(select(Event).where(Event.dossier_id == result.id).order_by(Event.seq)))
        assert [e.type for e in events] == ["received", "supplement_requested"]
        requested = typed(events[1])
        assert isinstance(requested, SupplementRequested)
        assert requested.status_code == 5 and requested.reason == "Thiếu tờ khai"
        assert [m.name for m in requested.missing] == list(MISSING_1193)
    thursday = datetime(2026, 10, 8, 9, 0, tzinfo=VN_TZ)
    resumed = supplement_received(store, officer, result.id, at=thursday)
    assert (resumed.status, resumed.status_code) == ("received", 2)
    assert resumed.due_at is not None and resumed.due_at > result.due_at  # the clock starts on Thursday
    with store.session() as session:
        dossier = session.get(Dossier, result.id)
        assert dossier is not None and all(line.received for line in dossier.documents if line.missing_note)


def test_walk_in_with_every_paper_needs_no_supplement(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    with pytest.raises(ValidationError, match="đủ giấy tờ"):
        receive_incomplete(store, officer, make_draft(store, "1.001193"), "x", received_at=MONDAY_9)
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == 0


def test_walk_in_refused_at_the_counter(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    draft = make_draft(store, "1.001193")
    draft.documents[0].received = False
    with pytest.raises(ValidationError, match="lý do"):
        refuse_at_intake(store, officer, draft, "", received_at=MONDAY_9)
    result = refuse_at_intake(store, officer, draft, "Không thuộc thẩm quyền", received_at=MONDAY_9)
    assert (result.status, result.status_code) == ("refused", 3)
    with store.session() as session:
        dossier = session.get(Dossier, result.id)
        assert dossier is not None
        assert (dossier.reason, dossier.finished_at) == ("Không thuộc thẩm quyền", MONDAY_9)
        assert session.scalar(select(func.count()).select_from(DossierPause)) == 0
        events = list(session.scalars(select(Event).where(Event.dossier_id == result.id).order_by(Event.seq)))
        assert [e.type for e in events] == ["received", "refused"]
        refused = typed(events[1])
        assert isinstance(refused, Refused) and refused.status_code == 3 and refused.at == MONDAY_9


def test_a_receipt_in_a_year_without_official_schedule_is_warned(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    result = receive_dossier(
        store, officer, make_draft(store), received_at=datetime(2027, 1, 5, 9, 0, tzinfo=VN_TZ)
    )
    assert (
        "Chưa có lịch nghỉ chính thức năm 2027: ngày hẹn tính theo ngày lễ luật định, hãy kiểm tra."
        in result.warnings
    )
    late_2026 = receive_dossier(
        store, officer, make_draft(store), received_at=datetime(2026, 12, 30, 16, 0, tzinfo=VN_TZ)
    )
    assert late_2026.due_at.year == 2027 and any("năm 2027" in w for w in late_2026.warnings)
    covered = receive_dossier(store, officer, make_draft(store), received_at=MONDAY_9)
    assert not any("lịch nghỉ" in w for w in covered.warnings)


def test_hostile_text_is_cleaned_and_an_overlong_value_refused(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    nfd_name = "Nguye\u0302\u0303n\u0007 Văn 😀 Mẫu"
    draft = make_draft(store, full_name=nfd_name, address="x" * 10_000_000)
    draft.notes = "ghi chú\x00\x1b[31m đỏ"
    with pytest.raises(DraftInvalid) as refused:  # over its limit: refused with the limit said, never cut
        receive_dossier(store, officer, draft, received_at=MONDAY_9)
    assert refused.value.errors == {
        "applicant.address": f"Địa chỉ dài 10000000 ký tự, tối đa {MAX_ADDRESS} ký tự: hãy rút gọn."
    }
    draft.applicant.address = "Thôn 2,   xã Ia Grai " + " " * 400  # over the limit only before cleaning
    result = receive_dossier(store, officer, draft, received_at=MONDAY_9)
    with store.session() as session:
        dossier = session.get(Dossier, result.id)
        assert dossier is not None
        assert dossier.applicant.full_name == "Nguyễn Văn 😀 Mẫu"
        assert dossier.applicant.address == "Thôn 2, xã Ia Grai"
        assert "\x00" not in dossier.notes and "\x1b" not in dossier.notes


def test_id_warnings_do_not_block(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    result = receive_dossier(store, officer, make_draft(store, gender="female"), received_at=MONDAY_9)
    assert any("giới tính" in w for w in result.warnings)


def test_attachment_refs_are_linked(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    draft = make_draft(store)
    blob = blob_store(store).put(b"%PDF-1.4 two pages", pages=2)
    ref = {"sha256": blob.sha256, "pages": 2, "size": blob.size, "profile": "text", "source": "sane:test:0"}
    draft.documents[0].attachments.append(AttachmentRef.from_dict(ref))  # type: ignore[arg-type]
    result = receive_dossier(store, officer, draft, received_at=MONDAY_9)
    assert result.warnings == ()
    with store.session() as session:
        attachment = session.scalars(select(Attachment)).one()
        assert attachment.dossier_id == result.id and attachment.pages == 2
        assert attachment.document_line_id is not None
        line = session.get(DocumentLine, attachment.document_line_id)
        assert line is not None and line.position == 1
        event = session.scalars(select(Event)).one()
        received = typed(event)
        assert isinstance(received, Received)
        assert received.documents[0].attachments[0].sha256 == blob.sha256


def test_a_scan_missing_from_the_store_is_not_linked_and_the_officer_is_told(
    ready_store: tuple[Store, SignedIn],
) -> None:
    store, officer = ready_store
    draft = make_draft(store)
    ref = {"sha256": "ab" * 32, "pages": 2, "size": 12345, "profile": "text", "source": "sane:test:0"}
    draft.documents[0].attachments.append(AttachmentRef.from_dict(ref))  # type: ignore[arg-type]
    result = receive_dossier(store, officer, draft, received_at=MONDAY_9)
    assert any("quét lại" in w and draft.documents[0].name in w for w in result.warnings)
    with store.session() as session:
        assert session.scalars(select(Attachment)).all() == []
        assert session.get(Dossier, result.id) is not None


def test_supplement_pauses_clock_and_resume_moves_due(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    result = receive_dossier(store, officer, make_draft(store), received_at=MONDAY_9)
    tuesday = datetime(2026, 10, 6, 9, 0, tzinfo=VN_TZ)
    thursday = datetime(2026, 10, 8, 9, 0, tzinfo=VN_TZ)
    with pytest.raises(ValidationError, match="lý do"):
        request_supplement(store, officer, result.id, [MissingItem("thiếu", position=1)], "  ")
    state = request_supplement(
        store,
        officer,
        result.id,
        [MissingItem("Bản sao chưa chứng thực", position=1), MissingItem("Cần bổ sung", name="Sổ hộ khẩu")],
        "Thiếu giấy tờ",
        at=tuesday,
    )
    assert (state.status, state.status_code) == ("supplement_requested", 5)
    with pytest.raises(ValidationError):
        request_supplement(store, officer, result.id, [MissingItem("x", position=1)], "lại", at=tuesday)
    resumed = supplement_received(store, officer, result.id, at=thursday)
    assert (resumed.status, resumed.status_code) == ("received", 2)
    assert resumed.due_at == datetime(2026, 10, 14, 9, 0, tzinfo=VN_TZ)  # +2 working days paused
    with store.session() as session:
        pause = session.scalars(select(DossierPause)).one()
        assert pause.started_at == tuesday and pause.ended_at == thursday
        dossier = session.get(Dossier, result.id)
        assert dossier is not None
        assert dossier.documents[-1].name == "Sổ hộ khẩu" and dossier.documents[-1].received
        events = list(session.scalars(select(Event).where(Event.dossier_id == result.id).order_by(Event.seq)))
        assert [e.type for e in events] == ["received", "supplement_requested", "supplement_received"]
        requested, back = typed(events[1]), typed(events[2])
        assert isinstance(requested, SupplementRequested) and isinstance(back, SupplementReceived)
        assert requested.status_code == 5 and requested.missing[1].name == "Sổ hộ khẩu"
        assert back.due_at == datetime(2026, 10, 14, 9, 0, tzinfo=VN_TZ)
        assert back.previous_due_at == datetime(2026, 10, 12, 9, 0, tzinfo=VN_TZ)
        assert events[2].prev_hash == events[1].hash


def test_refuse(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    result = receive_dossier(store, officer, make_draft(store), received_at=MONDAY_9)
    with pytest.raises(ValidationError, match="lý do"):
        refuse(store, officer, result.code, "")
    state = refuse(store, officer, result.code, "Không thuộc thẩm quyền của xã", at=MONDAY_9)
    assert (state.status, state.status_code) == ("refused", 3)
    with pytest.raises(ValidationError, match="không thể"):
        refuse(store, officer, result.code, "lần nữa")
    with store.session() as session:
        event = session.scalars(select(Event).where(Event.type == "refused")).one()
        refused = typed(event)
        assert isinstance(refused, Refused)
        assert (refused.reason, refused.status_code, refused.at) == (
            "Không thuộc thẩm quyền của xã",
            3,
            MONDAY_9,
        )


def test_drafts_round_trip_and_are_deleted_on_save(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    assert latest_draft(store, officer) is None
    draft = make_draft(store)
    draft_id = save_draft(store, officer, draft)
    draft.notes = "đã sửa"
    assert save_draft(store, officer, draft, draft_id) == draft_id
    saved = latest_draft(store, officer)
    assert saved is not None and saved.draft == IntakeDraft.from_dict(draft.to_dict())
    receive_dossier(store, officer, saved.draft, received_at=MONDAY_9, draft_id=saved.id)
    assert latest_draft(store, officer) is None
    other = save_draft(store, officer, IntakeDraft(notes="x"))
    discard_draft(store, other)
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Draft)) == 0


def test_picker_recent_first_and_diacritics_insensitive(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    receive_dossier(store, officer, make_draft(store, "2.000815"), received_at=MONDAY_9)
    context = load_intake_context(store, officer)
    assert context.choices[0].code == "2.000815" and context.choices[0].recent
    names = [c.name for c in filter_choices(context.choices, "dang ky khai sinh")]
    assert "Đăng ký khai sinh" in names
    codes = [c.code for c in filter_choices(context.choices, "ĐĂNG KÝ KẾT HÔN")]
    assert (
        codes[0] == "1.000894" and "1.004746" in codes
    )  # then "… kết hôn lưu động", "… có yếu tố nước ngoài"
    assert [c.code for c in filter_choices(context.choices, "lai ket hon")][0] == "1.004746"
    assert filter_choices(context.choices, "1.0011")[0].code == "1.001193"
    assert context.due_for("1.004884", MONDAY_9) == datetime(2026, 10, 12, 9, 0, tzinfo=VN_TZ)


def test_address_composed_from_new_units(ready_store: tuple[Store, SignedIn]) -> None:
    from desktop.services.addresses import provinces, wards

    store, officer = ready_store
    gia_lai = next(p for p in provinces() if p.name == "Tỉnh Gia Lai")
    ia_grai = next(w for w in wards(gia_lai.code) if w.name == "Xã Ia Grai")
    draft = make_draft(store, address="Thôn 1", province_code=gia_lai.code, ward_code=ia_grai.code)
    result = receive_dossier(store, officer, draft, received_at=MONDAY_9)
    with store.session() as session:
        dossier = session.get(Dossier, result.id)
        assert dossier is not None
        assert dossier.applicant.address == "Thôn 1, Xã Ia Grai, Tỉnh Gia Lai"
        assert dossier.applicant.ward_code == ia_grai.code
    assert len(provinces()) == 34


def test_a_one_minute_supplement_pause_keeps_a_sameday_dossier_due_the_same_day(
    ready_store: tuple[Store, SignedIn],
) -> None:
    store, officer = ready_store
    result = receive_dossier(store, officer, make_draft(store, "1.001193"), received_at=MONDAY_9)
    closing = datetime(2026, 10, 5, 17, 0, tzinfo=VN_TZ)
    assert result.due_at == closing  # birth registration: the same day (received before 15:00)
    missing = [MissingItem("Thiếu chữ ký", position=1)]
    request_supplement(
        store, officer, result.id, missing, "Thiếu", at=datetime(2026, 10, 5, 10, 0, tzinfo=VN_TZ)
    )
    resumed = supplement_received(store, officer, result.id, at=datetime(2026, 10, 5, 10, 1, tzinfo=VN_TZ))
    assert resumed.due_at == closing  # not 07:31 the next morning
    request_supplement(
        store, officer, result.id, missing, "Lại thiếu", at=datetime(2026, 10, 5, 14, 0, tzinfo=VN_TZ)
    )
    resumed = supplement_received(store, officer, result.id, at=datetime(2026, 10, 5, 15, 20, tzinfo=VN_TZ))
    assert resumed.due_at == datetime(2026, 10, 6, 17, 0, tzinfo=VN_TZ)  # complete after 15:00: next day

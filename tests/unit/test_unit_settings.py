"""Unit settings after setup: validation, one transaction, and their effect on the receipt and the clock."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest

from desktop.core.errors import ValidationError
from desktop.core.timeutil import VN_TZ
from desktop.services.accounts import SignedIn, complete_setup
from desktop.services.intake import receive_dossier
from desktop.services.printing import PrintJob, render
from desktop.services.unit_settings import (
    UnitChanges,
    load_unit_settings,
    parse_office_hours,
    update_unit_settings,
)
from desktop.store.engine import Store
from tests.conftest import DEMO_SETUP
from tests.pdfcheck import decode, pdf_text
from tests.unit.test_intake_services import MONDAY_9, make_draft

LOOKUP = "https://dichvucong.gialai.gov.vn/tra-cuu?ma={code}"


def test_defaults_after_setup(ready_store: tuple[Store, SignedIn]) -> None:
    store, _officer = ready_store
    unit = load_unit_settings(store)
    assert (unit.code, unit.name, unit.province) == ("H21.55.10", "Xã Ia Grai", "Gia Lai")
    assert unit.office_hours == "07:30-11:30,13:30-17:00"
    assert unit.lookup_url == "" and unit.register_book == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Hãy nhập giờ làm việc"),
        ("7h30-11h30", "không đúng dạng"),
        ("07:30-11:30,13:30-17:00,18:00-20:00", "tối đa hai buổi"),
        ("11:30-07:30", "giờ bắt đầu phải trước giờ kết thúc"),
        ("13:30-17:00,07:30-11:30", "Buổi sáng phải kết thúc trước khi buổi chiều bắt đầu"),
        ("07:30-14:00,13:30-17:00", "Buổi sáng phải kết thúc trước khi buổi chiều bắt đầu"),
        ("07:30-11:30,13:30-24:00", "giờ không hợp lệ"),
        ("07:75-11:30", "giờ không hợp lệ"),
    ],
)
def test_bad_office_hours_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as caught:
        parse_office_hours(text)
    assert caught.value.field == "office_hours"


def test_office_hours_accept_one_or_two_sessions_and_spaces() -> None:
    assert parse_office_hours(" 7:30 - 11:30 , 13:00-16:30 ").to_dict() == {
        "sessions": [["07:30", "11:30"], ["13:00", "16:30"]]
    }
    assert parse_office_hours("08:00-12:00").to_dict() == {"sessions": [["08:00", "12:00"]]}


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("dichvucong.gialai.gov.vn/{code}", "http:// hoặc https://"),
        ("ftp://dichvucong.gialai.gov.vn/{code}", "http:// hoặc https://"),
        ("https://dichvucong.gialai.gov.vn/tra-cuu", "chỗ {code}"),
        ("https:///{code}", "http:// hoặc https://"),
    ],
)
def test_bad_lookup_urls_are_refused_and_nothing_is_written(
    ready_store: tuple[Store, SignedIn], url: str, message: str
) -> None:
    store, officer = ready_store
    with pytest.raises(ValidationError, match=message) as caught:
        update_unit_settings(
            store, UnitChanges(office_hours="08:00-11:00", register_book="09", lookup_url=url), officer
        )
    assert caught.value.field == "lookup_url"
    unit = load_unit_settings(store)
    assert unit.office_hours == "07:30-11:30,13:30-17:00" and unit.register_book == ""  # all or nothing


def test_province_is_required_at_setup_and_after(store: Store) -> None:
    with pytest.raises(ValidationError, match="tỉnh/thành phố") as caught:
        complete_setup(store, dataclasses.replace(DEMO_SETUP, province="  "))
    assert caught.value.field == "province"
    officer = complete_setup(store, DEMO_SETUP)
    with pytest.raises(ValidationError, match="tỉnh/thành phố"):
        update_unit_settings(store, UnitChanges(province=""), officer)
    assert update_unit_settings(store, UnitChanges(province="Quảng Ngãi"), officer).province == "Quảng Ngãi"


def test_only_an_administrator_may_change_the_unit(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    with pytest.raises(ValidationError, match="Chỉ quản trị viên"):
        update_unit_settings(
            store, UnitChanges(register_book="02"), dataclasses.replace(officer, role="officer")
        )
    assert load_unit_settings(store).register_book == ""


def test_receipt_prints_the_register_book_and_the_qr_carries_the_lookup_url(
    ready_store: tuple[Store, SignedIn],
) -> None:
    store, officer = ready_store
    before = receive_dossier(store, officer, make_draft(store), received_at=MONDAY_9)
    assert "Quyển số: ……" in pdf_text(render(store, PrintJob("receipt", before.code))[0])
    saved = update_unit_settings(store, UnitChanges(lookup_url=LOOKUP, register_book="03/2026"), officer)
    assert (saved.lookup_url, saved.register_book) == (LOOKUP, "03/2026")

    after = receive_dossier(store, officer, make_draft(store), received_at=MONDAY_9)
    pdf = render(store, PrintJob("receipt", after.code))[0]
    assert "Quyển số: 03/2026" in pdf_text(pdf)
    assert ("QRCode", LOOKUP.replace("{code}", after.code)) in decode(pdf)
    # the earlier dossier keeps the book it was (not) entered in; its QR now carries the address too
    old = render(store, PrintJob("receipt", before.code))[0]
    assert "Quyển số: ……" in pdf_text(old)
    assert ("QRCode", LOOKUP.replace("{code}", before.code)) in decode(old)


def test_changed_office_hours_move_the_appointment(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    early = datetime(2026, 10, 5, 7, 45, tzinfo=VN_TZ)  # inside 07:30-11:30, before 08:00
    first = receive_dossier(store, officer, make_draft(store), received_at=early)
    assert first.due_at == datetime(2026, 10, 12, 7, 45, tzinfo=VN_TZ)
    update_unit_settings(store, UnitChanges(office_hours="08:00-11:30,13:30-17:00"), officer)
    second = receive_dossier(store, officer, make_draft(store), received_at=early)
    assert second.due_at == datetime(2026, 10, 12, 8, 0, tzinfo=VN_TZ)  # the clock starts at 08:00

"""Checks of personal ID numbers, phones, e-mail, dates and the status mapping."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.core import status
from desktop.core.errors import ValidationError
from desktop.core.validation import (
    check_birth_date,
    check_email,
    check_gender,
    check_old_id,
    check_personal_id,
    check_phone,
    parse_date,
)


def test_personal_id_decoded() -> None:
    person = check_personal_id("064 091 234 567", date(1991, 3, 12), "male")
    assert person.number == "064091234567"
    assert person.province_name == "Gia Lai"
    assert person.gender == "male"
    assert person.birth_year_start == 1900
    assert person.warnings == ()


@pytest.mark.parametrize(
    ("number", "dob", "gender"),
    [
        ("079303000001", date(2003, 5, 1), "female"),  # 3: female, 2000s
        ("001200000001", date(2000, 1, 1), "male"),  # 2: male, 2000s
        ("052187654321", date(1987, 12, 31), "female"),
    ],
)
def test_century_and_gender_digit(number: str, dob: date, gender: str) -> None:
    assert check_personal_id(number, dob, gender).warnings == ()


def test_personal_id_warnings() -> None:
    person = check_personal_id("999091234567", date(2001, 1, 1), "female")
    assert len(person.warnings) == 3
    assert "999" in person.warnings[0]
    assert "1900–1999" in person.warnings[1]
    assert "Nữ" in person.warnings[2]


@pytest.mark.parametrize("bad", ["", "123", "0640912345678", "06409123456a", "０６４０９１２３４５６７x"])
def test_personal_id_errors(bad: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_personal_id(bad)
    assert caught.value.field == "id_number"
    assert "12 chữ số" in str(caught.value)


def test_old_id() -> None:
    assert check_old_id("") == ""
    assert check_old_id("231 234 567") == "231234567"
    with pytest.raises(ValidationError):
        check_old_id("1234")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("091.234.5678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0269 3823 456", "02693823456"),
        ("(024) 3825 1234", "02438251234"),
        ("", ""),
    ],
)
def test_phone_accepted(typed: str, stored: str) -> None:
    assert check_phone(typed) == stored


@pytest.mark.parametrize("bad", ["12345", "0112345678", "091234567", "09123456789", "0912-abc-678", "☎"])
def test_phone_refused(bad: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_phone(bad)
    assert caught.value.field == "phone"


def test_phone_required() -> None:
    with pytest.raises(ValidationError, match="Hãy nhập số điện thoại"):
        check_phone("  ", required=True)


def test_email() -> None:
    assert check_email(" Mau.Nguyen@Example.VN ") == "Mau.Nguyen@example.vn"
    assert check_email("") == ""
    for bad in ["a@b", "no-at.vn", "a b@c.vn", "a@@b.vn", "x" * 300 + "@a.vn"]:
        with pytest.raises(ValidationError):
            check_email(bad)


@pytest.mark.parametrize(
    "typed", ["12/03/1991", "12-03-1991", "12.03.1991", "12031991", "1991-03-12", " 12/3/1991 "]
)
def test_parse_date(typed: str) -> None:
    assert parse_date(typed) == date(1991, 3, 12)


@pytest.mark.parametrize("bad", ["", "31/02/1991", "1991", "12/13/1991", "hôm qua"])
def test_parse_date_refused(bad: str) -> None:
    with pytest.raises(ValidationError):
        parse_date(bad, "date_of_birth", "Ngày sinh")


def test_birth_date_bounds() -> None:
    today = date(2026, 11, 20)
    assert check_birth_date(date(1990, 1, 1), today) == date(1990, 1, 1)
    with pytest.raises(ValidationError, match="tương lai"):
        check_birth_date(date(2026, 11, 21), today)
    with pytest.raises(ValidationError):
        check_birth_date(date(1899, 12, 31), today)


def test_gender() -> None:
    assert check_gender("Nam") == "male"
    assert check_gender("NỮ") == "female"
    assert check_gender("Nữ") == "female"
    assert check_gender("") == ""
    with pytest.raises(ValidationError):
        check_gender("khác")


def test_status_codes_cover_one_to_ten() -> None:
    assert sorted(status.NATIONAL_CODES.values()) == list(range(1, 11))
    assert status.national_code("received") == 2
    assert status.national_code("supplement_requested") == 5
    assert status.national_code("refused") == 3
    assert status.from_national_code(10) is status.Status.RETURNED
    with pytest.raises(ValidationError):
        status.from_national_code(11)
    assert status.label_vi("received") == "Được tiếp nhận"

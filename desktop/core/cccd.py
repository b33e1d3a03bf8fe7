"""Parsing the QR payload of a chip ID card (CCCD / thẻ căn cước), domain §5.

The payload is pipe-separated text:
`<12-digit ID>|<old 9-digit CMND or empty>|<full name>|<DOB ddMMyyyy>|<Nam/Nữ>|<address>|<issue ddMMyyyy>`.
Readers in the field also produce 6 fields (no CMND), more than 7 fields (newer cards append data),
labels such as `CCCD:` before a value, stray spaces, NFD text and a trailing newline. The parser accepts
all of these and rejects anything else with a Vietnamese `ValidationError`, never echoing the raw payload
(it is personal data and must not reach logs).

Hand-written because no maintained library parses this Vietnamese-specific format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.core.errors import ValidationError
from desktop.core.text import clean
from desktop.core.timeutil import now_local
from desktop.core.validation import check_gender, check_old_id, check_personal_id

MAX_PAYLOAD = 4000  # real payloads are ~150 characters; anything huge is not a card
_LABEL = re.compile(r"^[^\W\d_][^\d:：|]{0,30}[:：]\s*")  # "CCCD:", "Số CMND :", "Ngày sinh:"
_SPACES_IN_NUMBER = re.compile(r"[\s.\-]+")
_COMPACT_DATE = re.compile(r"^(\d{2})(\d{2})(\d{4})$")
_SLASH_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_HAS_DIGIT = re.compile(r"\d")
SEPARATOR = "|"

MALFORMED = "Mã QR không phải mã của thẻ căn cước/CCCD"


@dataclass(frozen=True)
class CardData:
    """The holder data read from a card; `warnings` are soft checks for the officer to judge."""

    id_number: str
    old_id_number: str | None
    full_name: str
    date_of_birth: date
    gender: str  # male | female
    address: str
    issue_date: date
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The JSON object `motcua cccd parse` prints (exactly these keys)."""
        return {
            "id_number": self.id_number,
            "old_id_number": self.old_id_number,
            "full_name": self.full_name,
            "date_of_birth": self.date_of_birth.isoformat(),
            "gender": self.gender,
            "address": self.address,
            "issue_date": self.issue_date.isoformat(),
        }


def looks_like_payload(text: str) -> bool:
    """A cheap test used by the scanner-burst detector: at least five separators and a long digit run."""
    return text.count(SEPARATOR) >= 5 and re.search(r"\d{9}", text) is not None


def _unlabel(value: str) -> str:
    return _LABEL.sub("", value.strip(), count=1).strip()


def _number(value: str) -> str:
    return _SPACES_IN_NUMBER.sub("", _unlabel(value))


def _date_match(value: str) -> re.Match[str] | None:
    text = _unlabel(value)
    return _SLASH_DATE.match(text) or _COMPACT_DATE.match(_SPACES_IN_NUMBER.sub("", text))


def _card_date(value: str, what: str, field_name: str) -> date:
    match = _date_match(value)
    if not match:
        raise ValidationError(f"{MALFORMED}: {what} phải có dạng ngàythángnăm (8 chữ số).", field_name)
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(f"{MALFORMED}: {what} không tồn tại trên lịch.", field_name) from None


def parse_payload(payload: str, today: date | None = None) -> CardData:
    """Parse a card QR payload (6, 7 or more fields) into `CardData`, or raise `ValidationError`.

    An issue date after `today` (default: today in Vietnam) is impossible and refused; today is accepted.
    """
    if len(payload) > MAX_PAYLOAD:
        raise ValidationError(f"{MALFORMED}: dữ liệu quá dài.", "payload")
    text = clean(payload)
    fields = [f.strip() for f in text.split(SEPARATOR)]
    while fields and fields[-1] == "" and len(fields) > 7:
        fields.pop()  # trailing separators
    if len(fields) < 6:
        raise ValidationError(
            f"{MALFORMED}: cần ít nhất 6 trường ngăn cách bằng '|', chỉ có {len(fields)}.", "payload"
        )
    old_raw = ""
    if len(fields) == 6 or (not _number(fields[1]).isdigit() and _date_match(fields[2]) is not None):
        id_raw, name_raw, dob_raw, gender_raw, address_raw, issue_raw = fields[:6]
        if _number(fields[1]).isdigit():
            raise ValidationError(f"{MALFORMED}: thiếu họ và tên.", "full_name")
    else:
        id_raw, old_raw, name_raw, dob_raw, gender_raw, address_raw, issue_raw = fields[:7]

    number = _number(id_raw)
    if not number.isdigit() or len(number) != 12:
        raise ValidationError(f"{MALFORMED}: số định danh phải gồm 12 chữ số.", "id_number")
    try:
        old = check_old_id(_number(old_raw)) or None
    except ValidationError:
        raise ValidationError(f"{MALFORMED}: số CMND cũ phải gồm 9 chữ số.", "old_id_number") from None
    name = _unlabel(name_raw)
    if not name or not _HAS_LETTER.search(name) or _HAS_DIGIT.search(name):
        raise ValidationError(f"{MALFORMED}: họ và tên không hợp lệ.", "full_name")
    dob = _card_date(dob_raw, "ngày sinh", "date_of_birth")
    issued = _card_date(issue_raw, "ngày cấp", "issue_date")
    try:
        gender = check_gender(_unlabel(gender_raw))
    except ValidationError:
        gender = ""
    if not gender:
        raise ValidationError(f"{MALFORMED}: giới tính phải là Nam hoặc Nữ.", "gender")
    address = _unlabel(address_raw)
    if not address:
        raise ValidationError(f"{MALFORMED}: thiếu địa chỉ.", "address")
    if issued < dob:
        raise ValidationError(f"{MALFORMED}: ngày cấp trước ngày sinh.", "issue_date")
    if issued > (today or now_local().date()):
        raise ValidationError(f"{MALFORMED}: ngày cấp {issued:%d/%m/%Y} ở tương lai.", "issue_date")
    person = check_personal_id(number, dob, gender)
    return CardData(
        id_number=number,
        old_id_number=old,
        full_name=name,
        date_of_birth=dob,
        gender=gender,
        address=address,
        issue_date=issued,
        warnings=person.warnings,
    )

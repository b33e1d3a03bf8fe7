"""Checks of what an officer types or a scanner sends: personal ID numbers, phones, e-mail, dates.

Pure functions, no I/O. Each `check_*` function returns the normalised value or raises `ValidationError`
with a Vietnamese message and the field name; soft problems (an ID number that disagrees with the date of
birth, say) come back as warning strings, because the officer decides.

Hand-written on purpose: the 12-digit personal ID number structure (Decree 137/2015/NĐ-CP art. 7,
Circular 59/2021/TT-BCA; domain §5) is specific to Vietnam and covered by no library; the Vietnamese
numbering plan fits in two patterns (the `phonenumbers` package would add megabytes of world metadata for
one country); and the e-mail check is deliberately the pragmatic "something@domain.tld" shape that a
counter needs, not RFC 5322 (no library in our dependencies does that without DNS look-ups).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from desktop.core.errors import ValidationError
from desktop.core.text import clean, fold

# Province (place of birth registration) codes, digits 1-3 of the personal ID number. These are the
# codes of the 63 provinces before the 2025 merger: the number keeps the code of the province where the
# birth was registered, so the list must not follow the new administrative map. [S] Circular 07/2016/TT-BCA.
ID_PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}

MALE = "male"
FEMALE = "female"
GENDERS = (MALE, FEMALE)
GENDER_VI = {MALE: "Nam", FEMALE: "Nữ"}

_SEPARATORS = re.compile(r"[\s.\-()/]+")
_MOBILE = re.compile(r"^0[35789]\d{8}$")
_LANDLINE = re.compile(r"^02\d{9}$")
_EMAIL = re.compile(r"^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$")
_DATE_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATE_COMPACT = re.compile(r"^(\d{2})(\d{2})(\d{4})$")

MAX_EMAIL = 200
MIN_YEAR = 1900


@dataclass(frozen=True)
class PersonalId:
    """What the 12 digits of a personal ID number say about their holder, plus soft warnings."""

    number: str
    province_code: str
    province_name: str | None
    gender: str
    birth_year_start: int  # first year of the century the number encodes, e.g. 1900
    birth_year_suffix: int  # last two digits of the birth year
    warnings: tuple[str, ...] = field(default=())

    def matches_year(self, year: int) -> bool:
        return self.birth_year_start <= year < self.birth_year_start + 100 and year % 100 == (
            self.birth_year_suffix
        )


def digits_only(text: str) -> str:
    """The digits of `text` (spaces, dots and dashes typed between groups dropped)."""
    return _SEPARATORS.sub("", clean(text))


def check_personal_id(
    text: str, date_of_birth: date | None = None, gender: str | None = None, field_name: str = "id_number"
) -> PersonalId:
    """Check a 12-digit personal ID number; its province code and gender/century digit give warnings."""
    number = digits_only(text)
    if not number:
        raise ValidationError("Hãy nhập số định danh cá nhân (12 chữ số).", field_name)
    if not number.isdigit() or len(number) != 12:
        raise ValidationError(
            f"Số định danh cá nhân phải gồm đúng 12 chữ số (đang có {len(number)} ký tự).", field_name
        )
    province = number[:3]
    digit = int(number[3])
    person = PersonalId(
        number=number,
        province_code=province,
        province_name=ID_PROVINCE_CODES.get(province),
        gender=MALE if digit % 2 == 0 else FEMALE,
        birth_year_start=1900 + 100 * (digit // 2),
        birth_year_suffix=int(number[4:6]),
    )
    warnings: list[str] = []
    if person.province_name is None:
        warnings.append(
            f"Mã tỉnh nơi đăng ký khai sinh '{province}' không có trong danh mục: hãy kiểm tra lại số."
        )
    if date_of_birth is not None and not person.matches_year(date_of_birth.year):
        warnings.append(
            f"Số định danh cho năm sinh thuộc {person.birth_year_start}–{person.birth_year_start + 99} "
            f"và đuôi năm '{person.birth_year_suffix:02d}', khác ngày sinh {date_of_birth:%d/%m/%Y}."
        )
    if gender in GENDERS and gender != person.gender:
        warnings.append(
            f"Số định danh ứng với giới tính {GENDER_VI[person.gender]}, khác giới tính {GENDER_VI[gender]} đã ghi."
        )
    return replace(person, warnings=tuple(warnings))


def check_old_id(text: str, field_name: str = "old_id_number") -> str:
    """An old 9-digit identity card number (CMND), or '' when absent; 12 digits are tolerated."""
    number = digits_only(text)
    if not number:
        return ""
    if not number.isdigit() or len(number) not in (9, 12):
        raise ValidationError("Số CMND cũ phải gồm 9 (hoặc 12) chữ số.", field_name)
    return number


def check_phone(text: str, field_name: str = "phone", required: bool = False) -> str:
    """A Vietnamese phone number as 10 (mobile) or 11 (landline) digits starting with 0; +84 accepted."""
    raw = digits_only(text)
    if not raw:
        if required:
            raise ValidationError("Hãy nhập số điện thoại.", field_name)
        return ""
    if raw.startswith("+84"):
        raw = "0" + raw[3:]
    elif raw.startswith("84") and len(raw) in (11, 12):
        raw = "0" + raw[2:]
    if not raw.isdigit():
        raise ValidationError("Số điện thoại chỉ gồm chữ số (có thể bắt đầu bằng +84).", field_name)
    if _MOBILE.match(raw) or _LANDLINE.match(raw):
        return raw
    raise ValidationError(
        "Số điện thoại không hợp lệ: di động gồm 10 chữ số (03x, 05x, 07x, 08x, 09x), "
        "cố định gồm 11 chữ số (02x…).",
        field_name,
    )


def check_email(text: str, field_name: str = "email", required: bool = False) -> str:
    """An e-mail address of the shape name@domain.tld (lower-cased domain), or '' when absent."""
    value = clean(text)
    if not value:
        if required:
            raise ValidationError("Hãy nhập địa chỉ email.", field_name)
        return ""
    if len(value) > MAX_EMAIL or not _EMAIL.match(value):
        raise ValidationError("Địa chỉ email không hợp lệ (dạng ten@mien.vn).", field_name)
    local, _, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"


def parse_date(text: str, field_name: str = "date", label: str = "Ngày") -> date:
    """A date typed as dd/mm/yyyy (also with . or -), ddmmyyyy or yyyy-mm-dd."""
    value = clean(text)
    match = _DATE_DMY.match(value) or _DATE_COMPACT.match(value)
    if match:
        day, month, year = (int(g) for g in match.groups())
    elif iso := _DATE_ISO.match(value):
        year, month, day = (int(g) for g in iso.groups())
    else:
        raise ValidationError(f"{label} không đúng định dạng ngày/tháng/năm (ví dụ 31/12/1990).", field_name)
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(f"{label} {value} không tồn tại trên lịch.", field_name) from None


def check_birth_date(value: date, today: date, field_name: str = "date_of_birth") -> date:
    """A date of birth that is not in the future and not before 1900."""
    if value > today:
        raise ValidationError("Ngày sinh không thể ở tương lai.", field_name)
    if value.year < MIN_YEAR:
        raise ValidationError(f"Ngày sinh phải từ năm {MIN_YEAR} trở đi.", field_name)
    return value


def check_gender(text: str, field_name: str = "gender") -> str:
    """'male', 'female' or '' from what a person or a card says (Nam/Nữ, male/female)."""
    value = fold(text)
    if value in ("", "-"):
        return ""
    if value in ("nam", "male", "m"):
        return MALE
    if value in ("nu", "female", "f"):
        return FEMALE
    raise ValidationError("Giới tính phải là Nam hoặc Nữ.", field_name)

"""Synthetic applicants for the demo profile: Vietnamese names, 12-digit IDs, mobile phones, addresses.

Nothing here is a real person. The generator exists because no library makes Vietnamese identities with
the structure the counter checks: the 12-digit personal ID (Decree 137/2015/NĐ-CP art. 7) starts with the
province code of birth registration, then one digit for gender and century of birth (0/1 male/female born
1900–1999, 2/3 born 2000–2099), then the last two digits of the birth year, then six random digits.
Mobile numbers use the ten-digit plan in use since 2018 (03x/05x/07x/08x/09x prefixes).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from desktop.core.text import nfc

# family names weighted roughly by frequency; the last ones are Jrai family names common in Gia Lai
FAMILY = {
    "Nguyễn": 300, "Trần": 90, "Lê": 80, "Phạm": 60, "Hoàng": 35, "Huỳnh": 25, "Phan": 35, "Vũ": 25,
    "Võ": 30, "Đặng": 18, "Bùi": 17, "Đỗ": 14, "Hồ": 13, "Ngô": 12, "Dương": 10, "Lý": 5, "Đinh": 8,
    "Trương": 8, "Mai": 5, "Lương": 5, "Tô": 3, "Đoàn": 5, "Cao": 4, "Lâm": 4, "Kiều": 2, "Thái": 3,
    "Rơ Mah": 12, "Ksor": 14, "Siu": 12, "Rơ Châm": 6, "Kpă": 7, "Nay": 6, "Puih": 5, "Rah Lan": 4,
}  # fmt: skip
MIDDLE_MALE = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Xuân", "Ngọc", "Hoàng", "Quang",
               "Đình", "Trọng", "Gia", "Anh", "Tiến", "Duy"]  # fmt: skip
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Hồng", "Phương", "Bích",
                 "Thùy", "Diệu", "Khánh", "Minh", "Bảo"]  # fmt: skip
GIVEN_MALE = ["Hùng", "Dũng", "Tuấn", "Hải", "Long", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Trung",
              "Việt", "Đức", "Khoa", "Minh", "Hiếu", "Phúc", "Lộc", "Tài", "Cường", "Đạt", "Bình", "Hòa",
              "Khánh", "Lâm", "Nghĩa", "Thịnh", "Toàn", "Vinh", "Huy", "Quý", "Tú", "Đông", "Thuận"]  # fmt: skip
GIVEN_FEMALE = ["Hằng", "Lan", "Hoa", "Hương", "Linh", "Mai", "Nga", "Ngọc", "Nhung", "Phương", "Quỳnh",
                "Thảo", "Trang", "Tuyết", "Vân", "Yến", "Ánh", "Chi", "Diệp", "Dung", "Giang", "Hạnh",
                "Hiền", "Huyền", "Loan", "My", "Oanh", "Thủy", "Uyên", "Xuân", "Đào", "Ly"]  # fmt: skip
# Jrai names (Gia Lai): family name then given name, women's given names with the H' prefix
JRAI_FAMILIES = frozenset({"Rơ Mah", "Ksor", "Siu", "Rơ Châm", "Kpă", "Nay", "Puih", "Rah Lan"})
JRAI_MALE = ["Blơng", "Pốt", "Hyơk", "Đun", "Hrơi", "Ktơ", "Thuân", "Djuih", "Lứ", "Phun"]
JRAI_FEMALE = ["H'Bia", "H'Nhung", "H'Lan", "H'Uyên", "H'Mai", "H'Loan", "H'Ngơn", "H'Yai"]
SECOND_MALE = ["Minh", "Anh", "Quốc", "Gia", "Hoàng", "Đức", "Thanh", "Hữu", "Nhật"]
SECOND_FEMALE = ["Ngọc", "Thu", "Kim", "Mỹ", "Phương", "Bảo", "Thanh", "Hoài", "Diễm"]
# province code of birth registration: mostly the new Gia Lai (old Gia Lai 064, old Bình Định 052)
PROVINCES = {"064": 62, "052": 18, "066": 5, "062": 3, "001": 3, "079": 3, "040": 2, "038": 2, "049": 2}
# mobile prefixes of the 2018 numbering plan (Viettel, MobiFone, VinaPhone, Vietnamobile, Gmobile)
MOBILE_PREFIXES = ["032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098",
                   "070", "076", "077", "078", "079", "089", "090", "093", "081", "082", "083", "084",
                   "085", "088", "091", "094", "052", "056", "058", "092", "059", "099"]  # fmt: skip
VILLAGES = ["Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4", "Thôn 5", "Làng Dăng", "Làng Dơr", "Làng Ia Khươl",
            "Thôn Tân Lập", "Thôn Hòa Bình", "Thôn Đoàn Kết", "Làng Bi", "Làng Yam"]  # fmt: skip
OLDEST, YOUNGEST = 1940, 2005


@dataclass(frozen=True)
class Person:
    full_name: str
    gender: str  # male | female
    date_of_birth: date
    id_number: str
    id_issue_date: date
    phone: str
    address: str


def id_number_for(province: str, gender: str, born: date, tail: int) -> str:
    """A 12-digit personal ID number whose gender/century digit and year digits match the person."""
    century_digit = (born.year // 100 - 19) * 2 + (1 if gender == "female" else 0)
    return f"{province}{century_digit}{born.year % 100:02d}{tail:06d}"


class PeopleFactory:
    """Deterministic stream of synthetic applicants from one `random.Random`."""

    def __init__(self, rng: random.Random, commune: str, province: str) -> None:
        self._rng = rng
        self._place = f"{commune}, tỉnh {province}" if province else commune
        self._family = list(FAMILY)
        self._family_weights = list(FAMILY.values())
        self._provinces = list(PROVINCES)
        self._province_weights = list(PROVINCES.values())

    def name(self, gender: str) -> str:
        rng = self._rng
        family = rng.choices(self._family, self._family_weights)[0]
        if family in JRAI_FAMILIES:
            return nfc(f"{family} {rng.choice(JRAI_FEMALE if gender == 'female' else JRAI_MALE)}")
        middle = rng.choice(MIDDLE_FEMALE if gender == "female" else MIDDLE_MALE)
        given = rng.choice(GIVEN_FEMALE if gender == "female" else GIVEN_MALE)
        if rng.random() < 0.25:  # a second middle name, e.g. "Nguyễn Thị Ngọc Ánh", "Trần Văn Minh Quân"
            second = rng.choice(SECOND_FEMALE if gender == "female" else SECOND_MALE)
            if second not in (middle, given):
                middle = f"{middle} {second}"
        return nfc(f"{family} {middle} {given}")

    def phone(self) -> str:
        return self._rng.choice(MOBILE_PREFIXES) + f"{self._rng.randrange(10**7):07d}"

    def person(self) -> Person:
        rng = self._rng
        gender = "female" if rng.random() < 0.52 else "male"
        born = date(rng.randint(OLDEST, YOUNGEST), 1, 1) + timedelta(days=rng.randrange(365))
        province = rng.choices(self._provinces, self._province_weights)[0]
        issued = date(rng.randint(2021, 2025), rng.randint(1, 12), rng.randint(1, 28))
        return Person(
            full_name=self.name(gender),
            gender=gender,
            date_of_birth=born,
            id_number=id_number_for(province, gender, born, rng.randrange(10**6)),
            id_issue_date=max(issued, born + timedelta(days=14 * 365)),
            phone="" if rng.random() < 0.04 else self.phone(),
            address=nfc(f"{rng.choice(VILLAGES)}, {self._place}"),
        )

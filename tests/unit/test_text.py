"""`desktop.core.text.clean`: what every typed or scanned string goes through before it is stored."""

from __future__ import annotations

import unicodedata

import pytest

from desktop.core.collation import sort_key as collation_key
from desktop.core.text import clean
from desktop.services.addresses import province_names, provinces


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("NGUYỄN\x01VĂN", "NGUYỄN VĂN"),  # a control character separates words, it is not glued away
        ("Trần\x00Thị\x1b[31mĐào", "Trần Thị [31mĐào"),
        ("a\tb\nc\r\nd", "a b c d"),
        ("Lê\x85Văn\x9fAn", "Lê Văn An"),  # C1 controls too
        ("Nguy\u200bễn Văn\u200d Mẫu\ufeff", "Nguyễn Văn Mẫu"),  # zero-width space/joiner, BOM
        ("\u202euàoĐ\u202c Thị", "uàoĐ Thị"),  # a right-to-left override cannot reverse the display
        ("\u2067Lê\u2069 \u200fVăn\u200e \u061cAn", "Lê Văn An"),  # isolates and directional marks
        ("Ngu\u00adyễn\u2060", "Nguyễn"),  # soft hyphen, word joiner
        ("Nguye\u200b\u0302\u0303n", "Nguyễn"),  # a zero-width space inside an NFD letter
        ("Nguye\u0302\u0303n\u0007 Văn 😀", "Nguyễn Văn 😀"),  # NFC; emoji kept
        ("  \x01 \u200b ", ""),
    ],
)
def test_clean(raw: str, expected: str) -> None:
    assert clean(raw) == expected


def test_clean_caps_after_cleaning() -> None:
    assert clean("\u200b" * 10 + "abcdef", 3) == "abc"


def test_vietnamese_collation_orders_letters_then_tones():
    assert sorted(["mạ", "má", "mã", "mả", "mà", "ma"], key=collation_key) == [
        "ma",
        "mà",
        "mả",
        "mã",
        "má",
        "mạ",
    ]
    assert sorted(["b", "ân", "ăn", "an"], key=collation_key) == ["an", "ăn", "ân", "b"]
    assert sorted(["Ea", "đi", "Đà", "Dung"], key=collation_key) == ["Dung", "Đà", "đi", "Ea"]  # Đ after D
    assert sorted(["v", "ưa", "u", "ư", "uy"], key=collation_key) == ["u", "uy", "ư", "ưa", "v"]
    assert sorted(["ơi", "ôi", "oi", "ộc"], key=collation_key) == ["oi", "ộc", "ôi", "ơi"]
    # word by word, case and NFC/NFD ignored
    assert sorted(["Hải Phòng", "Hà Tĩnh", "HÀ NỘI"], key=collation_key) == ["HÀ NỘI", "Hà Tĩnh", "Hải Phòng"]
    assert collation_key(unicodedata.normalize("NFD", "Đắk Lắk")) == collation_key("Đắk Lắk")


def test_the_34_provinces_are_in_vietnamese_order():
    names = province_names()
    assert len(names) == 34 and len(set(names)) == 34
    assert names[:6] == (
        "An Giang",
        "Bắc Ninh",
        "Cà Mau",
        "Cao Bằng",
        "Thành phố Cần Thơ",
        "Thành phố Đà Nẵng",
    )
    assert names.index("Đắk Lắk") > names.index("Cao Bằng") and names[-1] == "Vĩnh Long"
    assert names.index("Thành phố Hà Nội") < names.index("Hà Tĩnh") < names.index("Thành phố Hải Phòng")
    assert [u.name for u in provinces()][:2] == ["Tỉnh An Giang", "Tỉnh Bắc Ninh"]

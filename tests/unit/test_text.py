"""`desktop.core.text.clean`: what every typed or scanned string goes through before it is stored."""

from __future__ import annotations

import pytest

from desktop.core.text import clean


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

"""The documented maxima (issue 21): the README's table is `desktop.core.limits.TABLE`, row for row."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core import limits
from desktop.core.errors import ValidationError

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_lists_every_limit() -> None:
    text = README.read_text(encoding="utf-8")
    missing = [
        f"{name}: {maximum}"
        for _key, name, maximum in limits.TABLE
        if f"| {name} | {maximum:,} |".replace(f"{maximum:,}", f"{maximum:,}".replace(",", ".")) not in text
    ]
    assert missing == []


def test_bounded_refuses_saying_both_lengths_and_never_cuts() -> None:
    assert limits.bounded("  Lê   Văn  ", 6, "Họ và tên", "name") == "Lê Văn"  # cleaned, then measured
    with pytest.raises(ValidationError) as refused:
        limits.bounded("x" * 2001, limits.REASON, "Lý do", "reason")
    assert str(refused.value) == "Lý do dài 2001 ký tự, tối đa 2000 ký tự: hãy rút gọn."
    assert refused.value.field == "reason"

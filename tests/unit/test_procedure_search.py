"""Procedure search shows the obvious first (issue 21 item 4): a table of typed queries over the shipped
catalogue, the commune's most used procedures next, and the same ranking over a catalogue of hundreds."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.services.intake_lookup import ProcedureChoice, filter_choices

# the 17 procedures checked by hand (the shipped catalogue's overlay; the whole catalogue has ~240)
CATALOGUE = Path(__file__).resolve().parents[2] / "resources" / "catalogue" / "source" / "verified.json"


def choice(code: str, name: str, uses: int = 0) -> ProcedureChoice:
    return ProcedureChoice(code, name, "", 1, "days", None, "", "", (), uses=uses)


def shipped() -> list[ProcedureChoice]:
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    return [choice(p["code"], p["name"]) for p in data["procedures"]]


def whole() -> list[ProcedureChoice]:
    """The whole shipped catalogue (~240, from the national database), its commonest marked."""
    data = json.loads((CATALOGUE.parents[1] / "procedures.json").read_text(encoding="utf-8"))
    return [replace(choice(p["code"], p["name"]), common=bool(p.get("common"))) for p in data["procedures"]]


def hundreds() -> list[ProcedureChoice]:
    """The shipped catalogue among longer variants of each name, as a province's full list has."""
    variants = (
        "{} lưu động",
        "{} có yếu tố nước ngoài",
        "{} cho người Việt Nam định cư ở nước ngoài",
        "Cấp lại {}",
        "Điều chỉnh nội dung {}",
        "Hủy {} trái pháp luật",
        "Liên thông {} và cấp thẻ bảo hiểm y tế",
        "Ghi vào sổ việc {} đã thực hiện ở nước ngoài",
    )
    base = shipped()
    longer = [
        choice(f"9.{i:03d}{j}", v.format(c.name)) for i, c in enumerate(base) for j, v in enumerate(variants)
    ]
    names = {c.name for c in base}
    return base + [c for c in longer if c.name not in names] * 3  # 17 + 3 × 134 longer names


# (typed, the code expected first)
TABLE = [
    ("khai tu", "1.000656"),  # Đăng ký khai tử, not … khai tử lưu động
    ("khai tử", "1.000656"),
    ("khai t", "1.000656"),  # an unfinished last word
    ("khai sinh", "1.001193"),
    ("dang ky khai sinh", "1.001193"),
    ("ĐĂNG KÝ KẾT HÔN", "1.000894"),
    ("ket hon", "1.000894"),
    ("lai ket hon", "1.004746"),
    ("lại khai sinh", "1.004884"),
    ("khai sinh luu dong", "1.003583"),
    ("tam tru", "1.004222"),
    ("thường trú", "1.004194"),
    ("giam ho", "1.004837"),
    ("di chuc", "2.001019"),
    ("chu ky", "2.000884"),
    ("so goc", "2.000908"),
    ("trich luc ho tich", "2.000635"),
    ("ho kinh doanh", "1.001612"),
    ("cha me con", "1.001022"),  # the name has commas
    ("1.0011", "1.001193"),  # a code, unfinished
    ("2.000884", "2.000884"),
    ("chung thuc ban chinh", "2.000815"),  # words apart
]


@pytest.mark.parametrize("catalogue", [shipped, hundreds, whole], ids=["17", "hundreds", "whole"])
def test_typed_query_finds_the_obvious_first(catalogue: object) -> None:
    choices = catalogue()  # type: ignore[operator]
    firsts = {typed: filter_choices(choices, typed)[0].code for typed, _ in TABLE}
    assert firsts == dict(TABLE)


def test_whole_words_rank_before_a_longer_name_that_merely_contains_them() -> None:
    names = [c.name for c in filter_choices(shipped(), "khai tu")]
    assert names == ["Đăng ký khai tử", "Đăng ký khai tử lưu động"]


def test_most_used_come_next_but_never_before_the_obvious() -> None:
    uses = {"1.000419": 50, "1.004222": 40}  # khai tử lưu động, tạm trú
    choices = [replace(c, uses=uses.get(c.code, 0)) for c in shipped()]
    assert filter_choices(choices, "khai tu")[0].code == "1.000656"  # the obvious, although less used
    assert [c.code for c in filter_choices(choices, "dang ky")[:2]] == ["1.000419", "1.004222"]
    assert filter_choices(choices, "tru")[0].code == "1.004222"  # both "… trú": the more used
    assert [c.code for c in filter_choices(choices, "")] == [c.code for c in choices]  # empty: as given


def test_ranking_hundreds_is_fast_enough_for_every_keystroke() -> None:
    choices = hundreds()
    filter_choices(choices, "x")  # fills the cached folded names, as loading the form does
    started = time.perf_counter()
    for typed, _ in TABLE:
        filter_choices(choices, typed)
    per_keystroke = (time.perf_counter() - started) / len(TABLE)
    assert len(choices) > 400 and per_keystroke < 0.05

"""Finding one procedure among hundreds (issue 22 item 5): by code, by name with or without diacritics and
by short names (the catalogue's own and the name's initials, after the exact hits), and the picker's rows
grouped by field with the commune's most used first, over a synthetic catalogue of 600 procedures."""

from __future__ import annotations

import pytest

from desktop.core.search_rank import words
from desktop.core.short_names import initialisms
from desktop.services.intake_lookup import ProcedureChoice, filter_choices
from desktop.services.picker_rows import Header, picker_rows
from tests.synthetic_catalogue import synthetic_choices


@pytest.fixture(scope="module")
def choices() -> list[ProcedureChoice]:
    return synthetic_choices()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Đăng ký khai sinh", ("dkks", "ks")),
        ("Cấp bản sao trích lục hộ tịch", ("cbstlht", "bstlht")),
        ("Đăng ký nhận cha, mẹ, con", ("dkncmc", "ncmc")),
        ("Thủ tục 01 lưu động", ("ttld", "ld")),  # numbers add nothing
        ("Hộ", ()),  # one letter is no short name
    ],
)
def test_initialisms_with_and_without_the_leading_verb(name: str, expected: tuple[str, ...]) -> None:
    assert initialisms(words(name)) == expected


# (typed, the code expected first)
TABLE = [
    ("ks", "1.001193"),  # the catalogue's short name (and initials without "đăng ký")
    ("dkks", "1.001193"),  # initials
    ("KH", "1.000894"),  # the catalogue's short name, typed in capitals
    ("sao y", "2.000815"),  # a short name of two words
    ("bstlht", "2.000635"),  # initials without "cấp"
    ("khai sinh", "1.001193"),
    ("ket hon", "1.000894"),  # without diacritics
    ("kết hôn", "1.000894"),
    ("1.001193", "1.001193"),  # the code
    ("2.00081", "2.000815"),  # a code, unfinished
]


def test_name_code_and_short_names_find_the_obvious_first(choices: list[ProcedureChoice]) -> None:
    firsts = {typed: filter_choices(choices, typed)[0].code for typed, _ in TABLE}
    assert firsts == dict(TABLE)


def test_short_names_rank_after_exact_hits_and_before_names_that_merely_contain_the_letters(
    choices: list[ProcedureChoice],
) -> None:
    # "tt": the catalogue's short name of "Đăng ký thường trú", then initials ("Đăng ký tạm trú" -> tt)
    assert [c.code for c in filter_choices(choices, "tt")[:2]] == ["1.004194", "1.004222"]
    # the whole name typed beats a procedure whose short name is the same words
    named = ProcedureChoice("9.000001", "Thường trú", "", 1, "days", None, "", "", ())
    assert filter_choices([*choices, named], "thuong tru")[0].code == "9.000001"
    # "dkk": initials it begins (dkks, dkkh, dkkt …), all after a name that holds "dkk" itself
    odd = ProcedureChoice("9.000002", "Ghi chú dkk", "", 1, "days", None, "", "", ())
    ranked = [c.code for c in filter_choices([*choices, odd], "dkk")]
    assert ranked[0] == "9.000002" and {"1.001193", "1.000894", "1.000656"} <= set(ranked[1:])
    assert filter_choices(choices, "zzq") == []


def test_empty_query_groups_every_field_with_the_most_used_first() -> None:
    uses = {"2.000815": 30, "1.001193": 20, "1.004222": 5}
    choices = synthetic_choices(uses)
    rows = picker_rows(choices, "")
    assert rows[0] == Header("", 3, most_used=True)
    assert [r.code for r in rows[1:4] if isinstance(r, ProcedureChoice)] == list(uses)
    headers = [r for r in rows if isinstance(r, Header) and not r.most_used]
    # fields by their uses (Chứng thực 30, Hộ tịch 20, cư trú 5), then by name; each counted
    assert [h.field for h in headers[:3]] == ["Chứng thực", "Hộ tịch", "Đăng ký, quản lý cư trú"]
    assert sum(h.count for h in headers) == 600 and len(headers) == len({c.field for c in choices})
    first_field = rows[5 : 5 + headers[0].count]
    assert first_field[0].code == "2.000815" and all(c.field == "Chứng thực" for c in first_field)


def test_a_broad_query_is_grouped_with_the_best_match_first_a_narrow_one_is_flat() -> None:
    rows = picker_rows(synthetic_choices(), "dang ky")
    assert isinstance(rows[0], Header) and rows[0].field == "Hộ tịch"
    assert isinstance(rows[1], ProcedureChoice) and rows[1].name.startswith("Đăng ký")
    assert len([r for r in rows if isinstance(r, Header)]) > 1
    narrow = picker_rows(synthetic_choices(), "khai sinh luu dong")
    assert not any(isinstance(r, Header) for r in narrow) and narrow[0].code == "1.003583"


def test_hidden_procedures_are_never_listed() -> None:
    hidden = frozenset({"1.001193", "2.000815"})
    choices = synthetic_choices({"1.001193": 9}, hidden)
    listed = {r.code for q in ("", "ks", "1.001193", "khai sinh", "sao y") for r in picker_rows(choices, q)
              if isinstance(r, ProcedureChoice)}  # fmt: skip
    assert listed and not listed & hidden

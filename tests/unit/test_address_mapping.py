"""Reading the old address printed on an ID card into the current province and commune (issue 21 item 5):
real units of before 1 July 2025 against the official conversion table shipped in `resources/addresses`."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main
from desktop.core.old_address import NewUnit, map_old_address, unit_key
from desktop.services import addresses
from desktop.services.address_mapping import Choice, choice_for, map_card_address
from desktop.store.unit_changes import unit_changes

GIA_LAI = "Tỉnh Gia Lai"

# (as printed, street kept, old commune recognised, current units proposed "commune, province")
CASES = [
    # Bình Định went into Gia Lai (Resolution 202/2025/QH15); Tây Sơn district's communes into Xã Tây Sơn
    (
        "Thôn Thử, Xã Bình Nghi, Huyện Tây Sơn, Tỉnh Bình Định",
        "Thôn Thử",
        "Xã Bình Nghi",
        ["Xã Tây Sơn, Tỉnh Gia Lai"],
    ),
    (
        "Tổ 1, TT. Phú Phong, H. Tây Sơn, T. Bình Định",
        "Tổ 1",
        "Thị trấn Phú Phong",
        ["Xã Tây Sơn, Tỉnh Gia Lai"],
    ),
    (
        "Thon 3, Xa Binh Nghi, Huyen Tay Son, Tinh Binh Dinh",
        "Thon 3",
        "Xã Bình Nghi",
        ["Xã Tây Sơn, Tỉnh Gia Lai"],
    ),
    ("Thôn 2, Xã Ia Der, Huyện Ia Grai, Tỉnh Gia Lai", "Thôn 2", "Xã Ia Dêr", ["Xã Ia Hrung, Tỉnh Gia Lai"]),
    (
        "Làng Mới, Xã Nhơn Lý, Thành phố Quy Nhơn, Tỉnh Bình Định, Việt Nam",
        "Làng Mới",
        "Xã Nhơn Lý",
        ["Phường Quy Nhơn Đông, Tỉnh Gia Lai"],
    ),
    ("Số 5, P.05, Q.3, TP.HCM", "Số 5", "Phường 5", ["Phường Bàn Cờ, Thành phố Hồ Chí Minh"]),
    ("Phường Phúc Xá, Quận Ba Đình, Hà Nội", "", "Phường Phúc Xá", ["Phường Hồng Hà, Thành phố Hà Nội"]),
    (
        "Ấp 3, Xã Tân Mỹ Chánh, TP. Mỹ Tho, Tỉnh Tiền Giang",
        "Ấp 3",
        "Xã Tân Mỹ Chánh",
        ["Phường Mỹ Phong, Tỉnh Đồng Tháp"],
    ),
    # a card of its day may print the kind the commune had then (Hải Thanh became a phường of Nghi Sơn)
    (
        "Xã Hải Thanh, Thị xã Nghi Sơn, Tỉnh Thanh Hoá",
        "",
        "Phường Hải Thanh",
        ["Phường Tĩnh Gia, Tỉnh Thanh Hóa"],
    ),
    # split between two new communes: both offered
    (
        "Xóm 1, Xã Tân Lập, Huyện Đan Phượng, Thành phố Hà Nội",
        "Xóm 1",
        "Xã Tân Lập",
        ["Xã Ô Diên, Thành phố Hà Nội", "Xã Hoài Đức, Thành phố Hà Nội"],
    ),
    # already in the new units (a card issued after the merger)
    ("Thôn Đoàn Kết, Xã Ia Grai, Tỉnh Gia Lai", "Thôn Đoàn Kết", "", ["Xã Ia Grai, Tỉnh Gia Lai"]),
    ("Phường Thuận Hoà, Thành phố Huế", "", "Phường Thuận Hòa", ["Phường Phú Xuân, Thành phố Huế"]),
    # the province's name before 2025 and a district since renamed
    (
        "Tổ 2, Phường Vĩnh Ninh, TP Huế, Thừa Thiên Huế",
        "Tổ 2",
        "Phường Vĩnh Ninh",
        ["Phường Thuận Hóa, Thành phố Huế"],
    ),
]


@pytest.mark.parametrize(("text", "street", "old_ward", "proposed"), CASES, ids=[c[0] for c in CASES])
def test_an_old_address_maps_to_the_current_commune(
    text: str, street: str, old_ward: str, proposed: list[str]
) -> None:
    mapped = map_card_address(text)
    assert [c.label for c in mapped.communes] == proposed
    assert mapped.street == street
    assert mapped.old.ward == old_ward


@pytest.mark.parametrize(
    "text",
    [
        "Tỉnh Bình Định",  # a province alone: no commune to fill
        "Thôn Thử, Xã Không Có, Huyện Tây Sơn, Tỉnh Bình Định",  # no such commune
        "Phường Không Có, Quận Không Có, Thành phố Huế",
        "Thôn Thử, Xã Mẫu, Tỉnh Gia Lai",  # the synthetic card of the tests
        "Số 1 Đường Lạ, Tỉnh Không Có",
        "",
    ],
)
def test_without_a_commune_nothing_is_filled_and_the_text_is_kept(text: str) -> None:
    mapped = map_card_address(text)
    assert mapped.communes == ()
    assert mapped.street == mapped.old.text


def test_diacritics_written_must_agree_and_kinds_keep_their_level() -> None:
    table = unit_changes()
    # "Thuận Hòa" is not "Thuận Hóa" once diacritics are written; without them either may be meant
    assert map_old_address("Phường Thuận Hòa, Thành phố Huế", table).ward == "Phường Thuận Hòa"
    # "Xã Ia Grai" is a commune, never the old district "Huyện Ia Grai"
    assert map_old_address("Xã Ia Grai, Tỉnh Gia Lai", table).district == ""
    assert unit_key("TT. Phú Phong") == ("thi tran", "phu phong")
    assert unit_key("P.05") == ("phuong", "5")
    assert unit_key("TP.HCM") == ("thanh pho", "ho chi minh")


def test_a_province_alone_is_known_but_fills_nothing() -> None:
    mapped = map_card_address("Tỉnh Bình Định")
    assert mapped.choices == (Choice("52", "", GIA_LAI),)
    assert mapped.communes == ()


def test_every_new_unit_of_the_table_is_one_of_the_form_lists() -> None:
    """The table has the official codes and spellings, the form the 2025.10 list: each is found by name."""
    table = unit_changes()
    assert len(table.new_wards) == sum(len(addresses.wards(p.code)) for p in addresses.provinces()) == 3321
    missing = [
        (code, w.name)
        for code, w in table.new_wards.items()
        if choice_for(NewUnit(w.province, table.new_provinces[w.province], code, w.name)) is None
    ]
    assert missing == []


def test_every_old_commune_with_a_row_is_read_back_from_its_own_address() -> None:
    table = unit_changes()
    unread = []
    for ward in list(table.old_wards.values())[::7]:
        district = table.old_districts[ward.district]
        text = f"Thôn 1, {ward.name}, {district.name}, {table.old_provinces[district.province].name}"
        mapped = map_card_address(text)
        if ward.new_wards and (
            mapped.old.ward != ward.name or len(mapped.communes) != len(set(ward.new_wards))
        ):
            unread.append(text)
    assert unread == []


def test_the_command_line_prints_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cccd", "address", "Xóm 1, Xã Tân Lập, H. Đan Phượng, TP. Hà Nội"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [c["label"] for c in out["choices"]] == [
        "Xã Ô Diên, Thành phố Hà Nội",
        "Xã Hoài Đức, Thành phố Hà Nội",
    ]
    assert out["street"] == "Xóm 1" and out["old"]["district"] == "Huyện Đan Phượng"

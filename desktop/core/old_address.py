"""Reading an address as printed on an ID card, in the units of before the July 2025 merger (domain §5), and
finding the current province and commune it is now in.

"Thôn Thử, Xã Bình Nghi, Huyện Tây Sơn, Tỉnh Bình Định" names a commune of a district of one of the 63 old
provinces; since 1 July 2025 there are no districts, 34 provinces and new communes. `map_old_address` reads the
comma-separated parts from the end (province, district, commune), with or without diacritics and with the usual
abbreviations ("TT.", "H.", "P.", "Q.", "TX.", "TP."), and returns what it recognised with the candidates from
the conversion table (`UnitChanges`, read by `desktop.store.unit_changes`): one when the old commune went whole
into a new one, several when it was split, none when nothing was recognised. An address already written in the
new units ("Xã Ia Grai, Tỉnh Gia Lai") is recognised too. Pure: the table is passed in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, cached_property

from desktop.core.text import clean, fold

# folded kind words, longest first; abbreviations as printed on cards and forms
_KINDS = (
    ("thanh pho", "thanh pho"),
    ("thi tran", "thi tran"),
    ("thi xa", "thi xa"),
    ("dac khu", "dac khu"),
    ("phuong", "phuong"),
    ("huyen", "huyen"),
    ("quan", "quan"),
    ("tinh", "tinh"),
    ("xa", "xa"),
    ("tp", "thanh pho"),
    ("tt", "thi tran"),
    ("tx", "thi xa"),
    ("p", "phuong"),
    ("h", "huyen"),
    ("q", "quan"),
    ("t", "tinh"),
    ("x", "xa"),
)
# a card may print a commune's kind of its day ("Xã Hải Thanh" for what became a phường): the level must agree
_LEVEL = {"tinh": 1, "huyen": 2, "quan": 2, "thi xa": 2, "thanh pho": 2, "xa": 3, "phuong": 3, "thi tran": 3,
          "dac khu": 3}  # fmt: skip
# short forms, and names a card may print from before a 2025 change of the province itself
_ALIASES = {"hcm": "ho chi minh", "tphcm": "ho chi minh", "hn": "ha noi", "br vt": "ba ria vung tau",
            "thua thien hue": "hue"}  # fmt: skip
_PUNCTUATION = re.compile(r"[.\-–—_'’`()/]+")
_NUMBER = re.compile(r"\b0+(\d)")
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
_COUNTRY = {"viet nam", "vietnam", "vn"}


def unit_key(text: str) -> tuple[str, str]:
    """(kind, name) of a unit as written: "TT. Phú Phong" -> ("thi tran", "phu phong"), "P.05" -> ("phuong", "5")."""
    kind, name, _ = _parse(text)
    return kind, name


def _tone_key(word: str) -> str:
    """A word with its tone mark moved to the end, so the old and new placements agree ("hoà" = "hòa")."""
    letters = unicodedata.normalize("NFD", word)
    tones = "".join(ch for ch in letters if ch in _TONES)
    return unicodedata.normalize("NFC", "".join(ch for ch in letters if ch not in _TONES) + tones)


@cache  # the same few thousand official names, parsed once
def _parse(text: str) -> tuple[str, str, str]:
    """kind, folded name, and the name with its diacritics (lowercase) to tell "Hòa" from "Hóa"."""
    exact = [_tone_key(w) for w in _NUMBER.sub(r"\1", _PUNCTUATION.sub(" ", clean(text).lower())).split()]
    words = [fold(w) for w in exact]
    joined = " ".join(words)
    if joined in _ALIASES:
        return "", _ALIASES[joined], _ALIASES[joined]
    for written, kind in _KINDS:
        n = len(written.split())
        if len(words) > n and " ".join(words[:n]) == written:
            name = " ".join(words[n:])
            return kind, _ALIASES.get(name, name), " ".join(exact[n:])
    return "", joined, " ".join(exact)


@dataclass(frozen=True)
class OldProvince:
    name: str
    new_provinces: tuple[int, ...]  # most of its communes first


@dataclass(frozen=True)
class OldDistrict:
    name: str
    province: int


@dataclass(frozen=True)
class OldWard:
    name: str
    district: int
    new_wards: tuple[int, ...]  # empty when the conversion table has no row for it


@dataclass(frozen=True)
class NewWard:
    name: str
    province: int


@dataclass(frozen=True)
class UnitChanges:
    """The conversion table: old units by code, the new units they became, the new units by code."""

    old_provinces: dict[int, OldProvince]
    old_districts: dict[int, OldDistrict]
    old_wards: dict[int, OldWard]
    new_provinces: dict[int, str]
    new_wards: dict[int, NewWard]

    @cached_property
    def _province_keys(self) -> dict[str, list[int]]:
        return _index((code, p.name) for code, p in self.old_provinces.items())

    @cached_property
    def _new_province_keys(self) -> dict[str, list[int]]:
        return _index(self.new_provinces.items())

    @cached_property
    def _districts_of(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for code, d in self.old_districts.items():
            out.setdefault(d.province, []).append(code)
        return out

    @cached_property
    def _wards_of(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for code, w in self.old_wards.items():
            out.setdefault(w.district, []).append(code)
        return out

    @cached_property
    def _new_wards_of(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for code, w in self.new_wards.items():
            out.setdefault(w.province, []).append(code)
        return out


def _index(named: Iterable[tuple[int, str]]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for code, name in named:
        out.setdefault(unit_key(name)[1], []).append(code)
    return out


def _pick(written: str, codes: Iterable[int], names: dict[int, str]) -> list[int]:
    """The codes whose name matches `written`: its kind too when written, its diacritics when written."""
    kind, name, exact = _parse(written)
    parsed = {c: _parse(names[c]) for c in codes}
    found = [
        c for c, (k, n, _) in parsed.items() if n == name and (not kind or _LEVEL.get(k) == _LEVEL[kind])
    ]
    if fold(exact) != exact:  # written with diacritics: "Thuận Hòa" is not "Thuận Hóa"
        found = [c for c in found if parsed[c][2] == exact]
    if kind and len(found) > 1:
        found = [c for c in found if parsed[c][0] == kind] or found
    return found


def same_unit(written: str, official: str) -> bool:
    """Whether `written` names the unit `official` (kind level, name, diacritics when written)."""
    return _pick(written, [0], {0: official}) == [0]


@dataclass(frozen=True)
class NewUnit:
    """A current unit the old address may now be in: a province, and its commune when known."""

    province_code: int
    province: str
    ward_code: int | None = None
    ward: str = ""


@dataclass(frozen=True)
class OldAddress:
    """What was read: the street part, the old units recognised (official names, "" when not), the candidates."""

    text: str
    street: str
    ward: str = ""
    district: str = ""
    province: str = ""
    candidates: tuple[NewUnit, ...] = ()


def map_old_address(text: str, table: UnitChanges) -> OldAddress:
    """The current units an address printed before the merger is now in (see the module's docstring)."""
    text = clean(text)
    parts = [p.strip() for p in text.split(",") if p.strip()]
    while parts and unit_key(parts[-1])[1] in _COUNTRY:
        parts.pop()
    if not parts:
        return OldAddress(text, text)
    kind, name = unit_key(parts[-1])
    old = table._province_keys.get(name, [])
    new = table._new_province_keys.get(name, [])
    if len(old) != 1 and len(new) != 1:
        return OldAddress(text, text)
    if len(old) != 1:  # "Thành phố Huế": a name only the new units have
        return _new_style(text, parts, table, (new[0],), "")
    province = old[0]
    province_name = table.old_provinces[province].name
    rest = parts[:-1]
    if not rest:
        return OldAddress(text, "", province=province_name, candidates=_provinces(table, province))
    district_names = {c: table.old_districts[c].name for c in table._districts_of.get(province, [])}
    districts = _pick(rest[-1], district_names, district_names)
    if len(districts) != 1:
        return _new_style(text, parts, table, table.old_provinces[province].new_provinces, province_name)
    district = districts[0]
    ward_names = {c: table.old_wards[c].name for c in table._wards_of.get(district, [])}
    wards = _pick(rest[-2], ward_names, ward_names) if len(rest) > 1 else []
    base = OldAddress(text, ", ".join(rest[:-1]), district=district_names[district], province=province_name)
    if len(wards) != 1 or not table.old_wards[wards[0]].new_wards:
        targets = {t for w in ward_names for t in table.old_wards[w].new_wards}
        provinces = sorted({table.new_wards[t].province for t in targets})
        return replace(base, candidates=tuple(NewUnit(p, table.new_provinces[p]) for p in provinces))
    ward = table.old_wards[wards[0]]
    units = tuple(_new_unit(table, code) for code in ward.new_wards)
    return replace(base, street=", ".join(rest[:-2]), ward=ward.name, candidates=units)


def _new_style(
    text: str, parts: list[str], table: UnitChanges, provinces: tuple[int, ...], old: str
) -> OldAddress:
    """'…, commune, province' without a known district (a card of the new units, or a district renamed
    since): a new commune of the province, or an old one, named just before it or one part earlier."""
    new_names = {c: table.new_wards[c].name for p in provinces for c in table._new_wards_of.get(p, [])}
    old_names: dict[int, str] = {}
    if old:
        province = next(c for c, p in table.old_provinces.items() if p.name == old)
        old_names = {
            c: table.old_wards[c].name
            for d in table._districts_of.get(province, [])
            for c in table._wards_of.get(d, [])
        }
    # one part earlier only past a district-level part ("…, Phường Vĩnh Ninh, TP Huế, Thừa Thiên Huế")
    tries = (2, 3) if len(parts) > 2 and _LEVEL.get(_parse(parts[-2])[0]) == 2 else (2,)
    for at in tries[: max(0, len(parts) - 1)]:
        found = _pick(parts[-at], new_names, new_names)
        ward_name = ""
        if not found:
            olds = _pick(parts[-at], old_names, old_names)
            if len(olds) == 1:
                ward_name = table.old_wards[olds[0]].name
                found = list(table.old_wards[olds[0]].new_wards)
        if found:
            units = tuple(_new_unit(table, c) for c in dict.fromkeys(found))
            return OldAddress(text, ", ".join(parts[:-at]), ward=ward_name, province=old, candidates=units)
    street = ", ".join(parts[:-1])
    return OldAddress(
        text, street, province=old, candidates=tuple(NewUnit(p, table.new_provinces[p]) for p in provinces)
    )


def _provinces(table: UnitChanges, old_province: int) -> tuple[NewUnit, ...]:
    return tuple(NewUnit(p, table.new_provinces[p]) for p in table.old_provinces[old_province].new_provinces)


def _new_unit(table: UnitChanges, code: int) -> NewUnit:
    ward = table.new_wards[code]
    return NewUnit(ward.province, table.new_provinces[ward.province], code, ward.name)

"""Post-2025 administrative units (34 provinces, ~3,300 communes/wards) from the `vietnam-provinces`
package, and composing an address line from a street part, a ward and a province.

Addresses printed on ID cards still carry the old unit names (domain §5), so an address is never
validated against this list: the officer may always type free text instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from vietnam_provinces import Province, VietNamDivisionType, Ward

from desktop.core.collation import sort_key
from desktop.core.text import clean


@dataclass(frozen=True)
class Unit:
    code: str
    name: str  # as written in an address: "Tỉnh Gia Lai", "Thành phố Huế", "Xã Ia Grai"


def _province_name(p: Province) -> str:
    if p.division_type == VietNamDivisionType.TINH and not p.name.startswith("Tỉnh"):
        return f"Tỉnh {p.name}"
    return p.name


def province_sort_key(name: str) -> tuple[str, str]:
    """Vietnamese order of the proper name: "Thành phố Hà Nội" among the H, "Tỉnh Đắk Lắk" after the D."""
    for kind in ("Tỉnh ", "Thành phố "):
        if name.startswith(kind):
            name = name[len(kind) :]
    return sort_key(name), name


@cache
def provinces() -> tuple[Unit, ...]:
    """The 34 provinces and centrally governed cities, in Vietnamese order of their proper names."""
    units = [Unit(str(p.code.value), _province_name(p)) for p in Province.iter_all()]
    return tuple(sorted(units, key=lambda u: province_sort_key(u.name)))


@cache
def province_names() -> tuple[str, ...]:
    """The provinces as the unit records them ("Gia Lai", "Thành phố Huế"), in Vietnamese order."""
    return tuple(sorted((p.name for p in Province.iter_all()), key=province_sort_key))


@cache
def wards(province_code: str) -> tuple[Unit, ...]:
    """The communes, wards and special zones of a province, sorted by name ('' or unknown: none)."""
    try:
        code = int(province_code)
    except ValueError:
        return ()
    units = [Unit(str(w.code.value), w.name) for w in Ward.iter_all() if int(w.province_code.value) == code]
    return tuple(sorted(units, key=lambda u: (sort_key(u.name), u.name)))


def unit_name(units: tuple[Unit, ...], code: str) -> str:
    return next((u.name for u in units if u.code == code), "")


def compose_address(street: str, province_code: str = "", ward_code: str = "") -> str:
    """'street, ward, province' from the parts chosen (free text alone when no unit is chosen)."""
    province = unit_name(provinces(), province_code) if province_code else ""
    ward = unit_name(wards(province_code), ward_code) if ward_code and province_code else ""
    parts = [clean(street), ward, province]
    return ", ".join(p for p in parts if p)

"""The current province and commune of an address printed before the July 2025 merger (an ID card's), as
choices of the intake form's lists (`desktop.services.addresses`, vietnam-provinces 2025.10).

The conversion table (`desktop.store.unit_changes`) names the new units with the official codes and spellings,
which differ here and there from the list the form offers; a new unit is matched to that list by province and
name. The officer confirms or changes what is proposed: nothing here writes anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from desktop.core.old_address import NewUnit, OldAddress, map_old_address, same_unit, unit_key
from desktop.services import addresses
from desktop.store.unit_changes import unit_changes


@dataclass(frozen=True)
class Choice:
    """A current unit to propose: codes of the form's lists (`ward_code` "" when only the province is known)."""

    province_code: str
    ward_code: str
    label: str  # "Xã Tây Sơn, Tỉnh Gia Lai"


@dataclass(frozen=True)
class CardAddress:
    old: OldAddress
    choices: tuple[Choice, ...]  # one: fill it; several: the officer picks; none: keep the old text

    @property
    def communes(self) -> tuple[Choice, ...]:
        """The choices down to the commune: what the intake form fills (a province alone fills nothing)."""
        return tuple(c for c in self.choices if c.ward_code)

    @property
    def street(self) -> str:
        """What stays in the address line once a commune is chosen (the whole text when none can be)."""
        return self.old.street if self.communes else self.old.text


@cache
def _wards_by_name(province_code: str) -> dict[str, list[addresses.Unit]]:
    out: dict[str, list[addresses.Unit]] = {}
    for ward in addresses.wards(province_code):
        out.setdefault(unit_key(ward.name)[1], []).append(ward)
    return out


def choice_for(unit: NewUnit) -> Choice | None:
    province = str(unit.province_code)
    province_name = addresses.unit_name(addresses.provinces(), province)
    if not province_name:
        return None
    if unit.ward_code is None:
        return Choice(province, "", province_name)
    named = _wards_by_name(province).get(unit_key(unit.ward)[1], [])
    ward = next((w for w in named if same_unit(unit.ward, w.name)), None)
    if ward is None:
        return None
    return Choice(province, ward.code, f"{ward.name}, {province_name}")


def map_card_address(text: str) -> CardAddress:
    old = map_old_address(text, unit_changes())
    choices = [c for c in map(choice_for, old.candidates) if c is not None]
    return CardAddress(old, tuple(dict.fromkeys(choices)))

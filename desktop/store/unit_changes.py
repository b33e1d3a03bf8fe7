"""Reading the shipped table of the July 2025 merger of units (`resources/addresses/unit-changes-2025.json`,
built by `desktop.store.unit_changes_build`, provenance in `resources/addresses/PROVENANCE.md`) into the
`UnitChanges` that `desktop.core.old_address` maps with."""

from __future__ import annotations

import json
from functools import cache

from desktop.core.old_address import NewWard, OldDistrict, OldProvince, OldWard, UnitChanges
from desktop.resources import resource

FILE = ("addresses", "unit-changes-2025.json")


@cache
def unit_changes() -> UnitChanges:
    data = json.loads(resource(*FILE).read_text(encoding="utf-8"))
    return UnitChanges(
        old_provinces={c: OldProvince(n, tuple(new)) for c, n, new in data["old_provinces"]},
        old_districts={c: OldDistrict(n, p) for c, n, p in data["old_districts"]},
        old_wards={c: OldWard(n, d, tuple(new)) for c, n, d, new in data["old_wards"]},
        new_provinces={c: n for c, n in data["new_provinces"]},
        new_wards={c: NewWard(n, p) for c, n, p in data["new_wards"]},
    )

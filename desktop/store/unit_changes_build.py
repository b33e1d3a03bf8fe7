"""Build the shipped table of the July 2025 merger of units (`resources/addresses/unit-changes-2025.json`).

    python -m desktop.store.unit_changes_build WHEEL           # writes the file
    python -m desktop.store.unit_changes_build WHEEL --check   # exit 0 when the shipped file is what WHEEL gives

WHEEL is `vietnam_provinces-2026.9.0-py3-none-any.whl` from PyPI (`pip download --no-deps --only-binary=:all:
--python-version 3.12 vietnam-provinces==2026.9.0`). From 2026.2 the package carries the pre-2025 units
(`vietnam_provinces.legacy`) and the National Statistics Office's conversion table
(`BangChuyendoiĐVHCmoi_cu_khong_merge.csv`, danhmuchanhchinh.nso.gov.vn) as `_ward_conversion_2025` and
`_province_conversion_2025`; those releases need Python 3.12, the application supports 3.11, so the table is
copied here rather than depended on (provenance in `resources/addresses/PROVENANCE.md`). The wheel is pure
Python and is imported straight from the zip, in place of the installed 2025 release, so this runs in its own
process. The output is reproducible: sorted by code, one unit a line, no timestamp.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from desktop.resources import resource

FILE = ("addresses", "unit-changes-2025.json")


def targets_of(entry: Any) -> tuple[Any, ...]:
    return tuple(entry.new_wards) if entry else ()


def read_wheel(wheel: Path) -> dict[str, Any]:
    if "vietnam_provinces" in sys.modules:
        raise SystemExit("vietnam_provinces is already imported: run this module in its own process")
    sys.path.insert(0, str(wheel))
    vp = importlib.import_module("vietnam_provinces")
    new = importlib.import_module("vietnam_provinces._lookup")
    wards = importlib.import_module("vietnam_provinces._ward_conversion_2025")
    old = importlib.import_module("vietnam_provinces.legacy._lookup")

    if not str(vp.__file__).startswith(str(wheel)):
        raise SystemExit(f"vietnam_provinces was imported from {vp.__file__}, not from {wheel}")
    per_province: dict[int, Counter[int]] = {}
    old_wards = []
    for code, ward in sorted(old.WARD_MAPPING.items()):
        entry = wards.OLD_TO_NEW.get(code)
        targets = [n.code for n in targets_of(entry)]
        district = old.DISTRICT_MAPPING[int(ward.district_code)]
        per_province.setdefault(int(district.province_code), Counter()).update(
            n.province_code for n in targets_of(entry)
        )
        old_wards.append([int(code), ward.name, int(ward.district_code), targets])
    return {
        "about": "Pre-July-2025 units and the new commune-level units each became (Resolution 202/2025/QH15 for "
        "provinces, the NA Standing Committee's 2025 resolutions for communes), from the National Statistics Office's "
        "conversion table as carried by vietnam-provinces; see PROVENANCE.md",
        "package": f"vietnam-provinces {vp.__version__} (data {vp.__data_version__})",
        "source": wards.SOURCE,
        "effective": wards.EFFECTIVE_DATE,
        "new_provinces": [[int(c), p.name] for c, p in sorted(new.PROVINCE_MAPPING.items())],
        "new_wards": [[int(c), w.name, int(w.province_code)] for c, w in sorted(new.WARD_MAPPING.items())],
        "old_provinces": [
            [int(c), p.name, [code for code, _ in per_province.get(int(c), Counter()).most_common()]]
            for c, p in sorted(old.PROVINCE_MAPPING.items())
        ],
        "old_districts": [
            [int(c), d.name, int(d.province_code)] for c, d in sorted(old.DISTRICT_MAPPING.items())
        ],
        "old_wards": old_wards,
    }


def render(data: dict[str, Any]) -> str:
    """JSON with one unit a line, so a data update reads as a small diff."""
    lines = ["{"]
    items = list(data.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if isinstance(value, list):
            rows = [json.dumps(row, ensure_ascii=False) for row in value]
            lines.append(f"  {json.dumps(key)}: [")
            lines += [f"    {row}," for row in rows[:-1]] + [f"    {rows[-1]}"]
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the shipped table of the July 2025 merger of units.")
    parser.add_argument("wheel", type=Path, help="vietnam_provinces-2026.9.0-py3-none-any.whl")
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped file differs")
    args = parser.parse_args(argv)
    text = render(read_wheel(args.wheel.resolve()))
    target = resource(*FILE)
    if args.check:
        same = target.is_file() and target.read_text(encoding="utf-8") == text
        print("identical" if same else f"{target} differs from what the wheel gives")
        return 0 if same else 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({len(text.encode()) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

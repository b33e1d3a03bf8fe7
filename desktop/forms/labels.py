"""The wording of the printed forms, read from `resources/forms/labels_vi.json`.

Labels are data so a province can fix a wording without a code change. Dates written out in words follow
the Vietnamese administrative style (Decree 30/2020 convention [U]): day below 10 and months 1-2 get a
leading zero ("ngày 05 tháng 8 năm 2026"). Numeric dates are always dd/mm/yyyy ("05/08/2026"), the same on
the register, the roll slip and the reprint mark.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from desktop.core.text import nfc
from desktop.core.timeutil import as_local
from desktop.resources import resource


@cache
def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def labels_path() -> Path:
    return resource("forms", "labels_vi.json")


def raw(form: str, key: str) -> Any:
    """A label value as stored (string or list), from `form`, falling back to `common`."""
    data = _load(labels_path())
    for section in (form, "common"):
        values = data.get(section, {})
        if key in values:
            return values[key]
    raise KeyError(f"label {form}.{key} missing in {labels_path()}")


def text(form: str, key: str, **values: object) -> str:
    """The label `key` of `form` with its {placeholders} filled, NFC-normalised."""
    template = raw(form, key)
    return nfc(str(template).format(**values)) if values else nfc(str(template))


def date_parts(value: date | datetime, *, numeric: bool = False) -> dict[str, str]:
    """{day, month, year, hour, minute} as printed. In words: 05, 02, 12 (months 1-2 padded, 3-12 not);
    `numeric` (dd/mm/yyyy): every month padded, 08."""
    if isinstance(value, datetime):
        value = as_local(value)
    parts = {
        "day": f"{value.day:02d}",
        "month": f"{value.month:02d}" if numeric or value.month < 3 else str(value.month),
        "year": str(value.year),
    }
    if isinstance(value, datetime):
        parts.update(hour=f"{value.hour:02d}", minute=f"{value.minute:02d}")
    return parts


def long_date(value: date | datetime) -> str:
    """ "ngày 05 tháng 02 năm 2026"."""
    return text("common", "date", **date_parts(value))


def long_time(value: datetime | None) -> str:
    """ "09 giờ 30 phút, ngày 23 tháng 11 năm 2026", or a dotted blank to fill by hand."""
    if value is None:
        return text("common", "blank_time")
    return text("common", "time", **date_parts(value))


def short_date(value: date | datetime | None) -> str:
    """ "23/11/2026" (register columns); empty for None."""
    if value is None:
        return ""
    parts = date_parts(value, numeric=True)
    return f"{parts['day']}/{parts['month']}/{parts['year']}"

"""Reference data the province publishes to the counters (issue 20, Deliver 5): procedure catalogue
versions and official working calendars (`motcua-server admin publish-catalogue|publish-calendar FILE
[--unit CODE]`), and a unit's settings (`admin set-unit-settings --unit CODE [--office-hours TEXT]
[--lookup-url URL]`, item `unit_settings`, checked by the workstation as `motcua unit set` checks them).

The documents are the workstation's own formats (`resources/catalogue/procedures.json` with a `version`
and an `effective_from` date; `resources/calendar/vn-civil-service.json`, what `motcua calendar import`
takes). The server does not import `desktop`: it checks the shape it needs to announce them (a version, a
date, procedures with a code and a name, listed years, no year already past) and the workstation checks
the whole document when the item comes down (fee lines, time limits, calendar days), refusing a bad one
with its reason in the sync history. The document is stored in the feed itself: one item per unit
(`catalogue_version`, `calendar`), in one transaction with the feed's lock. A unit created afterwards
does not get earlier publications: publish again for it (`--unit`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError as PydanticError
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.common.errors import ValidationError
from sync.common.timeutil import today_local
from sync.protocol import (
    CHANGE_CALENDAR,
    CHANGE_CATALOGUE,
    CHANGE_UNIT_SETTINGS,
    CalendarChange,
    CatalogueChange,
    UnitSettingsChange,
)
from sync.server.feed import serialise_feed
from sync.server.models import ServerChange, ServerUnit


def _bad(what: str, problem: str) -> ValidationError:
    return ValidationError(f"{what} không hợp lệ: {problem}.", "file")


def catalogue_change(data: Any) -> CatalogueChange:
    """The feed item for a catalogue document; ValidationError (Vietnamese) when it cannot be one."""
    what = "Danh mục thủ tục"
    if not isinstance(data, dict):
        raise _bad(what, "tệp phải là một đối tượng JSON {…}")
    version = str(data.get("version") or "").strip()
    if not version or len(version) > 60:
        raise _bad(what, "thiếu phiên bản (version, tối đa 60 ký tự)")
    try:
        effective = date.fromisoformat(str(data.get("effective_from")))
    except ValueError:
        raise _bad(what, "thiếu ngày có hiệu lực (effective_from, dạng YYYY-MM-DD)") from None
    procedures = data.get("procedures")
    if not isinstance(procedures, list) or not procedures:
        raise _bad(what, "không có thủ tục nào (procedures)")
    for index, item in enumerate(procedures):
        if not isinstance(item, dict) or not str(item.get("code") or "").strip() or not item.get("name"):
            raise _bad(what, f"thủ tục thứ {index + 1} thiếu mã hoặc tên")
        if not isinstance(item.get("fees", []), list) or not isinstance(item.get("documents", []), list):
            raise _bad(what, f"thủ tục {item['code']}: fees và documents phải là danh sách")
    try:
        return CatalogueChange(version=version, effective_from=effective, catalogue=data)
    except PydanticError as exc:
        raise _bad(what, exc.errors()[0]["msg"]) from None


def calendar_change(data: Any) -> CalendarChange:
    """The feed item for a calendar document; ValidationError when it cannot be one or gives a past year."""
    what = "Lịch làm việc"
    if not isinstance(data, dict):
        raise _bad(what, "tệp phải là một đối tượng JSON {…}")
    years = data.get("years")
    if not isinstance(years, list) or not years or not all(type(y) is int for y in years):
        raise _bad(what, "thiếu danh sách năm (years)")
    past = sorted(y for y in years if y < today_local().year)
    if past:
        raise _bad(what, f"năm {past[0]} đã qua, không gửi lịch của năm đã qua")
    if not isinstance(data.get("exceptions", []), list):
        raise _bad(what, "exceptions phải là danh sách")
    try:
        return CalendarChange(version=str(data.get("version") or ""), years=years, schedule=data)
    except PydanticError as exc:
        raise _bad(what, f"phiên bản (version) {exc.errors()[0]['msg']}") from None


def unit_settings_change(
    unit_code: str, office_hours: str | None, lookup_url: str | None
) -> UnitSettingsChange:
    """The feed item for settings of one unit; ValidationError when none is given or one is too long."""
    if office_hours is None and lookup_url is None:
        raise ValidationError("Hãy cho --office-hours hoặc --lookup-url.", "unit_settings")
    try:
        return UnitSettingsChange(unit=unit_code.strip(), office_hours=office_hours, lookup_url=lookup_url)
    except PydanticError as exc:
        raise _bad("Thông tin đơn vị", exc.errors()[0]["msg"]) from None


KINDS = {
    CatalogueChange: CHANGE_CATALOGUE,
    CalendarChange: CHANGE_CALENDAR,
    UnitSettingsChange: CHANGE_UNIT_SETTINGS,
}


def announce(
    session: Session,
    item: CatalogueChange | CalendarChange | UnitSettingsChange,
    unit_code: str | None = None,
) -> int:
    """Put `item` into the feed of `unit_code` (None: every unit); the number of units it reached."""
    serialise_feed(session)
    query = select(ServerUnit).order_by(ServerUnit.id)
    if unit_code is not None:
        query = query.where(ServerUnit.code == unit_code.strip())
    units = list(session.scalars(query))
    if not units:
        raise ValidationError(
            f"Không có đơn vị '{unit_code}'." if unit_code else "Chưa có đơn vị nào.", "unit"
        )
    kind = KINDS[type(item)]
    for unit in units:
        body = item.model_copy(update={"unit": unit.code if unit_code else None}).model_dump(mode="json")
        session.add(ServerChange(unit_id=unit.id, kind=kind, body=body))
    return len(units)

"""Reference data from the province on the workstation (issue 20, Deliver 5): catalogue versions and
official working calendars that come down in `GET /changes` (`sync.client.changes`, inside the page's
transaction).

- `catalogue_version`: checked whole (`desktop.store.catalogue.validate_catalogue`: time limits, papers,
  fee lines) and stored as a new dated version (`load_catalogue`), in force from its `effective_from`
  (`active_version`); dossiers received before keep the procedure of their own version. A version
  already held: nothing happens.
- `calendar`: checked as `motcua calendar import` checks a file (`parse_schedule`, then `apply_schedule`:
  no version older than the one in force) and refused when it gives a year already past (the days counted
  then are not rewritten).
- `unit_settings`: the office hours and the lookup address, checked as `motcua unit set` checks them
  (`desktop.core.unit_fields`); office hours apply to dossiers received from then on.
- an item meant for another unit (`unit`): refused.

Each returns the label of what it installed for the pass summary, None when it was there already;
`Refused` with the Vietnamese reason otherwise.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.calendar_schedule import parse_schedule
from desktop.core.errors import ValidationError
from desktop.core.timeutil import today_local
from desktop.core.unit_fields import check_lookup_url, format_office_hours, parse_office_hours
from desktop.store import settings
from desktop.store.calendar_apply import apply_schedule
from desktop.store.calendar_repo import imported_schedule, office_hours_of
from desktop.store.catalogue import load_catalogue
from desktop.store.models import CatalogueVersion, Unit
from sync.protocol import CalendarChange, CatalogueChange, UnitSettingsChange

SERVER_SOURCE = "server"


class Refused(Exception):
    """Reference data not applied; the message (Vietnamese) goes to the pass history."""


def _for_unit(unit: str | None, unit_code: str, what: str) -> None:
    if unit is not None and unit != unit_code:
        raise Refused(f"{what} gửi cho đơn vị {unit}, không phải đơn vị {unit_code}: đã bỏ qua.")


def apply_catalogue(session: Session, item: CatalogueChange, unit_code: str) -> str | None:
    what = f"Danh mục thủ tục {item.version}"
    _for_unit(item.unit, unit_code, what)
    data = dict(item.catalogue, version=item.version, effective_from=item.effective_from.isoformat())
    if session.scalar(select(CatalogueVersion.id).where(CatalogueVersion.version == item.version)):
        return None
    try:
        load_catalogue(session, data, SERVER_SOURCE)
    except ValidationError as exc:
        raise Refused(f"{what} không được nạp: {exc}") from None
    return f"danh mục thủ tục {item.version} (hiệu lực từ {item.effective_from:%d/%m/%Y})"


def apply_calendar(session: Session, item: CalendarChange, unit_code: str) -> str | None:
    what = f"Lịch làm việc {item.version}"
    _for_unit(item.unit, unit_code, what)
    held = imported_schedule(session)
    if held is not None and held.version == item.version:
        return None
    try:
        data = parse_schedule(item.schedule)
        past = [year for year in data.years if year < today_local().year]
        if past:
            raise ValidationError(f"năm {past[0]} đã qua, lịch của năm đã qua không được thay.", "years")
        apply_schedule(session, data, SERVER_SOURCE)
    except ValidationError as exc:
        raise Refused(f"{what} không được nạp: {exc}") from None
    return f"lịch làm việc {data.version} (năm {', '.join(map(str, data.years))})"


def apply_unit_settings(session: Session, item: UnitSettingsChange, unit_code: str) -> str | None:
    what = "Thông tin đơn vị"
    _for_unit(item.unit, unit_code, what)
    unit_id = settings.get(session, settings.UNIT_ID)
    unit = session.get(Unit, int(unit_id)) if unit_id.isdigit() else None
    if unit is None:
        raise Refused(f"{what} tỉnh gửi về chưa nạp được: máy trạm chưa thiết lập đơn vị.")
    try:
        hours = None if item.office_hours is None else parse_office_hours(item.office_hours)
        url = None if item.lookup_url is None else check_lookup_url(item.lookup_url)
    except ValidationError as exc:
        raise Refused(f"{what} tỉnh gửi về không được nạp: {exc}") from None
    said = []
    if hours is not None and hours != office_hours_of(unit):
        unit.office_hours = hours.to_dict()
        said.append(f"giờ làm việc {format_office_hours(hours)}")
    if url is not None and url != unit.lookup_url:
        unit.lookup_url = url
        said.append(f"địa chỉ tra cứu {url}")
    return f"thông tin đơn vị ({'; '.join(said)})" if said else None

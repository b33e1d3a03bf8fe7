"""The unit's settings an administrator may change after setup (Qt-free; the GUI and `motcua unit` share it).

- `province`: required, as at setup.
- `lookup_url`: the provincial lookup page the receipt's QR carries; http(s) with a `{code}` placeholder
  (replaced by the dossier code), or empty for a QR holding the bare code.
- `office_hours`: the sessions of a working day used by the legal clock, written
  "07:30-11:30,13:30-17:00"; a morning and, optionally, an afternoon session, in order.
- `register_book`: the current "Quyển số" of the tracking register, printed on the receipt. Kept per
  workstation (the register number is the workstation's sequence too) and copied onto each dossier when
  it is received, so a reprint shows the book the dossier was entered in.

Changed office hours apply to dossiers received from then on: each dossier keeps the hours its
appointment was computed with (`Dossier.time_rule`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop.core.errors import NotFoundError, ValidationError
from desktop.core.unit_fields import (
    check_lookup_url,
    check_register_book,
    format_office_hours,
    parse_office_hours,
)
from desktop.services.accounts import SignedIn, check_province
from desktop.store import settings
from desktop.store.calendar_repo import office_hours_of
from desktop.store.engine import Store
from desktop.store.models import Unit

log = logging.getLogger(__name__)

__all__ = ["UnitChanges", "UnitSettings", "load_unit_settings", "parse_office_hours", "update_unit_settings"]


@dataclass(frozen=True)
class UnitSettings:
    """The unit as shown to the administrator (name and code are fixed at setup)."""

    code: str
    name: str
    province: str
    lookup_url: str
    office_hours: str  # "07:30-11:30,13:30-17:00"
    register_book: str


@dataclass(frozen=True)
class UnitChanges:
    """What to change; None leaves a setting as it is."""

    province: str | None = None
    lookup_url: str | None = None
    office_hours: str | None = None
    register_book: str | None = None


def _unit(session: Session) -> Unit:
    unit_id = settings.get(session, settings.UNIT_ID)
    unit = session.get(Unit, int(unit_id)) if unit_id.isdigit() else None
    if unit is None:
        raise NotFoundError("Hồ sơ dữ liệu này chưa được thiết lập đơn vị (chạy thiết lập lần đầu trước).")
    return unit


def _read(session: Session, unit: Unit) -> UnitSettings:
    return UnitSettings(
        code=unit.code,
        name=unit.name,
        province=unit.province,
        lookup_url=unit.lookup_url,
        office_hours=format_office_hours(office_hours_of(unit)),
        register_book=settings.get(session, settings.REGISTER_BOOK),
    )


def load_unit_settings(store: Store) -> UnitSettings:
    with store.session() as session:
        return _read(session, _unit(session))


def update_unit_settings(store: Store, changes: UnitChanges, officer: SignedIn | None = None) -> UnitSettings:
    """Check every change first, then write them all in one transaction. `officer`, when given (the GUI),
    must be an administrator; the command line acts on the profile as its owner."""
    if officer is not None and officer.role != "admin":
        raise ValidationError("Chỉ quản trị viên mới được sửa thông tin đơn vị.")
    province = None if changes.province is None else check_province(changes.province)
    url = None if changes.lookup_url is None else check_lookup_url(changes.lookup_url)
    hours = None if changes.office_hours is None else parse_office_hours(changes.office_hours)
    book = None if changes.register_book is None else check_register_book(changes.register_book)
    with store.transaction() as session:
        unit = _unit(session)
        if province is not None:
            unit.province = province
        if url is not None:
            unit.lookup_url = url
        if hours is not None:
            unit.office_hours = hours.to_dict()
        if book is not None:
            settings.put(session, settings.REGISTER_BOOK, book)
        changed = [name for name, value in vars(changes).items() if value is not None]
        log.info("unit settings changed: %s", ", ".join(changed) or "nothing")
        session.flush()
        return _read(session, unit)

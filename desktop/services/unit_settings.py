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
import re
from dataclasses import dataclass
from datetime import time
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from desktop.core.appointment import OfficeHours
from desktop.core.errors import NotFoundError, ValidationError
from desktop.core.text import clean
from desktop.services.accounts import SignedIn, check_province
from desktop.store import settings
from desktop.store.calendar_repo import office_hours_of
from desktop.store.engine import Store
from desktop.store.models import Unit

log = logging.getLogger(__name__)

MAX_SESSIONS = 2
MAX_URL = 300  # Unit.lookup_url
MAX_BOOK = 20  # Dossier.register_book
_SESSION = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")


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


def format_office_hours(hours: OfficeHours) -> str:
    return ",".join(f"{s:%H:%M}-{e:%H:%M}" for s, e in hours.sessions)


def parse_office_hours(text: str) -> OfficeHours:
    """ "07:30-11:30,13:30-17:00" -> OfficeHours; Vietnamese ValidationError on anything else."""
    parts = [p.strip() for p in clean(text).split(",") if p.strip()]
    if not parts:
        raise ValidationError("Hãy nhập giờ làm việc, ví dụ 07:30-11:30,13:30-17:00.", "office_hours")
    if len(parts) > MAX_SESSIONS:
        raise ValidationError(
            "Giờ làm việc có tối đa hai buổi (sáng, chiều), ví dụ 07:30-11:30,13:30-17:00.", "office_hours"
        )
    sessions: list[tuple[time, time]] = []
    for part in parts:
        match = _SESSION.match(part)
        if match is None:
            raise ValidationError(
                f"Buổi làm việc '{part}' không đúng dạng GIỜ:PHÚT-GIỜ:PHÚT, ví dụ 07:30-11:30.",
                "office_hours",
            )
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if not (h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60):
            raise ValidationError(f"Buổi làm việc '{part}' có giờ không hợp lệ.", "office_hours")
        start, end = time(h1, m1), time(h2, m2)
        if start >= end:
            raise ValidationError(
                f"Buổi làm việc '{part}': giờ bắt đầu phải trước giờ kết thúc.", "office_hours"
            )
        if sessions and start < sessions[-1][1]:
            raise ValidationError(
                "Buổi sáng phải kết thúc trước khi buổi chiều bắt đầu (các buổi theo thứ tự, không chồng nhau).",
                "office_hours",
            )
        sessions.append((start, end))
    return OfficeHours(tuple(sessions))


def check_lookup_url(url: str) -> str:
    """The cleaned address; empty is allowed (the QR then holds the bare dossier code)."""
    url = clean(url)
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in url:
        raise ValidationError(
            "Địa chỉ tra cứu phải bắt đầu bằng http:// hoặc https://, ví dụ "
            "https://dichvucong.gialai.gov.vn/tra-cuu?ma={code}.",
            "lookup_url",
        )
    if "{code}" not in url:
        raise ValidationError("Địa chỉ tra cứu phải có chỗ {code} để điền mã hồ sơ.", "lookup_url")
    if len(url) > MAX_URL:
        raise ValidationError(f"Địa chỉ tra cứu dài quá {MAX_URL} ký tự.", "lookup_url")
    return url


def check_register_book(book: str) -> str:
    book = clean(book)
    if len(book) > MAX_BOOK:
        raise ValidationError(f"Quyển số dài quá {MAX_BOOK} ký tự.", "register_book")
    return book


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

"""The unit's settings as typed (office hours, the provincial lookup address, the register book): parsing
and checks with Vietnamese messages, no I/O. Shared by `desktop.services.unit_settings` (the GUI, `motcua
unit set`) and the sync (`sync.client.reference`, settings the province sends)."""

from __future__ import annotations

import re
from datetime import time
from urllib.parse import urlsplit

from desktop.core import limits
from desktop.core.appointment import OfficeHours
from desktop.core.errors import ValidationError
from desktop.core.text import clean

MAX_SESSIONS = 2
MAX_URL = limits.URL  # Unit.lookup_url
MAX_BOOK = limits.BOOK  # Dossier.register_book
_SESSION = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")


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

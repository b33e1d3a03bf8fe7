"""Reading a procedure's time limit as the national database and the provinces write it (no I/O).

    parse_time_limit("7 Ngày làm việc")          -> every channel: 7 working days ("days")
    parse_time_limit("10 Ngày")                  -> 10 calendar days ("caldays")
    parse_time_limit("4 Giờ")                    -> 4 working hours ("hours")
    parse_time_limit("Ngay trong ngày …; … sau 15 giờ …")  -> same day, cut-off 15:00 ("sameday")
    parse_time_limit("Trực tuyến/Dịch vụ bưu chính: 30 Ngày; Trực tiếp: 30 Ngày làm việc")  -> per channel

Units: "Ngày làm việc" working days, "Ngày" calendar days, "Giờ" / "Giờ làm việc" working hours, "Trong
ngày" / "Ngay trong ngày" the same day (the cut-off when the text writes "sau 15 giờ"). A text without a
channel label gives the limit of every channel; "Trực tiếp" (in person) is the counter's.

A text that does not say the limit unambiguously gets a `problem` (Vietnamese) and no limits: empty or
"Không có thông tin", a bare number whose unit was lost ("3", "120,000"), an unknown unit, two different
limits for one channel, no in-person limit, an absurd amount. Never a guessed number: the catalogue then
marks the procedure "thời hạn chưa xác nhận".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import time
from typing import Any

from desktop.core.text import clean, fold

IN_PERSON, ONLINE, POST = "truc_tiep", "truc_tuyen", "buu_chinh"
CHANNELS = (IN_PERSON, ONLINE, POST)
CHANNEL_LABELS = {IN_PERSON: "Trực tiếp", ONLINE: "Trực tuyến", POST: "Dịch vụ bưu chính"}
# folded channel words as the source writes them (longest first)
_CHANNEL_WORDS = (
    ("dich vu buu chinh", POST),
    ("buu chinh", POST),
    ("truc tuyen", ONLINE),
    ("truc tiep", IN_PERSON),
)
# folded unit words -> unit (longest first): working days, calendar days, working hours
_UNITS = (("ngay lam viec", "days"), ("gio lam viec", "hours"), ("ngay", "caldays"), ("gio", "hours"))
_MAX = {"days": 365, "caldays": 365, "hours": 365 * 8}
_NO_INFO = ("", "khong co thong tin", "khong quy dinh", "khong")
_AMOUNT = re.compile(r"^(\d{1,4}(?:[.,]\d{1,2})?)\s*(.*)$")
_BARE = re.compile(r"[\d.,\s]+")
_SAMEDAY = re.compile(r"^(ngay )?trong (ngay|ngay lam viec)\b")
_CUTOFF = re.compile(r"sau (\d{1,2})\s*(?:gio|h)\s*(\d{2})?")
_TRAILER = ("ke tu", "tinh tu", "(", ",", ".", "-")  # "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"


@dataclass(frozen=True)
class Limit:
    """One channel's limit: `amount` in `unit` ("days", "caldays", "hours", "sameday"), `cutoff` for sameday."""

    amount: float
    unit: str
    cutoff: time | None = None

    def as_json(self) -> dict[str, Any]:
        amount: float | int = int(self.amount) if self.amount == int(self.amount) else self.amount
        cutoff = self.cutoff.strftime("%H:%M") if self.cutoff else None
        return {"amount": amount, "unit": self.unit, "cutoff": cutoff}


@dataclass(frozen=True)
class TimeLimitText:
    """What a time-limit text says: a limit per channel, or the `problem` that makes it unreadable."""

    text: str
    limits: dict[str, Limit] = field(default_factory=dict)
    problem: str = ""

    @property
    def in_person(self) -> Limit | None:
        return None if self.problem else self.limits.get(IN_PERSON)


def _refused(text: str, problem: str) -> TimeLimitText:
    return TimeLimitText(text, {}, problem)


def _channels(label: str) -> tuple[str, ...] | None:
    """The channels a label names ("Trực tuyến/Dịch vụ bưu chính"), None when a part is no channel."""
    found: list[str] = []
    for part in (p.strip() for p in fold(label).split("/")):
        channel = next((c for word, c in _CHANNEL_WORDS if part == word), None)
        if channel is None:
            return None
        found.append(channel)
    return tuple(found)


def _sameday(folded: str) -> Limit | None:
    if not _SAMEDAY.match(folded):
        return None
    cut = _CUTOFF.search(folded)
    if cut is None:
        return Limit(0, "sameday")
    hour, minute = int(cut.group(1)), int(cut.group(2) or 0)
    return Limit(0, "sameday", time(hour, minute)) if hour < 24 and minute < 60 else None


def _value(text: str) -> Limit | str:
    """One limit ("7 Ngày làm việc"), or the problem with it."""
    folded = fold(text)
    same = _sameday(folded)
    if same is not None:
        return same
    match = _AMOUNT.match(folded)
    if match is None:
        return f"không đọc được '{clean(text)}'"
    number, rest = match.groups()
    if _BARE.fullmatch(folded):
        return f"'{clean(text)}' không ghi đơn vị (ngày làm việc, ngày hay giờ)"
    word, unit = next(((w, u) for w, u in _UNITS if rest == w or rest.startswith(w + " ")), ("", ""))
    trailer = rest[len(word) :].strip()
    if not unit or (trailer and not trailer.startswith(_TRAILER)):
        return f"không đọc được đơn vị của '{clean(text)}'"
    amount = float(number.replace(",", "."))
    if not 0 < amount <= _MAX[unit]:
        return f"thời hạn '{clean(text)}' không hợp lý"
    return Limit(amount, unit)


def parse_time_limit(text: str | None) -> TimeLimitText:
    """Read a time-limit text (module docstring); never raises, never guesses."""
    source = clean(text or "")
    if fold(source) in _NO_INFO:
        return _refused(source, "không ghi thời hạn giải quyết")
    segments = [s.strip() for s in source.split(";") if s.strip()]
    labelled = any(colon and _channels(label) for label, colon, _ in (s.partition(":") for s in segments))
    whole = None if labelled else _sameday(fold(source))
    if whole is not None:  # its wording may hold ';' ("…; trường hợp nhận hồ sơ sau 15 giờ …")
        return TimeLimitText(source, dict.fromkeys(CHANNELS, whole))
    limits: dict[str, Limit] = {}
    for segment in segments:
        label, colon, rest = segment.partition(":")
        channels = _channels(label) if colon else None
        if channels is None:  # no channel label: the limit of every channel
            channels, rest = CHANNELS, segment
        value = _value(rest)
        if isinstance(value, str):
            return _refused(source, value)
        for channel in channels:
            if limits.setdefault(channel, value) != value:
                return _refused(source, f"hai thời hạn khác nhau cho hình thức {CHANNEL_LABELS[channel]}")
    if IN_PERSON not in limits:
        return _refused(source, "không ghi thời hạn khi nộp trực tiếp")
    return TimeLimitText(source, limits)

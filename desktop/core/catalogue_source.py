"""Reading the national TTHC database's wording (time limits, fees) into catalogue data: pure rules, no I/O.

Used by the catalogue build (`desktop.store.catalogue_build`). Nothing here guesses: a text that does not give
its value unambiguously comes back unconfirmed, never as a number.

**Time limits** (`parse_time_limit`): the source gives one limit for all channels ("7 Ngày làm việc") or one per
group of channels ("Trực tuyến/Dịch vụ bưu chính: 30 Ngày; Trực tiếp: 30 Ngày làm việc"). Units: "Ngày làm
việc" → working days (`days`), "Ngày" → calendar days (`caldays`, the Civil Code count), "Giờ" → working hours
(`hours`). A bare number ("1": the unit was lost), an empty text, "Không có thông tin", zero, a value out of
range, or two different values for one channel leave that channel unconfirmed. The in-person channel ("Trực
tiếp") is the counter's limit: unconfirmed there, the procedure ships `time_confirmed: false`.

**Fees** (`parse_fees`): "Miễn phí" → one zero line; "20,000 VNĐ(…)" → a national amount (the note's
"/trang", "/bản" give the basis); a figure the note contradicts ("20 VNĐ(20.000 đ/tờ khai)") gives no line;
"… do Hội đồng nhân dân … quyết định" → one line without amount, `set_by: "province"` (the province's
resolution sets it; `desktop.core.fees`). Empty or "Không có thông tin" → no line (unknown, not free).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from desktop.core.text import clean, fold

# the source's channel names → the catalogue's keys (`channels`) and the fee model's dossier channels
CHANNELS = {"Trực tiếp": "truc_tiep", "Trực tuyến": "truc_tuyen", "Dịch vụ bưu chính": "buu_chinh"}
FEE_CHANNELS = {"truc_tiep": "direct", "truc_tuyen": "online", "buu_chinh": "postal"}
UNIT_WORDS = {"ngày làm việc": "days", "ngày": "caldays", "giờ": "hours"}
MAX_AMOUNT = {"days": 365, "caldays": 365, "hours": 365}  # what validate_catalogue accepts
UNKNOWN = ("", "không có thông tin")

_SEGMENT = re.compile(r"^(?P<channels>[^:]+):\s*(?P<value>.*)$")
_VALUE = re.compile(r"^(?P<amount>\d+(?:[.,]\d+)?)\s*(?P<unit>[^\d].*)?$")


@dataclass(frozen=True)
class TimeLimit:
    """A parsed time limit: the in-person one (`amount`, `unit`; None when unconfirmed) and every channel's."""

    amount: float | None
    unit: str | None
    channels: dict[str, dict[str, Any]] = field(default_factory=dict)
    problem: str = ""  # why the in-person limit is unconfirmed (English, for the build's report)

    @property
    def confirmed(self) -> bool:
        return self.unit is not None


def _channel_keys(names: str) -> list[str] | None:
    keys = []
    for name in names.split("/"):
        key = CHANNELS.get(name.strip())
        if key is None:
            return None
        keys.append(key)
    return keys


def _value(text: str) -> tuple[float, str] | str:
    """("7 Ngày làm việc") → (7, "days"); a problem (str) when the value is not a limit."""
    match = _VALUE.match(text.strip())
    if match is None:
        return "not a number"
    amount = float(match["amount"].replace(",", "."))
    unit = UNIT_WORDS.get(clean(match["unit"] or "").lower())
    if unit is None:
        return "bare number (unit lost)" if not match["unit"] else f"unknown unit {match['unit']!r}"
    if not 0 < amount <= MAX_AMOUNT[unit] or (unit != "hours" and amount != int(amount)):
        return f"amount {amount:g} out of range"
    return amount, unit


def parse_time_limit(text: str) -> TimeLimit:
    """The source's `time_limit_text` per channel (module docstring)."""
    text = clean(text)
    if text.lower() in UNKNOWN:
        return TimeLimit(None, None, {}, "no time limit in the source")
    found: dict[str, set[tuple[float, str] | str]] = {}
    for segment in (s.strip() for s in text.split(";") if s.strip()):
        match = _SEGMENT.match(segment)
        keys = _channel_keys(match["channels"]) if match else list(CHANNELS.values())
        if keys is None:
            return TimeLimit(None, None, {}, f"unreadable channels in {segment!r}")
        value = _value(match["value"] if match else segment)
        for key in keys:
            found.setdefault(key, set()).add(value)
    channels: dict[str, dict[str, Any]] = {}
    problems: dict[str, str] = {}
    for key, values in found.items():
        limits = [v for v in values if not isinstance(v, str)]
        if len(values) == 1 and limits:
            amount, unit = limits[0]
            channels[key] = {"amount": _number(amount), "unit": unit}
        else:
            channels[key] = {"amount": None, "unit": None}
            problems[key] = "conflicting values" if len(values) > 1 else str(next(iter(values)))
    direct = channels.get("truc_tiep")
    if direct is None or direct["unit"] is None:
        return TimeLimit(None, None, channels, problems.get("truc_tiep", "no in-person limit"))
    return TimeLimit(direct["amount"], direct["unit"], channels)


def _number(value: float) -> float | int:
    return int(value) if value == int(value) else value


# ---- fees ----

_HDND = ("hoi dong nhan dan", "hdnd")
_FIGURE = re.compile(r"^(?P<amount>\d{1,3}(?:,\d{3})*|\d+)\s*(?:VNĐ|Việt Nam Đồng)\s*(?:\((?P<note>.*)\)?)?$")
_NOTE_AMOUNT = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:đ|đồng|vnđ)\b", re.IGNORECASE)


def _fee_value(text: str) -> dict[str, Any] | None:
    """One channel's fee text → the fee line's varying keys; None when the text gives no line."""
    folded = fold(text)
    if not text or folded in ("khong co thong tin",):
        return None
    note = text[text.index("(") + 1 :].rstrip(")").strip() if "(" in text else ""
    if any(marker in folded for marker in _HDND):
        return {"amount": None, "set_by": "province", "note": note}
    if folded.startswith("mien phi"):
        return {"amount": 0, "note": note}
    match = _FIGURE.match(text)
    if match is None:
        return None
    amount = int(match["amount"].replace(",", ""))
    stated = {int(n.replace(".", "")) for n in _NOTE_AMOUNT.findall(note)}
    folded_note = fold(note)
    if (stated and amount not in stated) or "usd" in folded_note:
        return None  # "20 VNĐ(20.000 đ/tờ khai)", "50 VNĐ(… 50USD …)": the figure and its note disagree
    basis = "per_page" if "/trang" in folded_note else "per_copy" if "/ban" in folded_note else "per_case"
    return {"amount": amount, "basis": basis, "note": note}


def parse_fees(code: str, text: str, name: str = "") -> list[dict[str, Any]]:
    """The fee lines (`desktop.core.fees` format) of procedure `code` (`name`) from the source's `fee_text`."""
    text = clean(text)
    per_channel: dict[str, dict[str, Any] | None] = {}
    for segment in (s.strip() for s in re.split(r";\s*(?=[^;:()]+:)", text) if s.strip()):
        match = _SEGMENT.match(segment)
        keys = _channel_keys(match["channels"]) if match else None
        if match and keys is not None:
            for key in keys:
                value = _fee_value(match["value"].strip())
                if key in per_channel and per_channel[key] != value:
                    return []  # conflicting amounts for one channel: none shipped
                per_channel[key] = value
        else:
            return _lines(code, name, {"": _fee_value(segment)})
    return _lines(code, name, per_channel)


FEE_NAME_MAX = 150


def _fee_name(kind: str, procedure: str) -> str:
    """ "Lệ phí gia hạn tạm trú"; the kind alone without the procedure's name."""
    label = "Phí thẩm định" if kind == "phi" else "Lệ phí"
    name = re.sub(r"^Thủ tục\s+", "", clean(procedure))
    if not name:
        return label
    return f"{label} {name[0].lower()}{name[1:]}"[:FEE_NAME_MAX]


def _lines(code: str, name: str, per_channel: dict[str, dict[str, Any] | None]) -> list[dict[str, Any]]:
    groups: dict[str, list[str]] = {}  # the same value for several channels makes one line
    values: dict[str, dict[str, Any]] = {}
    for key, value in per_channel.items():
        if value is None:
            continue
        ident = repr(sorted(value.items()))
        groups.setdefault(ident, []).append(key)
        values[ident] = value
    everywhere = len(groups) == 1 and set(next(iter(groups.values()))) in ({""}, set(CHANNELS.values()))
    if everywhere:
        groups = {ident: [] for ident in groups}
    lines = []
    for n, (ident, keys) in enumerate(sorted(groups.items(), key=lambda g: sorted(g[1])), start=1):
        value = values[ident]
        note = value.get("note", "")
        line: dict[str, Any] = {
            "code": f"LP-{code}" + (f"-{n}" if len(groups) > 1 else ""),
            "name": _fee_name("phi" if "phí thẩm" in note.lower() else "le_phi", name),
            "kind": "phi" if "phí thẩm" in note.lower() else "le_phi",
            "amount": value["amount"],
            "basis": value.get("basis", "per_case"),
            "timing": "before",
            "verified": False,
            "source": "national TTHC database (template)",
        }
        if value.get("set_by"):
            line["set_by"] = value["set_by"]
        if note:
            line["note"] = note
        if keys:
            line["channels"] = sorted(FEE_CHANNELS[k] for k in keys if k)
        lines.append(line)
    return lines

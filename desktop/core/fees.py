"""Fees and charges (phí, lệ phí) as dated catalogue data (lifecycle §3): the rules, no I/O.

A procedure's catalogue entry lists its fee lines (`fees`), each a `FeeRule`: `code`, `name`, `kind`
(`phi` or `le_phi`, kept apart: separate receipts), `basis` (`per_case`, `per_copy`, `per_page`),
`amount` (VND per unit), `timing` (`before`: collected at intake; `after`: at the return),
`effective_from` / `effective_to` (ISO dates, inclusive; absent = open), optional `channels` (the
dossier channels it applies to, e.g. a lower online fee), `exemptions` (code, label, ground) and
`verified` (false: taken from the national template, to check against the province's resolution), and
`set_by` ("province": the provincial People's Council's resolution sets the amount, "do HĐND tỉnh quyết định").
A `set_by: "province"` line with `"amount": null` is awaiting that amount: it is never in force (nothing is
charged from it, no amount is made up; `awaiting_amount`) until the administrator enters the amount as a line of
the same code with its amount and `effective_from` (dated), which then applies.
A procedure without a fee lists an explicit zero line, so the portal counts it as free. A dossier keeps
the lines in force at its `received_at` (`lines_in_force`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.core.errors import ValidationError

KINDS = {"phi": "Phí", "le_phi": "Lệ phí"}
BASES = ("per_case", "per_copy", "per_page")
TIMINGS = ("before", "after")
METHODS = {"cash": "Tiền mặt", "transfer": "Chuyển khoản"}
LINE_STATES = ("due", "collected", "exempted", "cancelled")
MAX_AMOUNT = 10**9  # VND per unit; more is a typing mistake
MAX_QUANTITY = 999


@dataclass(frozen=True)
class Exemption:
    code: str
    label: str
    ground: str = ""


@dataclass(frozen=True)
class FeeRule:
    """One fee line of a procedure in the catalogue."""

    code: str
    name: str
    kind: str
    amount: int
    basis: str = "per_case"
    timing: str = "before"
    effective_from: date | None = None
    effective_to: date | None = None
    channels: tuple[str, ...] = ()
    exemptions: tuple[Exemption, ...] = ()
    verified: bool = False
    set_by: str = ""  # "province": the amount is the provincial People's Council's
    awaiting_amount: bool = False  # set by the province, amount not entered yet: never in force

    def in_force(self, day: date, channel: str = "direct") -> bool:
        if self.awaiting_amount:
            return False
        if self.effective_from is not None and day < self.effective_from:
            return False
        if self.effective_to is not None and day > self.effective_to:
            return False
        return not self.channels or channel in self.channels

    def exemption(self, code: str) -> Exemption | None:
        return next((e for e in self.exemptions if e.code == code), None)


def _day(value: Any, what: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(f"ngày hiệu lực '{value}' của {what} không hợp lệ", "fees") from None


def parse_rule(item: Any) -> FeeRule:
    """A catalogue fee line; ValidationError (field `fees`, a Vietnamese problem) when malformed."""
    if not isinstance(item, dict):
        raise ValidationError("dòng phí, lệ phí không hợp lệ", "fees")
    code, name = str(item.get("code", "")).strip(), str(item.get("name", "")).strip()
    if not code or not name:
        raise ValidationError("dòng phí, lệ phí thiếu mã hoặc tên", "fees")
    what = f"khoản '{name}'"
    if item.get("kind") not in KINDS:
        raise ValidationError(f"loại của {what} phải là phi hoặc le_phi", "fees")
    set_by = str(item.get("set_by") or "")
    if set_by not in ("", "province"):
        raise ValidationError(f"nơi quyết định mức thu của {what} không hợp lệ", "fees")
    amount = item.get("amount")
    awaiting = amount is None and set_by == "province"
    if awaiting:
        amount = 0
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 <= amount <= MAX_AMOUNT:
        raise ValidationError(f"mức thu của {what} phải là số tiền nguyên, không âm", "fees")
    basis, timing = item.get("basis", "per_case"), item.get("timing", "before")
    if basis not in BASES or timing not in TIMINGS:
        raise ValidationError(f"cách tính hoặc thời điểm thu của {what} không hợp lệ", "fees")
    exemptions = tuple(
        Exemption(str(e["code"]), str(e["label"]), str(e.get("ground", "")))
        for e in item.get("exemptions", [])
        if isinstance(e, dict) and e.get("code") and e.get("label")
    )
    if len(exemptions) != len(item.get("exemptions", [])):
        raise ValidationError(f"trường hợp miễn của {what} thiếu mã hoặc tên", "fees")
    rule = FeeRule(
        code=code, name=name, kind=item["kind"], amount=amount, basis=basis, timing=timing,
        effective_from=_day(item.get("effective_from"), what), effective_to=_day(item.get("effective_to"), what),
        channels=tuple(item.get("channels", ())), exemptions=exemptions, verified=bool(item.get("verified")),
        set_by=set_by, awaiting_amount=awaiting,
    )  # fmt: skip
    if rule.effective_from and rule.effective_to and rule.effective_to < rule.effective_from:
        raise ValidationError(f"ngày hết hiệu lực của {what} trước ngày có hiệu lực", "fees")
    return rule


def parse_rules(items: Any) -> list[FeeRule]:
    if items is None:
        return []
    if not isinstance(items, list):
        raise ValidationError("danh sách phí, lệ phí không hợp lệ", "fees")
    return [parse_rule(item) for item in items]


def lines_in_force(items: Any, day: date, channel: str = "direct") -> list[FeeRule]:
    """The procedure's fee lines in force on `day` for a dossier of `channel`."""
    return [rule for rule in parse_rules(items) if rule.in_force(day, channel)]


def parse_amount(text: str) -> int:
    """A typed amount in VND ("20000", "20.000", "20,000 đ") → int; ValidationError when negative,
    not a number or absurd."""
    raw = text.strip().lower().removesuffix("đồng").removesuffix("đ").strip()
    digits = raw.replace(".", "").replace(",", "").replace(" ", "")
    if raw.startswith("-"):
        raise ValidationError("Số tiền không được âm.", "amount")
    if not digits.isdigit():
        raise ValidationError(f"Số tiền '{text}' không phải là một số.", "amount")
    value = int(digits)
    if value > MAX_AMOUNT:
        raise ValidationError(f"Số tiền {value:,} đồng quá lớn.".replace(",", "."), "amount")
    return value


def money(amount: int) -> str:
    """20000 → "20.000" (Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".")


def receipt_number(workstation: int, day: date, seq: int) -> str:
    """The provisional receipt number `<workstation>-<yyMMdd>-<seq>`, e.g. `02-261203-0007`: unique in
    the commune offline, since each workstation number belongs to one live workstation."""
    return f"{workstation:02d}-{day:%y%m%d}-{seq:04d}"


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_SCALES = ("", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ")


def _hundreds(n: int, full: bool) -> list[str]:
    """Words of 0 < n < 1000; `full`: a lower group (zero hundreds are said: "không trăm")."""
    hundreds, tens, ones = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if ones and words:
            words.append("lẻ")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if ones:
        if ones == 1 and tens >= 2:
            words.append("mốt")
        elif ones == 5 and tens >= 1:
            words.append("lăm")
        elif ones == 4 and tens >= 2:
            words.append("tư")
        else:
            words.append(_DIGITS[ones])
    return words


def amount_in_words(amount: int) -> str:
    """The amount as printed on a receipt: 25000 → "Hai mươi lăm nghìn đồng"."""
    if amount < 0:
        raise ValueError("negative amount")
    if amount == 0:
        return "Không đồng"
    groups: list[int] = []
    rest = amount
    while rest:
        groups.append(rest % 1000)
        rest //= 1000
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        if groups[index]:
            words += _hundreds(groups[index], full=bool(words))
            if _SCALES[index]:
                words.append(_SCALES[index])
    text = " ".join(words) + " đồng"
    return text[0].upper() + text[1:]

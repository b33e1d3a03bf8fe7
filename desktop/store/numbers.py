"""Dossier codes `<agency code>-YYMMDD-NNNN` (Circular 01/2018/TT-VPCP art. 19, domain §3).

The 4-digit sequence counts within one day for one agency code, and every workstation of a commune shares
that code, while the provincial system also issues codes for the same agency (online dossiers). Codes are
printed on paper the citizen keeps, so they must never collide, even offline. The circular fixes the four
digits, so 9,999 numbers a day are shared out once and for all (`sync/common/code_ranges.py`):

* **0001–0999: the province's.** The provincial system issues its own codes there, and hands out blocks of
  it to workstations through `POST /numbers:reserve`; the sync engine stores each block as a
  `NumberBlock(source="server", day=…)` row (`day=None`: a standing block, valid every day, that the server
  keeps out of its own issuing). The server never issues or reserves anything above 0999 (it answers
  409 "no numbers left" instead), and a workstation ignores a server block that reaches above it.
* **Offline ranges, by workstation number** (1–99, set at setup, unique within the commune, so no
  coordination is needed even on a workstation that has never been online):
  - every workstation w keeps the range of 50 of the first layout, `5000 + 50·(w−1)` … `5000 + 50·w − 1`
    (5000–9949; 9950–9999 stay unused);
  - workstations 1–5 also own `1000 + 800·(w−1)` … `1000 + 800·w − 1` (1000–4999), drawn after their 50:
    850 numbers a day each. Workstations 6–99 have their 50 only (and the province's blocks when online).

Why this split: a commune counter offline all day on a busy day (a certification queue) receives several
hundred dossiers, and nearly every commune has at most 5 counters, so the first 5 workstation numbers get
800+ numbers each, which needs 4,000 of the 9,999. A split by the unit's workstation count would need that
count on a workstation that has never been online and would move when a counter is added mid-day; a split
by workstation number is fixed. The province keeps 999 a day: its own online dossiers for one commune are
a few dozen, and its blocks only come first for workstations that are online (who then fall back on their
own range without any risk). The 50s of the first layout are kept unchanged, and drawn first, so that:

* **the upgrade day is safe**: a fallback row of the first layout (`first = 5000 + 50·(w−1)`, 50 numbers)
  is the same segment under this layout, so a workstation upgraded mid-day goes on from its counter; one
  not yet upgraded keeps drawing from its 50 only, which no other workstation uses. Server blocks above
  0999 reserved before the upgrade are ignored (their numbers now belong to a workstation's wide range;
  codes already printed from them stay valid and are skipped, below). The server and the workstations are
  upgraded outside office hours, before the day's first intake: blocks reserved ahead (one of 50 per
  workstation and day) stay within 0999 for a commune of fewer than 20 workstations.
* existing dossier codes keep their meaning: only the future allocation changes.

`next_dossier_code` runs inside the caller's intake transaction and takes, in this order: a server block
for that day with numbers left; a standing server block not yet used that day (copied into a row for the
day, so every day restarts at its first number); otherwise the workstation's offline segments for the day,
in order (each materialised as a `NumberBlock(source="fallback")` row that carries the counter). The
counter is advanced with a compare-and-set UPDATE (SQLite also serialises writers: a stale reader gets
"locked" and the intake is retried), so two processes on one profile cannot hand out the same number; a
fallback block is only drawn from by the workstation number that owns it (a renumbered workstation starts
its own ranges); a number whose code already exists in `dossiers` (e.g. after a restore) is skipped. When
every range of the day is used up the intake stops with a `ValidationError` that says what to do (connect
and sync: Đồng bộ → Đồng bộ ngay, F9, or `motcua sync`, to receive the province's numbers); the transaction
rolls back and the draft stays. Codes are unique, not gap-free or monotone: a server block arriving
mid-day is used from then on.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.core.code_ranges import (
    SERVER_RANGE,
    Segment,
    in_server_range,
    offline_capacity,
    offline_segments,
)
from desktop.core.errors import ValidationError
from desktop.core.timeutil import as_local
from desktop.store.models import Dossier, NumberBlock

log = logging.getLogger(__name__)
CODE_RE = re.compile(r"^(?P<agency>.+)-(?P<day>\d{6})-(?P<seq>\d{4})$")


@dataclass(frozen=True)
class DossierCode:
    agency: str
    day: date
    sequence: int

    def __str__(self) -> str:
        return format_code(self.agency, self.day, self.sequence)


def format_code(unit_code: str, day: date, sequence: int) -> str:
    return f"{unit_code}-{day:%y%m%d}-{sequence:04d}"


def parse_code(code: str) -> DossierCode:
    """Split a dossier code into agency code, receipt day and sequence."""
    match = CODE_RE.match(code.strip())
    if match is None:
        raise ValidationError(f"Mã hồ sơ '{code}' không đúng dạng <mã cơ quan>-YYMMDD-NNNN.", "code")
    raw = match["day"]
    try:
        day = date(2000 + int(raw[:2]), int(raw[2:4]), int(raw[4:]))
    except ValueError as exc:
        raise ValidationError(f"Mã hồ sơ '{code}' có ngày không hợp lệ.", "code") from exc
    return DossierCode(match["agency"], day, int(match["seq"]))


def _in_server_range(block: NumberBlock) -> bool:
    """A server block reaching into the offline ranges would collide with other workstations: skip it."""
    if in_server_range(block.first, block.last):
        return True
    log.warning("ignoring server number block %s-%s outside %s-%s", block.first, block.last, *SERVER_RANGE)
    return False


def _server_block(
    session: Session, unit_code: str, day: date, day_blocks: list[NumberBlock]
) -> NumberBlock | None:
    """A server block of the day with numbers left, else a standing one not yet used that day (copied)."""
    open_blocks = sorted((b for b in day_blocks if b.next <= b.last), key=lambda b: (b.first, b.id))
    for block in open_blocks:
        if block.source == "server" and _in_server_range(block):
            return block
    used = {(b.first, b.last) for b in day_blocks if b.source == "server"}
    standing = session.scalars(
        select(NumberBlock)
        .where(
            NumberBlock.unit_code == unit_code,
            NumberBlock.day.is_(None),
            NumberBlock.source == "server",
        )
        .order_by(NumberBlock.first, NumberBlock.id)
    )
    for block in standing:
        if (block.first, block.last) not in used and _in_server_range(block):
            copy = NumberBlock(
                unit_code=unit_code, day=day, first=block.first, last=block.last,
                next=block.first, source="server",
            )  # fmt: skip
            session.add(copy)
            session.flush()
            return copy
    return None


def _offline_block(
    session: Session, unit_code: str, day: date, day_blocks: list[NumberBlock], segments: tuple[Segment, ...]
) -> NumberBlock | None:
    """This workstation's first offline segment of the day with numbers left (its row made on first use)."""
    for first, last in segments:
        rows = sorted(
            (b for b in day_blocks if b.source == "fallback" and (b.first, b.last) == (first, last)),
            key=lambda b: b.id,
        )
        for block in rows:
            if block.next <= block.last:
                return block
        if not rows:
            block = NumberBlock(
                unit_code=unit_code, day=day, first=first, last=last, next=first, source="fallback"
            )
            session.add(block)
            session.flush()
            return block
    return None


def _usable(session: Session, unit_code: str, day: date, segments: tuple[Segment, ...]) -> NumberBlock | None:
    """The block to draw from: the province's numbers first, then this workstation's own ranges."""
    day_blocks = list(
        session.scalars(select(NumberBlock).where(NumberBlock.unit_code == unit_code, NumberBlock.day == day))
    )
    return _server_block(session, unit_code, day, day_blocks) or _offline_block(
        session, unit_code, day, day_blocks, segments
    )


def numbers_used_up(workstation: int, day: date) -> ValidationError:
    """What the officer reads when a day's numbers are all used: what to do, and that the draft is kept."""
    return ValidationError(
        f"Máy trạm số {workstation} đã dùng hết số hồ sơ của ngày {day:%d/%m/%Y}: "
        f"{offline_capacity(workstation)} số dự phòng khi mất mạng và các số tỉnh đã cấp. "
        "Hồ sơ đang nhập vẫn được giữ. Để nhận thêm số của tỉnh: kết nối mạng rồi chọn "
        "Đồng bộ → Đồng bộ ngay (F9) (máy chưa kết nối lần nào: Đồng bộ → Kết nối máy chủ tỉnh…; "
        "hoặc chạy lệnh motcua sync), sau đó bấm Lưu hồ sơ lại.",
        "code",
    )


def next_dossier_code(
    session: Session, unit_code: str, workstation: int, received_at: datetime
) -> tuple[str, int]:
    """Allocate the next code for a dossier received at `received_at`; returns (code, sequence)."""
    if not unit_code.strip():
        raise ValidationError("Chưa có mã cơ quan để cấp mã hồ sơ.", "unit_code")
    segments = offline_segments(workstation)
    day = as_local(received_at).date()
    while True:
        block = _usable(session, unit_code, day, segments)
        if block is None:
            raise numbers_used_up(workstation, day)
        sequence = block.next
        claimed = session.execute(
            update(NumberBlock)
            .where(NumberBlock.id == block.id, NumberBlock.next == sequence)
            .values(next=sequence + 1)
            .execution_options(synchronize_session=False)
        )
        session.refresh(block)
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            continue  # another process took it; read again
        code = format_code(unit_code, day, sequence)
        if session.scalars(select(Dossier.id).where(Dossier.code == code)).first() is None:
            return code, sequence


def remaining_numbers(session: Session, unit_code: str, day: date) -> int:
    """Numbers left in the usable server blocks of a day (the sync engine reserves more when this runs low)."""
    blocks = session.scalars(
        select(NumberBlock).where(
            NumberBlock.unit_code == unit_code, NumberBlock.day == day, NumberBlock.source == "server"
        )
    )
    return sum(max(0, b.last - b.next + 1) for b in blocks if in_server_range(b.first, b.last))

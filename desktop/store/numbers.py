"""Dossier codes `<agency code>-YYMMDD-NNNN` (Circular 01/2018/TT-VPCP art. 19, domain §3).

The 4-digit sequence counts within one day for one agency code, and every workstation of a commune shares
that code, while the provincial system also issues codes for the same agency (online dossiers). Codes are
printed on paper the citizen keeps, so they must never collide, even offline. The sequence space of a day
is therefore split in two:

* **0001–4999: the server's.** The provincial system issues its own codes there, and hands out blocks of
  it to workstations through `POST /numbers:reserve`; the sync engineer stores each block as a
  `NumberBlock(source="server", day=…)` row (`day=None`: a standing block, valid every day, that the server
  keeps out of its own issuing). The server must never issue or reserve 5000–9999.
* **5000–9949: offline fallback**, split deterministically by workstation number (1–99, set at setup and
  unique within the commune): workstation w owns `5000 + 50·(w−1)` … `5000 + 50·w − 1`. Two workstations
  working offline the same day therefore draw from disjoint ranges, and neither can meet a code the
  province issued. 9950–9999 stay unused.

`next_dossier_code` runs inside the caller's intake transaction and takes, in this order: a server block
for that day with numbers left; a standing server block not yet used that day (copied into a row for the
day, so every day restarts at its first number); otherwise the workstation's fallback range for the day
(also materialised as a `NumberBlock(source="fallback")` row that carries the counter). The counter is
advanced with a compare-and-set UPDATE (SQLite also serialises writers: a stale reader gets "locked" and the
intake is retried), so two processes on one profile cannot hand out the same number; a fallback block is
only drawn from by the workstation number that owns it (a renumbered workstation starts its own range);
a number whose code already exists in `dossiers` (e.g. after a restore) is skipped. When every range of
the day is used up the intake stops with a clear `ValidationError` (the transaction rolls back, the draft
stays): connect to the server to reserve more. Codes are unique, not gap-free or monotone: a server block
arriving mid-day is used from then on.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.timeutil import as_local
from desktop.store.models import Dossier, NumberBlock

SERVER_RANGE = (1, 4999)
FALLBACK_FIRST = 5000
FALLBACK_SIZE = 50
MAX_WORKSTATION = 99
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


def fallback_range(workstation: int) -> tuple[int, int]:
    """The offline sequence range (first, last) of a workstation, the same every day."""
    if not 1 <= workstation <= MAX_WORKSTATION:
        raise ValidationError(f"Số máy trạm phải từ 1 đến {MAX_WORKSTATION}.", "workstation")
    first = FALLBACK_FIRST + FALLBACK_SIZE * (workstation - 1)
    return first, first + FALLBACK_SIZE - 1


def _in_server_range(block: NumberBlock) -> bool:
    """A server block reaching into the offline ranges would collide with other workstations: skip it."""
    if SERVER_RANGE[0] <= block.first <= block.last <= SERVER_RANGE[1]:
        return True
    log.warning("ignoring server number block %s-%s outside %s-%s", block.first, block.last, *SERVER_RANGE)
    return False


def _usable(session: Session, unit_code: str, day: date, fallback_first: int) -> NumberBlock | None:
    """The block to draw from: a server block of the day with numbers left (a standing one is copied for
    the day), else this workstation's own fallback block of the day if it has numbers left."""
    day_blocks = list(
        session.scalars(select(NumberBlock).where(NumberBlock.unit_code == unit_code, NumberBlock.day == day))
    )
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
    for block in open_blocks:
        if block.source == "fallback" and block.first == fallback_first:
            return block
    return None


def next_dossier_code(
    session: Session, unit_code: str, workstation: int, received_at: datetime
) -> tuple[str, int]:
    """Allocate the next code for a dossier received at `received_at`; returns (code, sequence)."""
    if not unit_code.strip():
        raise ValidationError("Chưa có mã cơ quan để cấp mã hồ sơ.", "unit_code")
    first, last = fallback_range(workstation)
    day = as_local(received_at).date()
    while True:
        block = _usable(session, unit_code, day, first)
        if block is None:
            has_fallback = session.scalars(
                select(NumberBlock.id).where(
                    NumberBlock.unit_code == unit_code,
                    NumberBlock.day == day,
                    NumberBlock.source == "fallback",
                    NumberBlock.first == first,
                )
            ).first()
            if has_fallback is not None:
                raise ValidationError(
                    f"Máy trạm số {workstation} đã dùng hết các số hồ sơ của ngày {day:%d/%m/%Y} "
                    f"({FALLBACK_SIZE} số dự phòng khi mất mạng). Hãy kết nối máy chủ tỉnh để nhận "
                    "thêm dải số rồi tiếp nhận lại; hồ sơ đang nhập vẫn được giữ.",
                    "code",
                )
            block = NumberBlock(
                unit_code=unit_code, day=day, first=first, last=last, next=first, source="fallback"
            )
            session.add(block)
            session.flush()
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
    """Numbers left in the server blocks of a day (the sync engine reserves more when this runs low)."""
    blocks = session.scalars(
        select(NumberBlock).where(
            NumberBlock.unit_code == unit_code, NumberBlock.day == day, NumberBlock.source == "server"
        )
    )
    return sum(max(0, b.last - b.next + 1) for b in blocks)

"""Biểu số II.06a/VPCP/KSTT, "Tình hình, kết quả giải quyết TTHC" (lifecycle §6.4): dossiers in, the
table out; no I/O.

Each dossier (`Dossier` rows as `PeriodicInput`, statuses 1 and 3 left out) counts in columns 3–13:

- 4 / 5: received in P (`received_at` in P) online / directly or by post; 6: carried over
  (`received_at` < P.start, `finished_at` unset or ≥ P.start); 3 = 4 + 5 + 6.
- 7: resolved (status 9 or 10, `finished_at` in P), split 8 / 9 / 10 early / on time / late against the
  appointment in force (`desktop.core.timeliness`; a dossier without an appointment counts on time).
- 11: in progress at P.end (`finished_at` unset or ≥ P.end), split 12 / 13 within time / overdue at P.end
  (or now, for a period not over yet): a dossier paused for a supplement then is within time when its pause
  began by its appointment; otherwise when its appointment is not before that moment.

With these defaults 3 = 7 + 11 + (withdrawn or stopped in P): `PeriodicTable.check` is that annex.
`due` is the appointment as it stood at the moment judged (an extension recorded later does not count:
`desktop.store.reports` reads it back); a supplement pause closed later has moved it already.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from desktop.core.collation import sort_key
from desktop.core.status import Status
from desktop.core.timeliness import Timeliness, timeliness

COLUMNS = tuple(range(3, 14))  # the printed column numbers 3 … 13
RESOLVED = frozenset({Status.RESULT_READY.value, Status.RETURNED.value})
ENDED = frozenset({Status.WITHDRAWN.value, Status.STOPPED.value})
LEFT_OUT = frozenset({Status.REGISTERED.value, Status.REFUSED.value})
OTHER_FIELD = "Lĩnh vực khác"
_SLOT = {Timeliness.EARLY: 5, Timeliness.ON_TIME: 6, Timeliness.LATE: 7}  # index of column 8 / 9 / 10


@dataclass(frozen=True, slots=True)
class PeriodicInput:
    """What the table needs of one dossier. `due`: the appointment in force; `paused_since`: the start of
    a supplement pause open at the moment the in-progress dossiers are judged, None when not paused."""

    field: str
    procedure_code: str
    procedure_name: str
    channel: str
    status: str
    received_at: datetime
    finished_at: datetime | None
    due: datetime | None
    paused_since: datetime | None = None


@dataclass
class PeriodicLine:
    """A row of the table: a field (its subtotal), a procedure, or the total. `counts[i]` is column i + 3."""

    kind: str  # field | procedure | total
    name: str
    code: str = ""
    counts: list[int] = field(default_factory=lambda: [0] * len(COLUMNS))
    ended: int = 0  # withdrawn or stopped in P (the annex)
    _named_at: datetime | None = None

    def column(self, number: int) -> int:
        return self.counts[number - 3]

    def add(self, other: PeriodicLine) -> None:
        self.counts = [a + b for a, b in zip(self.counts, other.counts, strict=True)]
        self.ended += other.ended

    @property
    def check(self) -> bool:
        """3 = 7 + 11 + withdrawn or stopped in P."""
        return self.column(3) == self.column(7) + self.column(11) + self.ended


@dataclass(frozen=True)
class PeriodicTable:
    lines: tuple[PeriodicLine, ...]  # field subtotal, its procedures, …, then the total last

    @property
    def total(self) -> PeriodicLine:
        return self.lines[-1]

    @property
    def procedures(self) -> list[PeriodicLine]:
        return [line for line in self.lines if line.kind == "procedure"]


def _count(line: PeriodicLine, d: PeriodicInput, start: datetime, end: datetime, judged: datetime) -> None:
    c = line.counts
    if d.received_at >= start:
        c[1 if d.channel == "online" else 2] += 1
    else:
        c[3] += 1
    c[0] += 1
    if d.finished_at is not None and d.finished_at < end:
        if d.status in RESOLVED:
            c[4] += 1
            c[_SLOT[timeliness(d.finished_at, d.due) or Timeliness.ON_TIME]] += 1
        else:
            line.ended += 1
        return
    c[8] += 1
    if d.due is None:
        within = True
    elif d.paused_since is not None:
        within = d.paused_since <= d.due
    else:
        within = d.due >= judged
    c[9 if within else 10] += 1


def tabulate(rows: Iterable[PeriodicInput], start: datetime, end: datetime, now: datetime) -> PeriodicTable:
    """The table for the period [start, end): one line per procedure under its field's subtotal, fields in
    Vietnamese order, procedures by code, then the total. A procedure is named as on its latest dossier."""
    judged = min(end, now)
    by_code: dict[tuple[str, str], PeriodicLine] = {}
    for d in rows:
        if d.status in LEFT_OUT or d.received_at >= end:
            continue
        if d.finished_at is not None and d.finished_at < start:
            continue
        key = (d.field.strip() or OTHER_FIELD, d.procedure_code)
        line = by_code.get(key)
        if line is None:
            line = by_code[key] = PeriodicLine("procedure", d.procedure_name, d.procedure_code)
        if line._named_at is None or d.received_at > line._named_at:
            line.name, line._named_at = d.procedure_name, d.received_at
        _count(line, d, start, end, judged)
    total = PeriodicLine("total", "Tổng cộng")
    lines: list[PeriodicLine] = []
    for field_name in sorted({f for f, _ in by_code}, key=sort_key):
        subtotal = PeriodicLine("field", field_name)
        members = sorted((line for (f, _), line in by_code.items() if f == field_name), key=lambda x: x.code)
        for member in members:
            subtotal.add(member)
        total.add(subtotal)
        lines += [subtotal, *members]
    return PeriodicTable((*lines, total))

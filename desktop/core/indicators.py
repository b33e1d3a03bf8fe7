"""The commune's indicators for a period (lifecycle §6: definitions §6.1, counter figures §6.2, Decision 766
figures §6.3): what each figure counts, and the rates and points computed from the counts.

P = [start 00:00, the day after the end 00:00) (`desktop.core.period`); `at` = P's end, or now when P ends
in the future (the current period). `due` = the appointment in force (`current_due`: extended, else
original; pauses are already inside it and never subtracted again).

Counter figures (§6.2):
- `received`: `received_at` in P, status ≠ registered (1); refusals at intake included; by channel too.
- `resolved`: status result_ready (9) or returned (10), `finished_at` in P; `resolved_late`: `finished_at`
  after the due; `resolved_early`: not late and finished on a day before the due's day; else on time
  (`desktop.core.timeliness`, `RULE`). A dossier without an appointment is on time. Extensions count (the
  default of §6.1); `resolved_late_original_due` counts the late against the original appointment alone.
- `on_time_rate` = (resolved − late) ÷ resolved, None when nothing was resolved.
- `in_progress`: status ∉ {1, 3}, received before P's end, `finished_at` not before P's end, or unset in a
  status still open (a row of status 7–10 without `finished_at` has ended, at a time unknown);
  `overdue`: of those, due before `at` (for a dossier paused for a supplement at `at`: due before the
  pause's start); the others are within time.
- `withdrawn`, `stopped`, `refused`: in that status with `finished_at` (a refusal at intake without one:
  its receipt) in P.
- `avg_days`: over the resolved, the mean of working days from the receipt's day to the finishing day
  (days after the receipt up to and including the finish), minus the working days of each closed pause
  counted the same way.
- `supplement_requests`: supplement pauses opened in P; `synced`: received with `sync_status` synced or
  review (the province has it; `unsynced` = pending or rejected, the worklist's definition); `digitised`:
  received, with at least one scan (not removed) and one on each received paper the procedure requires
  (a paper outside the catalogue counts as required); `satisfaction`: the received by rating level;
  `fees_collected`: VND collected on the received (`desktop.store.queries.FEES_PAID_SQL`).

Decision 766 (§6.3), each "tạm tính" with the count of the period's unsynced dossiers: "received766" =
`received_at` in P, status ∉ {1, 3}.
- 1.4 synced (max 6): synced ÷ received766.
- 2.1 on time (max 20): D = status ∉ {1, 3}, received before P's end, `finished_at` unset or ≥ P's start;
  late when more than one supplement round, or `end` > due, `end` = `finished_at` when before P's end, else
  the start of a supplement pause open at `at`, else `at`.
- 2.2 handling time (information): `avg_days`. 3.3 channel (information): received online ÷ received766.
- 4.2 digitised (max 4, full at 80 %): digitised ÷ received766.
- 5.4 satisfaction (max 6, full at 90 %): 100 % − late share of 2.1 (complaints are not recorded at the
  counter and ratings do not count as dislike: `ratings_count_as_dislike` = false).
Points = max × min(1, rate ÷ threshold), or max × rate without a threshold. 3.6, 4.1, 4.3 and 4.4 need data
the counter does not hold (online payment platform, e-result links, data reuse, the citizen's storage) and
are left out.

Due at t (§6.1): a past period's dossiers still open at its end are judged (overdue, 2.1) against the
appointment in force at `at`, before the extensions and supplement returns recorded since
(`desktop.store.due_history`); a resolved one against the one at its finish (nothing moves a finished
dossier's appointment).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from desktop.core.calendar import WorkCalendar

RULE = (
    "Đúng hạn theo hạn trả đang có hiệu lực (kể cả gia hạn), thời gian tạm dừng bổ sung đã tính trong hạn: "
    "trễ hạn nếu kết thúc xử lý sau hạn trả; trước hạn nếu kết thúc vào một ngày trước ngày hẹn trả "
    "(Quyết định 766/QĐ-TTg; quy tắc lifecycle §6.1)."
)
CHANNELS = ("direct", "postal", "online")
RATING_LEVELS = {5: "very_satisfied", 4: "satisfied", 3: "neutral", 2: "dissatisfied", 1: "very_dissatisfied"}


@dataclass(frozen=True)
class Counts:
    """What the store counts for a period (names as the JSON keys)."""

    received: int = 0
    by_channel: Mapping[str, int] = field(default_factory=dict)
    resolved: int = 0
    resolved_early: int = 0
    resolved_late: int = 0
    resolved_late_original_due: int = 0  # late against the original appointment (extensions not counted)
    in_progress: int = 0
    overdue: int = 0
    withdrawn: int = 0
    stopped: int = 0
    refused: int = 0
    supplement_requests: int = 0
    synced: int = 0
    unsynced: int = 0
    digitised: int = 0
    ratings: Mapping[int, int] = field(default_factory=dict)  # stored points -> dossiers
    fees_collected: int = 0
    handling_days: int = 0  # the sum over the resolved (avg_days's numerator)
    received766: int = 0
    synced766: int = 0
    online766: int = 0
    digitised766: int = 0
    d766: int = 0
    d766_late: int = 0


@dataclass(frozen=True)
class Item766:
    id: str
    name_vi: str
    numerator: int
    denominator: int
    max_points: float  # 0: information only
    threshold: float | None = None

    @property
    def rate(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    @property
    def points(self) -> float | None:
        """max × min(1, rate ÷ threshold), or max × rate; None for an information item or nothing counted."""
        rate = self.rate
        if not self.max_points or rate is None:
            return None
        share = min(1.0, rate / self.threshold) if self.threshold else rate
        return round(self.max_points * share, 2)


@dataclass(frozen=True)
class Indicators:
    counts: Counts

    @property
    def resolved_on_time(self) -> int:
        c = self.counts
        return c.resolved - c.resolved_early - c.resolved_late

    @property
    def on_time_rate(self) -> float | None:
        c = self.counts
        return (c.resolved - c.resolved_late) / c.resolved if c.resolved else None

    @property
    def in_progress_on_time(self) -> int:
        return self.counts.in_progress - self.counts.overdue

    @property
    def avg_days(self) -> float | None:
        c = self.counts
        return round(c.handling_days / c.resolved, 2) if c.resolved else None

    @property
    def satisfaction(self) -> dict[str, int]:
        """Dossiers per rating level (the 3-level scale's three always present)."""
        levels = {"very_satisfied": 0, "satisfied": 0, "dissatisfied": 0}
        for points, n in self.counts.ratings.items():
            name = RATING_LEVELS.get(points, str(points))
            levels[name] = levels.get(name, 0) + n
        return levels

    def items766(self) -> list[Item766]:
        c = self.counts
        on_time766 = c.d766 - c.d766_late
        return [
            Item766("1.4", "Đồng bộ hồ sơ", c.synced766, c.received766, 6),
            Item766("2.1", "Giải quyết đúng hạn", on_time766, c.d766, 20),
            Item766("3.3", "Tiếp nhận trực tuyến", c.online766, c.received766, 0),
            Item766("4.2", "Số hóa hồ sơ", c.digitised766, c.received766, 4, 0.8),
            Item766("5.4", "Mức độ hài lòng", on_time766, c.d766, 6, 0.9),
        ]

    def as_dict(self) -> dict[str, object]:
        c = self.counts
        return {
            "received": c.received,
            "received_by_channel": {name: c.by_channel.get(name, 0) for name in CHANNELS},
            "resolved": c.resolved,
            "resolved_early": c.resolved_early,
            "resolved_on_time": self.resolved_on_time,
            "resolved_late": c.resolved_late,
            "resolved_late_original_due": c.resolved_late_original_due,
            "on_time_rate": self.on_time_rate,
            "in_progress": c.in_progress,
            "in_progress_on_time": self.in_progress_on_time,
            "overdue": c.overdue,
            "withdrawn": c.withdrawn,
            "stopped": c.stopped,
            "refused": c.refused,
            "avg_days": self.avg_days,
            "supplement_requests": c.supplement_requests,
            "synced": c.synced,
            "unsynced": c.unsynced,
            "digitised": c.digitised,
            "satisfaction": self.satisfaction,
            "fees_collected": c.fees_collected,
            "d766": {
                "provisional": True,
                "unsynced": c.unsynced,
                "items": [
                    {
                        "id": i.id,
                        "name": i.name_vi,
                        "numerator": i.numerator,
                        "denominator": i.denominator,
                        "rate": i.rate,
                        "points": i.points,
                        "max": i.max_points or None,
                    }
                    for i in self.items766()
                ],  # fmt: skip
            },
            "rule": RULE,
        }


def first_after(calendar: WorkCalendar, day: date) -> int:
    """The index of the first working day after `day`: the working days after a day `a` up to and including
    a day `b` ≥ `a` are `first_after(b) − first_after(a)` (`avg_days`)."""
    return calendar.working_day_index(day + timedelta(days=1))

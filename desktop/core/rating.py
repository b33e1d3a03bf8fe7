"""The applicant's satisfaction rating at the counter (lifecycle §4): the levels, their labels, and the
points `Dossier.rating` stores (the 5-point scale's values, so that `rating_scale` = 5 can add
*Bình thường* (3) and *Rất không hài lòng* (1) without renumbering)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from desktop.core.errors import ValidationError


class Level(StrEnum):
    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    DISSATISFIED = "dissatisfied"


LABELS_VI = {
    Level.VERY_SATISFIED: "Rất hài lòng",
    Level.SATISFIED: "Hài lòng",
    Level.DISSATISFIED: "Không hài lòng",
}
POINTS = {Level.VERY_SATISFIED: 5, Level.SATISFIED: 4, Level.DISSATISFIED: 2}
_BY_POINTS = {points: level for level, points in POINTS.items()}
NEEDS_REASON = frozenset({Level.DISSATISFIED})


def parse_level(value: str) -> Level:
    """The level named `value`; a Vietnamese ValidationError (field `level`) otherwise."""
    try:
        return Level(value.strip())
    except ValueError:
        names = ", ".join(f"{level.value} ({LABELS_VI[level]})" for level in Level)
        raise ValidationError(
            f"Mức đánh giá '{value}' không hợp lệ; chọn một trong: {names}.", "level"
        ) from None


def level_of(points: int | None) -> Level | None:
    """The level a stored `Dossier.rating` stands for (None: not rated, or a value of another scale)."""
    return _BY_POINTS.get(points) if points is not None else None


@dataclass(frozen=True, slots=True)
class GivenRating:
    """A rating that stands (a dossier's latest `rated` event, not corrected since), for the reports."""

    code: str
    procedure_name: str
    rated_at: datetime
    level: str
    reason: str


def tally(ratings: Iterable[GivenRating]) -> dict[Level, int]:
    """Ratings per level, every level listed (0 when none)."""
    given = Counter(r.level for r in ratings)
    return {level: given.get(level.value, 0) for level in Level}

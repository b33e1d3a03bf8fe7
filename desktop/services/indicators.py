"""The commune's indicators for a period, as plain data (`motcua report indicators`, the dashboard).

Definitions: `desktop.core.indicators` (lifecycle §6); queries: `desktop.store.indicators`. `now` defaults to
the application clock (`timeutil.now_local`, which tests pin): a period that has not ended yet is judged at
`now` (its in-progress and overdue dossiers are those of this moment).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from desktop.core.indicators import Indicators, first_after
from desktop.core.period import Kind, Period, containing
from desktop.core.timeutil import VN_TZ, as_local, now_local
from desktop.store import indicators as queries
from desktop.store.calendar_repo import calendar_for
from desktop.store.engine import Store, translate_storage_errors
from desktop.store.indicators import FigureRow

FIGURES = tuple(queries.FIGURES)
TREND_WEEKS = 12


@dataclass(frozen=True)
class PeriodIndicators:
    period: Period
    indicators: Indicators
    at: datetime  # the moment in-progress dossiers were judged at

    def as_dict(self) -> dict[str, object]:
        return {
            "period": {
                "from": self.period.start.isoformat(),
                "to": self.period.end.isoformat(),
                "label": self.period.label_vi(),
            },
            "at": self.at.isoformat(),
            **self.indicators.as_dict(),
        }


def _moments(period: Period, now: datetime | None) -> tuple[datetime, datetime, datetime]:
    start, end = period.bounds()
    return start, end, min(end, as_local(now) if now is not None else now_local())


def load_indicators(store: Store, period: Period, now: datetime | None = None) -> PeriodIndicators:
    start, end, at = _moments(period, now)
    with translate_storage_errors(store.profile.db_path), store.session() as session:
        calendar = calendar_for(session)
        counts = queries.count_figures(session, start, end, at, lambda day: first_after(calendar, day))
    return PeriodIndicators(period, Indicators(counts), at)


def figure_dossiers(
    store: Store, period: Period, figure: str, now: datetime | None = None, limit: int = 1000
) -> Sequence[FigureRow]:
    """The dossiers behind one figure (a name of `FIGURES`), by due, the most overdue first."""
    start, end, at = _moments(period, now)
    with translate_storage_errors(store.profile.db_path), store.session() as session:
        return queries.figure_rows(session, figure, start, end, at, limit)


@dataclass(frozen=True)
class Week:
    monday: date
    received: int
    resolved: int
    late: int


@dataclass(frozen=True)
class Dashboard:
    """This month's figures with the previous month's, and the last weeks' trend."""

    current: PeriodIndicators
    previous: PeriodIndicators
    weeks: tuple[Week, ...]


def load_dashboard(store: Store, now: datetime | None = None, weeks: int = TREND_WEEKS) -> Dashboard:
    moment = as_local(now) if now is not None else now_local()
    month = containing(moment.date(), Kind.MONTH)
    first = moment.date() - timedelta(days=moment.weekday() + 7 * (weeks - 1))
    start = datetime.combine(first, time(0), VN_TZ)
    with translate_storage_errors(store.profile.db_path), store.session() as session:
        counts = queries.weekly_counts(session, start, weeks)
    trend = tuple(Week(first + timedelta(days=7 * n), *row) for n, row in enumerate(counts))
    return Dashboard(
        load_indicators(store, month, moment), load_indicators(store, month.previous(), moment), trend
    )

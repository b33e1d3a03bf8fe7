"""The snapshots of the periodic reports made (lifecycle §6.4: "each report is stored as a snapshot: period,
preset, figures, file, unsynced count"): recorded when Biểu số II.06a is written, listed newest first by
`motcua report list` and the report dialog."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from desktop.core.period import Period
from desktop.core.periodic import COLUMNS
from desktop.forms.periodic import PeriodicReportView
from desktop.store.engine import Store, translate_storage_errors
from desktop.store.models import ReportSnapshot


@dataclass(frozen=True)
class Snapshot:
    made_at: datetime
    kind: str
    period_from: date
    period_to: date
    preset: str
    cutoff: bool
    label: str
    figures: dict[str, int]  # the total row: column number (3–13) -> dossiers
    file: str
    unsynced: int

    def as_dict(self) -> dict[str, object]:
        return {
            "made_at": self.made_at.isoformat(),
            "kind": self.kind,
            "from": self.period_from.isoformat(),
            "to": self.period_to.isoformat(),
            "preset": self.preset,
            "cutoff": self.cutoff,
            "label": self.label,
            "figures": self.figures,
            "file": self.file,
            "unsynced": self.unsynced,
        }


def record_periodic(store: Store, period: Period, view: PeriodicReportView, output: Path) -> None:
    """Keep the snapshot of a periodic report just written to `output`."""
    total = view.table.total
    figures = {str(n): total.column(n) for n in COLUMNS}
    with translate_storage_errors(store.profile.db_path), store.transaction() as session:
        session.add(
            ReportSnapshot(
                made_at=view.made_at,
                kind="periodic",
                period_from=period.start,
                period_to=period.end,
                preset=period.kind.value,
                cutoff=period.cutoff,
                label=view.period,
                figures=figures,
                file=str(output.resolve()),
                unsynced=view.unsynced,
            )
        )


def list_snapshots(store: Store, limit: int = 200) -> Sequence[Snapshot]:
    """The reports made, newest first."""
    with translate_storage_errors(store.profile.db_path), store.session() as session:
        rows = session.scalars(
            select(ReportSnapshot)
            .order_by(ReportSnapshot.made_at.desc(), ReportSnapshot.id.desc())
            .limit(limit)
        ).all()
        return [
            Snapshot(
                r.made_at,
                r.kind,
                r.period_from,
                r.period_to,
                r.preset,
                r.cutoff,
                r.label,
                {k: int(v) for k, v in r.figures.items()},
                r.file,
                r.unsynced,
            )  # fmt: skip
            for r in rows
        ]

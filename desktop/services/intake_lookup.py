"""Read-side helpers of the intake form: the procedure picker and the live appointment.

`load_intake_context` reads, once per form, everything the form needs to work without touching the store
again while the officer types: the active procedures with their documents (recently used first), the
working calendar and the unit's office hours. `ProcedureChoice.matches` and `IntakeContext.due_for` are
then pure and fast enough to run on every keystroke in the GUI thread.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime, time
from functools import cached_property

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.appointment import OfficeHours, ProcessingTime, compute_due
from desktop.core.calendar import WorkCalendar
from desktop.core.fees import FeeRule, lines_in_force
from desktop.core.search_rank import Query, tier, words
from desktop.core.text import fold
from desktop.core.timeutil import today_local
from desktop.services.accounts import SignedIn
from desktop.store.calendar_repo import calendar_for, office_hours_of
from desktop.store.catalogue import active_procedures
from desktop.store.engine import Store
from desktop.store.models import Dossier, Procedure, TimeLimitOverride, Unit
from desktop.store.time_limits import latest_overrides, override_rule

RECENT_LIMIT = 8
RECENT_SCAN = 300  # how many of the latest dossiers are looked at to find recent procedures


@dataclass(frozen=True)
class DocumentTemplate:
    id: int
    name: str
    originals: int
    copies: int
    required: bool
    note: str


@dataclass(frozen=True)
class ProcedureChoice:
    """A procedure as the picker shows it; `folded` is what type-ahead compares against."""

    code: str
    name: str
    field: str
    time_amount: float
    time_unit: str
    cutoff: time | None
    time_text: str
    fee_text: str
    documents: tuple[DocumentTemplate, ...]
    recent: bool = False
    fees: tuple[FeeRule, ...] = ()  # the catalogue's fee lines in force today, at the counter
    uses: int = 0  # dossiers of this procedure among the unit's latest RECENT_SCAN
    time_confirmed: bool = True  # False: "thời hạn chưa xác nhận", the officer gives the appointment

    @cached_property
    def folded(self) -> str:
        return fold(f"{self.code} {self.name}")

    @cached_property
    def name_words(self) -> tuple[str, ...]:
        return words(self.name)

    @property
    def rule(self) -> ProcessingTime:
        """The statutory time (UnconfirmedTimeLimit when the catalogue does not give it for sure)."""
        return ProcessingTime.from_procedure(self)

    def matches(self, query: str) -> bool:
        """Every word of the (folded) query occurs in the code or name: "dang ky khai sinh", "1.0011"."""
        words = fold(query).split()
        folded = self.folded
        return all(word in folded for word in words)


def filter_choices(choices: list[ProcedureChoice], query: str) -> list[ProcedureChoice]:
    """Choices matching the query, the obvious first: by match tier (`desktop.core.search_rank`), then the
    unit's most used, then the fewest words beyond those typed, then the given order. An empty query
    keeps the given order (recently used first)."""
    q = Query.of(query)
    if not q.text:
        return list(choices)
    ranked: list[tuple[tuple[int, int, int, int], ProcedureChoice]] = []
    words = q.words
    for i, choice in enumerate(choices):
        folded = choice.folded
        if not all(word in folded for word in words):  # most choices stop here, before `tier`
            continue
        t = tier(q, choice.code, choice.name_words, folded)
        if t is not None:
            ranked.append(((t, -choice.uses, len(choice.name_words) - len(q.words), i), choice))
    ranked.sort(key=lambda pair: pair[0])
    return [choice for _, choice in ranked]


@dataclass(frozen=True)
class IntakeContext:
    choices: list[ProcedureChoice]
    calendar: WorkCalendar
    hours: OfficeHours

    def find(self, code: str) -> ProcedureChoice | None:
        return next((c for c in self.choices if c.code == code), None)

    def due_for(self, code: str, received_at: datetime) -> datetime | None:
        """The appointment a dossier of this procedure received now would get (None: unknown code, or a time
        limit the catalogue marks unconfirmed: the officer gives the appointment)."""
        choice = self.find(code)
        if choice is None or not choice.time_confirmed:
            return None
        return compute_due(received_at, choice.rule, self.calendar, self.hours)


def latest_procedure_codes(session: Session, officer: SignedIn) -> list[str]:
    """The procedure codes of the unit's latest RECENT_SCAN dossiers, newest first."""
    return list(
        session.execute(
            select(Procedure.code)
            .join(Dossier, Dossier.procedure_id == Procedure.id)
            .where(Dossier.unit_id == officer.unit_id)
            .order_by(Dossier.received_at.desc())
            .limit(RECENT_SCAN)
        ).scalars()
    )


def recent_procedure_codes(latest: list[str], limit: int = RECENT_LIMIT) -> list[str]:
    """Codes of the procedures this unit received most recently (newest first, distinct)."""
    codes: list[str] = []
    for code in latest:
        if code not in codes:
            codes.append(code)
            if len(codes) >= limit:
                break
    return codes


def _choice(
    p: Procedure, recent: bool, uses: int, confirmed: TimeLimitOverride | None = None
) -> ProcedureChoice:
    """The picker's entry; `confirmed`: the administrator's confirmation of a limit the catalogue leaves
    unconfirmed (`desktop.store.time_limits`), which then applies as the procedure's own."""
    if not p.time_confirmed and confirmed is not None:
        rule = override_rule(confirmed)
        return replace(_choice(p, recent, uses), time_amount=rule.amount, time_unit=rule.unit,
                       cutoff=rule.cutoff, time_confirmed=True)  # fmt: skip
    return ProcedureChoice(
        code=p.code,
        name=p.name,
        field=p.field,
        time_amount=float(p.time_amount or 0),
        time_unit=p.time_unit if p.time_confirmed else "",
        cutoff=p.cutoff,
        time_text=p.time_text,
        fee_text=p.fee_text,
        documents=tuple(
            DocumentTemplate(d.id, d.name, d.originals, d.copies, d.required, d.note) for d in p.documents
        ),
        recent=recent,
        fees=tuple(lines_in_force(p.fees, today_local(), "direct")),
        uses=uses,
        time_confirmed=p.time_confirmed,
    )


def load_intake_context(store: Store, officer: SignedIn) -> IntakeContext:
    """Everything the intake form reads from the store, as plain data."""
    with store.session() as session:
        latest = latest_procedure_codes(session, officer)
        uses = Counter(latest)
        procedures = active_procedures(session)
        rank = {code: i for i, code in enumerate(recent_procedure_codes(latest))}
        confirmed = latest_overrides(session)
        choices = [_choice(p, p.code in rank, uses[p.code], confirmed.get(p.code)) for p in procedures]
        choices.sort(key=lambda c: rank.get(c.code, len(rank)))
        unit = session.get(Unit, officer.unit_id)
        return IntakeContext(choices, calendar_for(session), office_hours_of(unit))

"""Read-side helpers of the intake form: the procedure picker and the live appointment.

`load_intake_context` reads, once per form, everything the form needs to work without touching the store
again while the officer types: the active procedures with their documents (recently used first; those the
administrator hid from the picker marked `hidden`), the working calendar and the unit's office hours.
`filter_choices` and `IntakeContext.due_for` are then pure and fast enough to run on every keystroke in the
GUI thread.

`filter_choices` finds a procedure by its code, its name (with or without diacritics) and its short names:
those the catalogue gives ("ks") and its initials (`desktop.core.short_names`: "dkks", "ks"). The obvious
first: the code or whole name typed; then a short name typed whole (the catalogue's, then initials); then
the name's other tiers (`desktop.core.search_rank`); last, short names the query only begins.
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
from desktop.core.search_rank import Query, split, tier, words
from desktop.core.short_names import abbreviations
from desktop.core.text import fold
from desktop.core.timeutil import today_local
from desktop.services.accounts import SignedIn
from desktop.services.procedure_visibility import hidden_procedures
from desktop.store.calendar_repo import calendar_for, office_hours_of
from desktop.store.catalogue import active_version
from desktop.store.engine import Store
from desktop.store.models import Dossier, Procedure, ProcedureDocument, TimeLimitOverride, Unit
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
    shown: bool = False  # presented at the counter and handed back ("xuất trình"), not kept
    form: str = ""  # the form's name ("Mẫu TP/HT-2020-TKKS")

    @property
    def paper_name(self) -> str:
        """The paper as the intake lists it and the receipt prints it: one only shown at the counter says so
        (the catalogue's name may say it already)."""
        if self.shown and "xuất trình" not in self.name.lower():
            return f"{self.name} (xuất trình)"
        return self.name


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
    short_names: tuple[str, ...] = ()  # the catalogue's short names ("ks")
    hidden: bool = False  # hidden from the picker by the unit administrator (a kept draft still finds it)
    common: bool = False  # among the procedures a commune counter receives most (catalogue `common`)

    @cached_property
    def folded(self) -> str:
        return fold(f"{self.code} {self.name}")

    @cached_property
    def name_words(self) -> tuple[str, ...]:
        return words(self.name)

    @cached_property
    def abbreviations(self) -> tuple[frozenset[str], frozenset[str]]:
        """(the catalogue's short names, the name's initialisms), folded."""
        return abbreviations(self.name_words, self.short_names)

    def abbreviation_rank(self, typed: str) -> int | None:
        """How a (folded) query matches a short name: SHORT_NAME (one of the catalogue's, whole), INITIALS
        (an initialism, whole), ABBREVIATION_START (begins one), else None."""
        given, initials = self.abbreviations
        if typed in given:
            return SHORT_NAME
        if typed in initials:
            return INITIALS
        if any(a.startswith(typed) for a in given):
            return ABBREVIATION_START
        if " " not in typed and any(a.startswith(typed) for a in initials):
            return ABBREVIATION_START
        return None

    @property
    def rule(self) -> ProcessingTime:
        """The statutory time (UnconfirmedTimeLimit when the catalogue does not give it for sure)."""
        return ProcessingTime.from_procedure(self)

    def matches(self, query: str) -> bool:
        """Every word of the (folded) query occurs in the code or name: "dang ky khai sinh", "1.0011"."""
        words = fold(query).split()
        folded = self.folded
        return all(word in folded for word in words)


# ranks of a match, best first: the code or whole name typed is 0; the name's tiers 1-4 of
# `desktop.core.search_rank` come after the short names typed whole
SHORT_NAME, INITIALS, NAME_TIER_OFFSET, ABBREVIATION_START = 1, 2, 2, 7


def filter_choices(choices: list[ProcedureChoice], query: str) -> list[ProcedureChoice]:
    """Choices matching the query, the obvious first: by match rank (see the module), then the unit's most
    used, then the commonest (the catalogue's `common`), then the fewest words beyond those typed, then the
    given order. An empty query keeps the given order (recently used first)."""
    q = Query.of(query)
    if not q.text:
        return list(choices)
    ranked: list[tuple[tuple[int, int, bool, int, int], ProcedureChoice]] = []
    words = q.words
    short = q.text if len(q.text) >= 2 else ""
    for i, choice in enumerate(choices):
        folded = choice.folded
        rank: int | None = None
        if all(word in folded for word in words):  # most choices fail here, before `tier`
            t = tier(q, choice.code, choice.name_words, folded)
            if t is not None:
                rank = t + NAME_TIER_OFFSET if t else 0
        if short and rank != 0:
            by_short = choice.abbreviation_rank(short)
            if by_short is not None and (rank is None or by_short < rank):
                rank = by_short
        if rank is not None:
            extra = len(choice.name_words) - len(words)
            ranked.append(((rank, -choice.uses, not choice.common, extra, i), choice))
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


_PROCEDURE_COLUMNS = (
    Procedure.id,
    Procedure.code,
    Procedure.name,
    Procedure.name_folded,
    Procedure.field,
    Procedure.time_amount,
    Procedure.time_unit,
    Procedure.cutoff,
    Procedure.time_text,
    Procedure.fee_text,
    Procedure.fees,
    Procedure.time_confirmed,
    Procedure.details,
)
_DOCUMENT_COLUMNS = (
    ProcedureDocument.procedure_id,
    ProcedureDocument.id,
    ProcedureDocument.name,
    ProcedureDocument.originals,
    ProcedureDocument.copies,
    ProcedureDocument.required,
    ProcedureDocument.note,
    ProcedureDocument.shown,
    ProcedureDocument.form,
)


def _confirmed(choice: ProcedureChoice, confirmed: TimeLimitOverride | None) -> ProcedureChoice:
    """`choice` with the administrator's confirmation of a limit the catalogue leaves unconfirmed
    (`desktop.store.time_limits`), which then applies as the procedure's own."""
    if choice.time_confirmed or confirmed is None:
        return choice
    rule = override_rule(confirmed)
    return replace(
        choice, time_amount=rule.amount, time_unit=rule.unit, cutoff=rule.cutoff, time_confirmed=True
    )


def _load_choices(
    session: Session, uses: Counter[str], recent: set[str], hidden: frozenset[str]
) -> list[ProcedureChoice]:
    """The active procedures of the catalogue in force with their papers, in two plain queries (loading them
    as ORM objects, one query of papers per procedure, took 0.45 s for 600 procedures; as objects with
    their papers in one query, 0.15 s). The search keys come from the stored folded name; a limit the
    administrator confirmed applies where the catalogue leaves it unconfirmed."""
    version = active_version(session)
    if version is None:
        return []
    in_force = (Procedure.catalogue_version_id == version.id) & Procedure.active
    papers: dict[int, list[DocumentTemplate]] = {}
    for row in session.execute(
        select(*_DOCUMENT_COLUMNS)
        .join(Procedure, Procedure.id == ProcedureDocument.procedure_id)
        .where(in_force)
        .order_by(ProcedureDocument.procedure_id, ProcedureDocument.position)
    ):
        papers.setdefault(row[0], []).append(DocumentTemplate(*row[1:]))
    today = today_local()
    overrides = latest_overrides(session)
    choices = []
    for p in session.execute(select(*_PROCEDURE_COLUMNS).where(in_force).order_by(Procedure.code)):
        short = (p.details or {}).get("short_names", ())
        choice = ProcedureChoice(
            code=p.code,
            name=p.name,
            field=p.field,
            time_amount=float(p.time_amount or 0),
            time_unit=p.time_unit if p.time_confirmed else "",
            cutoff=p.cutoff,
            time_text=p.time_text,
            fee_text=p.fee_text,
            documents=tuple(papers.get(p.id, ())),
            recent=p.code in recent,
            fees=tuple(lines_in_force(p.fees, today, "direct")),
            uses=uses[p.code],
            time_confirmed=p.time_confirmed,
            short_names=tuple(str(n) for n in short if str(n).strip()),
            common=bool((p.details or {}).get("common")),
            hidden=p.code in hidden,
        )
        # the search keys, here off the GUI thread (the first keystroke would pay for them), from the
        # folded name the catalogue stored when there is one (`fold` of 600 names took 0.1 s)
        if p.name_folded:
            vars(choice).update(folded=f"{p.code.lower()} {p.name_folded}", name_words=split(p.name_folded))
        _ = choice.folded, choice.abbreviations
        choices.append(_confirmed(choice, overrides.get(p.code)))
    return choices


def load_intake_context(store: Store, officer: SignedIn) -> IntakeContext:
    """Everything the intake form reads from the store, as plain data."""
    with store.session() as session:
        latest = latest_procedure_codes(session, officer)
        uses = Counter(latest)
        rank = {code: i for i, code in enumerate(recent_procedure_codes(latest))}
        choices = _load_choices(session, uses, set(rank), hidden_procedures(session))
        choices.sort(key=lambda c: rank.get(c.code, len(rank)))
        unit = session.get(Unit, officer.unit_id)
        return IntakeContext(choices, calendar_for(session), office_hours_of(unit))

"""Fees at the counter (lifecycle §3): assess a dossier's fee lines at intake, collect the due ones with
their receipts, exempt them on a ground the catalogue lists, and read them back.

- `assess_fees` runs inside the intake transaction: the procedure's lines in force at `received_at`
  become the dossier's `FeeLine` rows (free lines at 0, state `exempted`); `fees_assessed` appends one
  `fee_assessed` event when there is something to pay or an exemption (a free dossier has none: its
  `received` event's `fee_amount` 0 is its explicit zero line on the wire).
- `collect_fees` (one transaction): the due lines are paid in cash or by transfer; one receipt per kind
  (phí and lệ phí apart) numbered `<workstation>-<yyMMdd>-<seq>` (`desktop.core.fees.receipt_number`),
  one `fee_collected` event.
- `exempt_fees` (one transaction): the due lines that know the exemption become 0, one `fee_exempted`.
Nothing is deleted; each event carries every line of the dossier as it stands after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.actions import Action, require_allowed
from desktop.core.errors import ValidationError
from desktop.core.fees import KINDS, MAX_QUANTITY, METHODS, lines_in_force, money, receipt_number
from desktop.core.status import Status
from desktop.core.timeutil import as_local, now_local
from desktop.services.accounts import SignedIn
from desktop.services.dossier_state import change, load_dossier
from desktop.store.engine import Store
from desktop.store.events import append_event
from desktop.store.models import Dossier, FeeLine, FeeReceipt, Procedure
from desktop.store.workstation import workstation_number
from sync.events import FeeAssessed, FeeCollected, FeeExempted, FeeLineSnapshot, FeeReceiptSnapshot

FREE = "mien_phi"  # the exemption code of a line whose catalogue amount is 0
FREE_GROUND = "Không thu: mức thu 0 đồng theo danh mục thủ tục"


@dataclass(frozen=True)
class IssuedReceipt:
    number: str
    kind: str
    amount: int


@dataclass(frozen=True)
class Payment:
    code: str
    method: str
    total: int
    receipts: tuple[IssuedReceipt, ...]


@dataclass(frozen=True)
class FeeItem:
    name: str
    kind: str
    quantity: int
    amount: int
    timing: str
    state: str
    exemption_ground: str
    receipt_number: str
    basis: str = "per_case"
    unit_amount: int = 0


@dataclass(frozen=True)
class FeeSummary:
    """A dossier's fee lines and what is still to pay; `payment_status` as lifecycle §1.1."""

    code: str
    items: tuple[FeeItem, ...]
    due: int
    paid: int
    payment_status: str
    exemptions: tuple[tuple[str, str], ...] = ()  # (code, label) the catalogue offers for the due lines


def payment_status(lines: list[FeeLine]) -> str:
    if not lines:
        return "none"
    if any(line.state == "due" and line.amount > 0 for line in lines):
        return "due"
    if any(line.state == "collected" for line in lines):
        return "paid"
    return "exempt"


def _lines(session: Session, dossier_id: str) -> list[FeeLine]:
    return list(
        session.scalars(select(FeeLine).where(FeeLine.dossier_id == dossier_id).order_by(FeeLine.position))
    )


def _snapshots(session: Session, lines: list[FeeLine]) -> list[FeeLineSnapshot]:
    numbers = {
        r.id: r.number
        for r in session.scalars(
            select(FeeReceipt).where(FeeReceipt.id.in_({x.receipt_id for x in lines if x.receipt_id}))
        )
    }
    return [
        FeeLineSnapshot(
            position=x.position,
            fee_code=x.fee_code,
            name=x.name,
            kind=x.kind,
            basis=x.basis,
            quantity=x.quantity,
            unit_amount=x.unit_amount,
            amount=x.amount,
            timing=x.timing,
            state=x.state,
            exemption_code=x.exemption_code,
            exemption_ground=x.exemption_ground,
            method=x.method,
            receipt_number=numbers.get(x.receipt_id or "", ""),
        )  # fmt: skip
        for x in lines
    ]


def assess_fees(
    session: Session, dossier: Dossier, procedure: Procedure, exemption_code: str = ""
) -> list[FeeLine]:
    """The dossier's fee lines from the catalogue lines in force at its `received_at` (inside the intake
    transaction, before the `received` event, whose `fee_amount` becomes their total: 0 for a free
    dossier); `exemption_code` sets the lines that list it to 0 with their ground. Returns the lines
    `fees_assessed` must announce: all of them when one is to pay or exempted by choice, else none
    (a free dossier's zero lines travel as the `received` event's `fee_amount` 0)."""
    received = as_local(dossier.received_at)
    rules = lines_in_force(procedure.fees, received.date(), dossier.channel)
    if exemption_code and not any(rule.exemption(exemption_code) for rule in rules):
        raise ValidationError(
            f"Thủ tục {procedure.code} không có trường hợp miễn phí, lệ phí mã '{exemption_code}'.",
            "exemption",
        )
    lines: list[FeeLine] = []
    for position, rule in enumerate(rules, start=1):
        exemption = rule.exemption(exemption_code) if exemption_code else None
        line = FeeLine(
            dossier_id=dossier.id, position=position, fee_code=rule.code, name=rule.name, kind=rule.kind,
            basis=rule.basis, quantity=1, unit_amount=rule.amount, amount=rule.amount, timing=rule.timing,
            state="due", exemption_code="", exemption_ground="", method="",
        )  # fmt: skip
        if exemption is not None:
            line.amount, line.state = 0, "exempted"
            line.exemption_code, line.exemption_ground = (
                exemption.code,
                f"{exemption.label} ({exemption.ground})",
            )
        elif rule.amount == 0:
            line.state, line.exemption_code, line.exemption_ground = "exempted", FREE, FREE_GROUND
        lines.append(line)
    if not lines:
        return []
    session.add_all(lines)
    session.flush()
    dossier.fee_amount = sum(line.amount for line in lines)
    return lines if any(line.exemption_code != FREE for line in lines) else []


def fees_assessed(
    session: Session, officer_id: int | None, dossier: Dossier, lines: list[FeeLine], catalogue_version: str
) -> None:
    """The `fee_assessed` event of the lines `assess_fees` made (after the `received` event)."""
    received = as_local(dossier.received_at)
    event = change(
        FeeAssessed,
        dossier,
        lines=_snapshots(session, lines),
        assessed_at=received,
        catalogue_version=catalogue_version,
    )
    append_event(session, dossier.id, event, officer_id, at=received)


def check_method(method: str) -> str:
    if method not in METHODS:
        raise ValidationError(
            f"Hình thức thu '{method}' không hợp lệ: chỉ tiền mặt (cash) hoặc chuyển khoản (transfer).",
            "method",
        )
    return method


def _payable_now(line: FeeLine, dossier: Dossier) -> bool:
    """`before` lines any time; `after` lines once the result is ready (their amount is final then)."""
    return line.timing == "before" or dossier.status == Status.RESULT_READY.value


def check_copies(copies: int) -> int:
    if not 1 <= copies <= MAX_QUANTITY:
        raise ValidationError(f"Số bản, số trang phải từ 1 đến {MAX_QUANTITY}.", "copies")
    return copies


def _next_seq(session: Session, workstation: int, day: date) -> int:
    last = session.scalar(
        select(func.max(FeeReceipt.seq)).where(FeeReceipt.workstation == workstation, FeeReceipt.day == day)
    )
    return int(last or 0) + 1


def collect_fees(
    store: Store,
    officer: SignedIn,
    dossier_code: str,
    method: str = "cash",
    *,
    copies: int | None = None,
    amount: int | None = None,
    at: datetime | None = None,
) -> Payment:
    """Collect every due line of the dossier (one receipt per kind); nothing due is a ValidationError, and
    so is an `amount` handed over (when the officer states it) that differs from the amount due. `copies`:
    the number of copies or pages the lines charged per copy or per page count (1 when not given)."""
    when = as_local(at) if at is not None else now_local()
    check_method(method)
    with store.transaction() as session:
        dossier = load_dossier(session, dossier_code)
        require_allowed(Action.COLLECT_FEE, dossier)
        lines = _lines(session, dossier.id)
        due = [
            line for line in lines if line.state == "due" and line.amount > 0 and _payable_now(line, dossier)
        ]
        if not due:
            raise ValidationError(f"Hồ sơ {dossier.code} không có khoản phí, lệ phí nào phải thu.", "fees")
        if copies is not None:
            check_copies(copies)
            for line in due:
                if line.basis != "per_case":
                    line.quantity, line.amount = copies, line.unit_amount * copies
        expected = sum(line.amount for line in due)
        if amount is not None and amount != expected:
            raise ValidationError(
                f"Số tiền nộp {money(amount)} đồng khác số phải thu {money(expected)} đồng của hồ sơ "
                f"{dossier.code}; chưa thu.",
                "amount",
            )
        workstation = workstation_number(session)
        receipts: list[FeeReceipt] = []
        for kind in KINDS:
            mine = [line for line in due if line.kind == kind]
            if not mine:
                continue
            seq = _next_seq(session, workstation, when.date())
            receipt = FeeReceipt(
                number=receipt_number(workstation, when.date(), seq), workstation=workstation,
                day=when.date(), seq=seq, dossier_id=dossier.id, officer_id=officer.officer_id, kind=kind,
                method=method, amount=sum(line.amount for line in mine),
                payer_name=dossier.applicant.full_name, issued_at=when, cancelled=False, einvoice_number="",
            )  # fmt: skip
            session.add(receipt)
            session.flush()
            for line in mine:
                line.state, line.method, line.receipt_id = "collected", method, receipt.id
                line.collected_at, line.collected_by = when, officer.officer_id
            receipts.append(receipt)
        dossier.payment_channel = method
        session.flush()
        issued = tuple(IssuedReceipt(r.number, r.kind, r.amount) for r in receipts)
        total = sum(r.amount for r in issued)
        event = change(
            FeeCollected,
            dossier,
            lines=_snapshots(session, lines),
            collected_at=when,
            method=method,
            total=total,
            receipts=[FeeReceiptSnapshot(number=r.number, kind=r.kind, amount=r.amount) for r in issued],
        )
        append_event(session, dossier.id, event, officer.officer_id, at=when)
        return Payment(dossier.code, method, total, issued)


def exempt_fees(
    store: Store, officer: SignedIn, dossier_code: str, exemption_code: str, *, at: datetime | None = None
) -> FeeSummary:
    """Set the due lines that list `exemption_code` to 0 with its ground (one `fee_exempted` event)."""
    when = as_local(at) if at is not None else now_local()
    with store.transaction() as session:
        dossier = load_dossier(session, dossier_code)
        require_allowed(Action.COLLECT_FEE, dossier)
        lines = _lines(session, dossier.id)
        rules = {r.code: r for r in lines_in_force(dossier.procedure.fees, dossier.received_at.date())}
        touched = []
        for line in lines:
            rule = rules.get(line.fee_code)
            exemption = rule.exemption(exemption_code) if rule is not None else None
            if line.state == "due" and exemption is not None:
                line.amount, line.state = 0, "exempted"
                line.exemption_code = exemption.code
                line.exemption_ground = f"{exemption.label} ({exemption.ground})"
                touched.append(exemption)
        if not touched:
            raise ValidationError(
                f"Hồ sơ {dossier.code} không có khoản phải thu nào được miễn theo mã '{exemption_code}'.",
                "exemption",
            )
        event = change(
            FeeExempted,
            dossier,
            lines=_snapshots(session, lines),
            exempted_at=when,
            exemption_code=touched[0].code,
            ground=touched[0].ground,
        )
        append_event(session, dossier.id, event, officer.officer_id, at=when)
        return _summary(session, dossier)


def _summary(session: Session, dossier: Dossier) -> FeeSummary:
    lines = _lines(session, dossier.id)
    snaps = _snapshots(session, lines)
    items = tuple(
        FeeItem(
            s.name,
            s.kind,
            s.quantity,
            s.amount,
            s.timing,
            s.state,
            s.exemption_ground,
            s.receipt_number,
            s.basis,
            s.unit_amount,
        )  # fmt: skip
        for s in snaps
    )
    due = sum(line.amount for line in lines if line.state == "due")
    paid = sum(line.amount for line in lines if line.state == "collected")
    codes = {line.fee_code for line in lines if line.state == "due"}
    offered = {
        e.code: e.label
        for rule in lines_in_force(
            dossier.procedure.fees, as_local(dossier.received_at).date(), dossier.channel
        )
        if rule.code in codes
        for e in rule.exemptions
    }
    return FeeSummary(dossier.code, items, due, paid, payment_status(lines), tuple(offered.items()))


def owed(session: Session, dossier_id: str) -> int:
    """What the dossier's fee lines still due add up to, in đồng."""
    return sum(line.amount for line in _lines(session, dossier_id) if line.state == "due" and line.amount > 0)


def require_settled(session: Session, dossier: Dossier) -> None:
    """Refuse to hand the result over while a fee line is still due (lifecycle §2: every line paid or
    exempt)."""
    if amount := owed(session, dossier.id):
        raise ValidationError(
            f"Hồ sơ {dossier.code} còn {money(amount)} đồng phí, lệ phí chưa thu: hãy thu phí (hoặc ghi nhận "
            "miễn) trước khi trả kết quả.",
            "fees",
        )


def fee_summary(store: Store, dossier_code: str) -> FeeSummary:
    with store.session() as session:
        return _summary(session, load_dossier(session, dossier_code))


def describe(summary: FeeSummary) -> str:
    """One line for the officer: "Phải thu 20.000 đồng" / "Đã thu 20.000 đồng" / "Miễn phí"."""
    if summary.payment_status == "due":
        return f"Phải thu {money(summary.due)} đồng"
    if summary.payment_status == "paid":
        return f"Đã thu {money(summary.paid)} đồng"
    if summary.payment_status == "exempt":
        return "Miễn phí, lệ phí"
    return "Không có phí, lệ phí"

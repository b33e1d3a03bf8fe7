"""The data of the fee receipts and of the daily cash statement, read from the store, and their PDFs.

`receipt_views(session, numbers)` and `cash_statement_view(session, day, officer_id)` build the plain views
`desktop.forms.fees` prints; `print_receipts` / `print_cash_statement` render them, keep a copy under the
profile's `printed/` folder (sealed in a profile with a store key, `printing.keep_copy`, as every printed
form: the receipts carry the payer's name, address and ID number) and return the `PrintedDocument`, whose
PDF the print preview shows from memory. `output` also writes the clear PDF where the officer asks.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.errors import NotFoundError
from desktop.core.timeutil import now_local
from desktop.forms.fees import (
    CashStatementView,
    FeeReceiptView,
    ReceiptLine,
    StatementRow,
    build_receipts,
    build_statement,
)
from desktop.forms.model import PrintOptions
from desktop.services.accounts import acting_officer
from desktop.services.form_data import register_unit, unit_view
from desktop.services.printing import FEE_FORMS, PrintedDocument, keep_copy, write_pdf
from desktop.store.engine import Store
from desktop.store.models import Dossier, FeeLine, FeeReceipt, Officer, Unit

RECEIPT_FORM, STATEMENT_FORM = FEE_FORMS  # their names in the print preview and its settings


def _lines(session: Session, receipt: FeeReceipt) -> list[FeeLine]:
    return list(
        session.scalars(select(FeeLine).where(FeeLine.receipt_id == receipt.id).order_by(FeeLine.position))
    )


def _officer_name(session: Session, officer_id: int | None) -> str:
    officer = session.get(Officer, officer_id) if officer_id is not None else None
    return officer.full_name if officer is not None else ""


def receipt_views(session: Session, numbers: list[str]) -> list[FeeReceiptView]:
    views = []
    for number in numbers:
        receipt = session.scalars(select(FeeReceipt).where(FeeReceipt.number == number)).first()
        if receipt is None:
            raise NotFoundError(f"Không tìm thấy biên lai số '{number}'.")
        dossier = session.get(Dossier, receipt.dossier_id)
        assert dossier is not None
        views.append(
            FeeReceiptView(
                unit=unit_view(dossier.unit),
                number=receipt.number,
                einvoice_number=receipt.einvoice_number,
                kind=receipt.kind,
                issued_at=receipt.issued_at,
                payer_name=receipt.payer_name,
                payer_address=dossier.applicant.address,
                payer_id_number=dossier.applicant.id_number,
                dossier_code=dossier.code,
                method=receipt.method,
                collector=_officer_name(session, receipt.officer_id),
                lines=tuple(ReceiptLine(x.name, x.quantity, x.amount) for x in _lines(session, receipt)),
                amount=receipt.amount,
                cancelled=receipt.cancelled,
            )  # fmt: skip
        )
    return views


def cash_statement_view(session: Session, day: date, officer_id: int) -> CashStatementView:
    """Every receipt `officer_id` issued on `day`, line by line, in number order."""
    officer = session.get(Officer, officer_id)
    if officer is None:
        raise NotFoundError("Không tìm thấy cán bộ thu.")
    unit = session.get(Unit, officer.unit_id)
    assert unit is not None
    receipts = session.scalars(
        select(FeeReceipt)
        .where(FeeReceipt.day == day, FeeReceipt.officer_id == officer_id)
        .order_by(FeeReceipt.workstation, FeeReceipt.seq)
    )
    rows = _statement_rows(session, receipts)
    return CashStatementView(unit_view(unit), day, officer.full_name, rows)


def _statement_rows(session: Session, receipts: Iterable[FeeReceipt]) -> tuple[StatementRow, ...]:
    rows: list[StatementRow] = []
    for receipt in receipts:
        dossier = session.get(Dossier, receipt.dossier_id)
        code = dossier.code if dossier is not None else ""
        for line in _lines(session, receipt):
            rows.append(
                StatementRow(
                    receipt.number,
                    code,
                    receipt.payer_name,
                    line.name,
                    receipt.kind,
                    receipt.method,
                    line.amount,
                    receipt.cancelled,
                )  # fmt: skip
            )
    return tuple(rows)


def period_statement_view(session: Session, first: date, last: date, label: str) -> CashStatementView:
    """Every receipt issued from `first` to `last` (inclusive), by every officer, in day and number order."""
    receipts = session.scalars(
        select(FeeReceipt)
        .where(FeeReceipt.day >= first, FeeReceipt.day <= last)
        .order_by(FeeReceipt.day, FeeReceipt.workstation, FeeReceipt.seq)
    )
    rows = _statement_rows(session, receipts)
    unit = unit_view(register_unit(session))
    return CashStatementView(unit, first, "", rows, title="BẢNG KÊ THU PHÍ, LỆ PHÍ", subtitle=label)


def _keep(store: Store, form: str, stem: str, pdf: bytes, title: str, output: Path | None) -> PrintedDocument:
    kept = keep_copy(store, store.profile.output_dir / f"{stem}-{now_local():%Y%m%d-%H%M%S}.pdf", pdf)
    if output is not None:
        write_pdf(output, pdf)
    return PrintedDocument(form, pdf, kept, title, reprint=False)


def print_receipts(store: Store, numbers: list[str], output: Path | None = None) -> PrintedDocument:
    with store.session() as session:
        views = receipt_views(session, numbers)
    pdf = build_receipts(views, PrintOptions(paper="A5", printed_at=now_local()))
    title = f"Biên lai thu phí, lệ phí {', '.join(numbers)}"
    return _keep(store, RECEIPT_FORM, f"bien-lai-{numbers[0]}", pdf, title, output)


def print_cash_statement(
    store: Store, day: date, officer_username: str | None = None, output: Path | None = None
) -> tuple[PrintedDocument, CashStatementView]:
    officer = acting_officer(store, officer_username)
    with store.session() as session:
        view = cash_statement_view(session, day, officer.officer_id)
    pdf = build_statement(view, PrintOptions(printed_at=now_local()))
    stem = f"bang-ke-thu-phi-{day:%Y%m%d}-{officer.username}"
    title = f"Bảng kê thu phí, lệ phí {day:%d/%m/%Y} {view.collector}"
    return _keep(store, STATEMENT_FORM, stem, pdf, title, output), view

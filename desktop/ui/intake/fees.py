"""Fees at intake: the amount the chosen procedure costs (from the catalogue's dated fee lines), and,
once the dossier is saved with fees due at intake, the payment dialog (cash or transfer) whose receipts
open as a PDF (`desktop.ui.dossier.pay_dialog`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from desktop.core.fees import KINDS, money
from desktop.services.accounts import SignedIn
from desktop.services.fees import FeeSummary, Payment, fee_summary
from desktop.services.intake_lookup import ProcedureChoice
from desktop.store.engine import Store
from desktop.ui import errors, tasks
from desktop.ui.dossier.pay_dialog import PayDialog, collect_and_print


class FeeLabel(QLabel):
    """ "Fees collected at intake: …" for the chosen procedure, or that it is free."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("procedureFees")
        self.setWordWrap(True)

    def refresh(self, choice: ProcedureChoice | None) -> None:
        if choice is None or not choice.fees:
            self.clear()
            return
        paid = [rule for rule in choice.fees if rule.amount > 0]
        if not paid:
            self.setText(self.tr("Fees: <b>free</b>"))
            return
        parts = ", ".join(f"{rule.name} ({KINDS[rule.kind]}) {money(rule.amount)} đ" for rule in paid)
        total = sum(rule.amount for rule in paid if rule.timing == "before")
        self.setText(
            self.tr("Fees: <b>{total} VND</b> collected at intake: {lines}").format(
                total=money(total), lines=parts
            )
        )


def offer_payment(
    parent: QWidget, store: Store, officer: SignedIn, code: str, paid: Callable[[Payment | None], None]
) -> None:
    """After a dossier is saved: when fees are due, the payment dialog; `paid` once collected (None:
    exempted)."""

    def failed(exc: BaseException) -> None:
        errors.show_error(exc, parent)

    def loaded(summary: FeeSummary) -> None:
        if summary.payment_status != "due":
            return
        dialog = PayDialog(summary, parent)
        dialog.setObjectName("intakePayment")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one per fee-paying dossier: not kept

        def confirmed() -> None:
            collect_and_print(parent, store, officer, code, dialog, paid, failed)

        dialog.accepted.connect(confirmed)
        dialog.open()

    tasks.run_query(lambda: fee_summary(store, code), loaded, failed, owner=parent)

"""Collecting a dossier's fees: the dialog (the lines and the amount due, cash or transfer), then the
service on the writer thread and the receipts (one per kind) shown in the app's print preview (from memory:
their kept copy is sealed), printable from there (Ctrl+P, Enter) and closed by Esc.

Used by the dossier view ("Collect fees…", enabled by the `collect_fee` row of the allowed actions) and by
the intake view right after saving a dossier whose fees are due at intake. Keyboard-first: the dialog
opens on the payment method (Down picks transfer), Enter collects; an exemption the catalogue
lists for the due lines (Tab to it) sets them to 0 with its ground instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox, QWidget

from desktop.core.fees import KINDS, MAX_QUANTITY, money
from desktop.services.accounts import SignedIn
from desktop.services.fee_documents import print_receipts
from desktop.services.fees import FeeSummary, Payment, collect_fees, exempt_fees
from desktop.services.printing import PrintedDocument, PrintJob
from desktop.store.engine import Store
from desktop.ui import tasks
from desktop.ui.dossier.dialogs import _ActionDialog
from desktop.ui.print_preview import open_preview, prepared

Prepared = tuple[PrintedDocument, PrintJob, str]


class PayDialog(_ActionDialog):
    """The due fee lines and their total; OK collects them in cash or by transfer."""

    def __init__(self, summary: FeeSummary, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Collect fees"),
            self.tr("Collect the fees of dossier {code}; one receipt per kind is printed next.").format(
                code=summary.code
            ),
            self.tr("Collect {amount} VND").format(amount=money(summary.due)),
            parent,
        )
        self.method = QComboBox(self)
        self.method.setObjectName("paymentMethod")
        self.method.addItem(self.tr("Cash"), "cash")
        self.method.addItem(self.tr("Bank transfer"), "transfer")
        self.form.addRow(self.tr("Payment method"), self.method)
        self.due = [item for item in summary.items if item.state == "due"]
        self.copies = QSpinBox(self)
        self.copies.setObjectName("copies")
        self.copies.setRange(1, MAX_QUANTITY)
        self.copies.setEnabled(any(item.basis != "per_case" for item in self.due))
        self.form.addRow(self.tr("Copies or pages"), self.copies)
        for item in self.due:
            unit = f" × {money(item.unit_amount)} đ" if item.basis != "per_case" else ""
            self.form.addRow("", QLabel(f"{item.name} ({KINDS[item.kind]}){unit}", self))
        self.total = QLabel(self)
        self.total.setObjectName("amountDue")
        self.form.addRow(self.tr("Amount due"), self.total)
        self.copies.valueChanged.connect(self._update_total)
        self._update_total()
        self.exemption = QComboBox(self)
        self.exemption.setObjectName("exemption")
        self.exemption.addItem(self.tr("None: collect the fees"), "")
        for code, label in summary.exemptions:
            self.exemption.addItem(label, code)
        self.exemption.setEnabled(bool(summary.exemptions))
        self.form.addRow(self.tr("Exemption"), self.exemption)

    def amount_due(self) -> int:
        return sum(
            item.unit_amount * self.copies.value() if item.basis != "per_case" else item.amount
            for item in self.due
        )

    def _update_total(self) -> None:
        amount = money(self.amount_due())
        self.total.setText(f"<b>{amount} đ</b>")
        ok = self.buttons.button(self.buttons.StandardButton.Ok)
        ok.setText(self.tr("Collect {amount} VND").format(amount=amount))

    def copies_count(self) -> int | None:
        return self.copies.value() if self.copies.isEnabled() else None

    def method_code(self) -> str:
        return str(self.method.currentData())

    def exemption_code(self) -> str:
        return str(self.exemption.currentData())


def collect_and_print(
    parent: QWidget,
    store: Store,
    officer: SignedIn,
    code: str,
    dialog: PayDialog,
    done: Callable[[Payment | None], None],
    failed: Callable[[BaseException], None],
) -> None:
    """What the dialog says, on the writer thread: exempt the due lines (`done(None)`), or collect them,
    print the receipts to PDF there, then show them in the print preview and call `done(payment)`."""
    method, exemption, copies = dialog.method_code(), dialog.exemption_code(), dialog.copies_count()

    def work() -> tuple[Payment, Prepared] | None:
        if exemption:
            exempt_fees(store, officer, code, exemption)
            return None
        payment = collect_fees(store, officer, code, method, copies=copies)
        return payment, prepared(store, print_receipts(store, [r.number for r in payment.receipts]))

    def finished(result: tuple[Payment, Prepared] | None) -> None:
        if result is None:
            done(None)
            return
        payment, receipts = result
        open_preview(parent, store, receipts)
        done(payment)

    tasks.run_write(work, finished, failed, owner=parent)

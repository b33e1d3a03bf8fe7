"""The administrator confirms a procedure's time limit the catalogue leaves unconfirmed (issue 22).

Opened from the intake view's "Confirm the time limit…" (that procedure chosen) or from File → Confirm time
limits… (`desktop.ui.unit_menu`): the procedures without a confirmed limit, what the catalogue says and the
confirmation in force for each; amount, unit, cut-off (same day) and legal basis. Saved on the writer thread
through `desktop.services.time_limits.confirm_time_limit` (administrators only; a refused value is shown
under the form at its field, the dialog stays open). `confirmed` carries the procedure's code.
"""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from desktop.core import limits
from desktop.core.errors import ValidationError
from desktop.services.accounts import SignedIn
from desktop.services.time_limits import (
    ConfirmedLimit,
    UnconfirmedProcedure,
    confirm_time_limit,
    unconfirmed_procedures,
)
from desktop.store.engine import Store
from desktop.ui import tasks
from desktop.ui.form_helpers import lay_out_form, show_failure, show_inline_error
from desktop.ui.text_limit import limit


class ConfirmTimeLimitDialog(QDialog):
    """Confirms one procedure's time limit; `code`: the procedure to start on (None: the first listed)."""

    confirmed = Signal(str)

    def __init__(
        self, store: Store, officer: SignedIn, code: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("confirmTimeLimit")
        self.store, self.officer, self.wanted = store, officer, code
        self.items: list[UnconfirmedProcedure] = []
        self.setWindowTitle(self.tr("Confirm a procedure's time limit"))
        self.setMinimumWidth(600)
        self.procedure = QComboBox(self)
        self.procedure.setObjectName("procedure")
        # a procedure's full name runs to 200 characters: the field keeps the dialog within a 1024 screen
        self.procedure.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.procedure.setMinimumContentsLength(40)
        self.said = QLabel(self)
        self.said.setObjectName("catalogueSays")
        self.said.setWordWrap(True)
        self.amount = QLineEdit(self)
        limit(self.amount, 6, counter=False)
        self.amount.setObjectName("amount")
        self.unit = QComboBox(self)
        self.unit.setObjectName("unit")
        for label, value in (
            (self.tr("working days"), "days"),
            (self.tr("working hours"), "hours"),
            (self.tr("same day"), "sameday"),
        ):
            self.unit.addItem(label, value)
        self.cutoff = QLineEdit(self)
        limit(self.cutoff, 5, counter=False)
        self.cutoff.setObjectName("cutoff")
        self.cutoff.setPlaceholderText(self.tr("same day only, e.g. 15:00"))
        self.basis = QLineEdit(self)
        limit(self.basis, limits.BASIS)
        self.basis.setObjectName("basis")
        form = QFormLayout()
        form.addRow(self.tr("&Procedure:"), self.procedure)
        form.addRow("", self.said)
        form.addRow(self.tr("&Time limit:"), self.amount)
        form.addRow(self.tr("U&nit:"), self.unit)
        form.addRow(self.tr("&Cut-off hour:"), self.cutoff)
        form.addRow(self.tr("Legal &basis:"), self.basis)
        self.error, self.buttons = lay_out_form(self, form, self.submit)
        self._fields: dict[str, QWidget] = {
            "code": self.procedure, "amount": self.amount, "unit": self.unit, "cutoff": self.cutoff,
            "basis": self.basis,
        }  # fmt: skip
        self.procedure.currentIndexChanged.connect(self._show_current)
        self._busy(True)
        tasks.run_query(lambda: unconfirmed_procedures(store), self._loaded, self._failed, owner=self)

    def _busy(self, busy: bool) -> None:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setEnabled(not busy and bool(self.items))

    def _loaded(self, items: list[UnconfirmedProcedure]) -> None:
        self.items = items
        self.procedure.blockSignals(True)
        for item in items:
            self.procedure.addItem(f"{item.code} · {item.name}", item.code)
        self.procedure.blockSignals(False)
        index = next((i for i, item in enumerate(items) if item.code == self.wanted), 0)
        self.procedure.setCurrentIndex(index)
        self._show_current()
        self._busy(False)
        if not items:
            show_inline_error(
                self.error, self.tr("Every procedure of the catalogue has a confirmed time limit.")
            )
            return
        self.amount.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_current(self) -> None:
        index = self.procedure.currentIndex()
        if not 0 <= index < len(self.items):
            self.said.clear()
            return
        item = self.items[index]
        text = self.tr("The catalogue says: {said}").format(
            said=item.time_text or self.tr("no time limit given")
        )
        if item.confirmed is not None:
            text += " " + self.tr("Confirmed on {when} by {officer}: {limit}.").format(
                when=f"{item.confirmed.confirmed_at:%d/%m/%Y}", officer=item.confirmed.officer,
                limit=item.confirmed.label,
            )  # fmt: skip
        self.said.setText(text)

    def _values(self) -> tuple[str, float, str, time | None, str]:
        code = str(self.procedure.currentData() or "")
        unit = str(self.unit.currentData())
        text = self.amount.text().strip().replace(",", ".")
        try:
            amount = float(text) if text else (0.0 if unit == "sameday" else float("nan"))
        except ValueError:
            amount = float("nan")
        if amount != amount:
            raise ValidationError(self.tr("Enter the time limit as a number, e.g. 5."), "amount")
        cutoff = None
        if self.cutoff.text().strip():
            try:
                cutoff = datetime.strptime(self.cutoff.text().strip(), "%H:%M").time()
            except ValueError:
                raise ValidationError(
                    self.tr("Enter the cut-off hour as hh:mm, e.g. 15:00."), "cutoff"
                ) from None
        return code, amount, unit, cutoff, self.basis.text()

    def submit(self) -> None:
        show_inline_error(self.error, "")
        try:
            code, amount, unit, cutoff, basis = self._values()
        except ValidationError as exc:
            self._failed(exc)
            return
        store, officer = self.store, self.officer
        self._busy(True)
        tasks.run_write(
            lambda: confirm_time_limit(store, officer, code, amount, unit, cutoff, basis),
            self._done,
            self._failed,
            owner=self,
        )

    def _done(self, done: ConfirmedLimit) -> None:
        self._busy(False)
        self.confirmed.emit(done.code)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        show_failure(self.error, exc, self._fields, self)

"""The follow-up actions of the dossier view: shortcuts, enabling by status, dialog, service, printed slip.

Each action is enabled only when the one table of allowed actions (`desktop.core.actions.ACTIONS`, read
into `DossierDetail.actions`) allows it from the dossier's status; "Reprint letter" when a letter states
the dossier's situation. The view offers only the actions it has a dialog for: rows of the table without a
dialog (withdraw, rate, …) appear once their dialog is added here. When triggered an action
opens its dialog (which is also the confirmation), runs the service on the writer thread
(`tasks.run_write`), tells the view to reload, and opens the matching form in print preview.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop.core.appointment import UnconfirmedTimeLimit
from desktop.core.roles import can_change
from desktop.services import (
    apology,
    corrections,
    followup,
    intake,
    obligation,
    online_intake,
    result,
    review,
    withdrawal,
)
from desktop.services.accounts import SignedIn
from desktop.services.dossier_detail import DossierDetail
from desktop.services.fees import FeeSummary, describe, fee_summary
from desktop.store.engine import Store
from desktop.ui import tasks
from desktop.ui.dossier.applicant_dialogs import RatingDialog, UndoDialog, WithdrawDialog, ask_rating
from desktop.ui.dossier.dialogs import (
    ApologyDialog,
    AppointmentDialog,
    ExtendDialog,
    HandOverDialog,
    ObligationDialog,
    ObligationMetDialog,
    ReasonDialog,
    SupplementDialog,
)
from desktop.ui.dossier.pay_dialog import PayDialog, collect_and_print
from desktop.ui.dossier.result_dialogs import DeliveredDialog, ResultDialog, ReturnDialog
from desktop.ui.dossier.review_dialog import ReviewDialog
from desktop.ui.print_preview import show_print_preview

if TYPE_CHECKING:
    from desktop.ui.dossier.view import DossierView

READ_ONLY = {"reprint_receipt", "control_slip", "reprint_letter"}  # what a read-only officer may do here

# action name (a `desktop.core.actions.Action` value, but "reprint_letter") -> shortcut (inside the dossier view only; none clashes with the main window's)
SHORTCUTS = {
    "accept_online": "Ctrl+Shift+N",  # nhận
    "supplement": "Ctrl+B",
    "supplement_received": "Ctrl+Shift+B",
    "refuse": "Ctrl+T",
    "extend": "Ctrl+E",
    "apologise": "Ctrl+Shift+X",  # xin lỗi
    "stop": "Ctrl+D",
    "hand_over": "Ctrl+H",
    "result_ready": "Ctrl+J",
    "return_result": "Ctrl+K",
    "result_delivered": "Ctrl+Shift+D",  # delivered by the post
    "withdraw": "Ctrl+Shift+R",
    "rate": "Ctrl+Shift+G",
    "undo": "Ctrl+Shift+Z",
    "request_obligation": "Ctrl+Shift+F",
    "obligation_met": "Ctrl+Shift+M",
    "reprint_receipt": "Ctrl+P",
    "control_slip": "Ctrl+Shift+P",
    "reprint_letter": "Ctrl+L",
    "collect_fee": "Ctrl+Shift+T",  # thu phí
    "resolve_review": "Ctrl+Shift+Q",  # quyết định
}


def _keywords(service: Callable[..., object]) -> Callable[..., object]:
    """`service(store, officer, code, **values)` called as `(store, officer, code, values)`."""
    return lambda store, officer, code, values: service(store, officer, code, **values)


def _dispatch(
    store: Store, officer: SignedIn, code: str, service: Callable[..., object], *args: Any
) -> object:
    """Run the service the dialog chose (return at the counter, or hand to the post)."""
    return service(store, officer, code, *args)


class DossierActions(QObject):
    """Owns the QActions of one dossier view; `done` is emitted after a service changed the dossier."""

    done = Signal()

    def __init__(self, view: DossierView, store: Store, officer: SignedIn) -> None:
        super().__init__(view)
        self.view = view
        self.store = store
        self.officer = officer
        self.detail: DossierDetail | None = None
        self.dialog: QDialog | None = None  # the dialog last opened (tests drive it)
        texts = {
            "accept_online": self.tr("&Accept the online submission…"),
            "supplement": self.tr("Request &supplement…"),
            "supplement_received": self.tr("Supplement &received…"),
            "refuse": self.tr("Re&fuse…"),
            "extend": self.tr("Apologise and &extend…"),
            "apologise": self.tr("L&ate apology…"),
            "stop": self.tr("S&top processing…"),
            "hand_over": self.tr("&Hand over for processing…"),
            "result_ready": self.tr("Result read&y…"),
            "return_result": self.tr("Return the res&ult…"),
            "result_delivered": self.tr("Delivered by the p&ost…"),
            "withdraw": self.tr("&Withdraw…"),
            "rate": self.tr("Rate the ser&vice…"),
            "undo": self.tr("Un&do the latest step…"),
            "request_obligation": self.tr("Financial obli&gation…"),
            "obligation_met": self.tr("Financial obligation &met…"),
            "reprint_receipt": self.tr("Re&print receipt"),
            "control_slip": self.tr("&Control slip"),
            "reprint_letter": self.tr("Reprint &letter"),
            "collect_fee": self.tr("Collect fee&s…"),
            "resolve_review": self.tr("Settle the rev&iew…"),
        }
        handlers: dict[str, Callable[[], Any]] = {
            "accept_online": self.accept_online,
            "supplement": self.request_supplement,
            "supplement_received": self.supplement_received,
            "refuse": self.refuse,
            "extend": self.extend,
            "apologise": self.apologise,
            "stop": self.stop,
            "hand_over": self.hand_over,
            "result_ready": self.result_ready,
            "return_result": self.return_result,
            "result_delivered": self.result_delivered,
            "withdraw": self.withdraw,
            "rate": self.rate,
            "undo": self.undo,
            "request_obligation": self.request_obligation,
            "obligation_met": self.obligation_met,
            "reprint_receipt": lambda: self.print_form("receipt", reprint=True),
            "control_slip": lambda: self.print_form("control"),
            "reprint_letter": self.reprint_letter,
            "collect_fee": self.collect_fee,
            "resolve_review": self.resolve_review,
        }
        self.actions: dict[str, QAction] = {}
        for name, text in texts.items():
            action = QAction(text, view)
            action.setObjectName(name)
            action.setShortcut(QKeySequence(SHORTCUTS[name]))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({SHORTCUTS[name]})")
            action.setEnabled(False)
            action.triggered.connect(handlers[name])
            view.addAction(action)
            self.actions[name] = action

    def update(self, detail: DossierDetail) -> None:
        """Enable exactly the actions the dossier's status allows (for a read-only officer, printing only)."""
        self.detail = detail
        reading = not can_change(self.view.officer.role)
        for name, action in self.actions.items():
            action.setEnabled(name in detail.actions and not (reading and name not in READ_ONLY))
        self.actions["reprint_letter"].setEnabled(bool(detail.letter))

    # ---- the actions ---------------------------------------------------------------------------------

    def request_supplement(self) -> None:
        if (detail := self._allowed("supplement")) is None:
            return
        dialog = SupplementDialog(detail, self.view)
        self._open(
            dialog,
            intake.request_supplement,
            detail,
            lambda: (dialog.missing(), dialog.reason_text()),
            "supplement",
        )

    def supplement_received(self) -> None:
        if (detail := self._allowed("supplement_received")) is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Supplement received"),
            self.tr(
                "Did the applicant bring every paper that was asked for? The legal clock starts again and "
                "the appointment moves by the time it stood still."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.view,
        )
        self._open(box, intake.supplement_received, detail, tuple, "receipt")

    def accept_online(self) -> None:
        if (detail := self._allowed("accept_online")) is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Accept the online submission"),
            self.tr(
                "Are the applicant's details and papers complete and valid? The dossier is received now "
                "(status 2), the appointment is counted from now and the receipt is printed next."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.view,
        )
        self._open(box, online_intake.accept_online, detail, tuple, "receipt", failed=self._ask_appointment)

    def _ask_appointment(self, exc: BaseException) -> None:
        """The procedure's time limit is unconfirmed: ask the officer for the appointment, accept with it."""
        if not isinstance(exc, UnconfirmedTimeLimit) or self.detail is None:
            self._failed(exc)
            return
        self.view.set_busy(False)
        dialog, dossier_id = AppointmentDialog(self.view), self.detail.id
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self._run(
                partial(
                    online_intake.accept_online, self.store, self.officer, dossier_id, due_at=dialog.due_at()
                ),
                "receipt",
            )
        )
        dialog.open()

    def resolve_review(self) -> None:
        if (detail := self._allowed("resolve_review")) is None:
            return
        dialog = ReviewDialog(detail, self.view)
        self._open(dialog, review.resolve_review, detail, lambda: (dialog.keep(), dialog.note_text()), None)

    def refuse(self) -> None:
        if (detail := self._allowed("refuse")) is None:
            return
        dialog = ReasonDialog(
            self.tr("Refuse the dossier"),
            self.tr("The dossier is not accepted for processing; form 03 with the reason is printed next."),
            self.tr("Refuse"),
            self.view,
        )
        self._open(dialog, intake.refuse, detail, lambda: (dialog.reason_text(),), "refusal")

    def extend(self) -> None:
        if (detail := self._allowed("extend")) is None:
            return
        dialog = ExtendDialog(detail, self.view)
        self._open(
            dialog,
            followup.extend_due,
            detail,
            lambda: (dialog.new_due_at(), dialog.reason_text()),
            "apology",
        )

    def apologise(self) -> None:
        if (detail := self._allowed("apologise")) is None:
            return
        dialog = ApologyDialog(self.view)

        def service(
            store: Store, officer: SignedIn, dossier_id: str, reason: str, signer: str, via: str
        ) -> object:
            return apology.apologise(store, officer, dossier_id, reason, signer, sent_via=via)

        self._open(dialog, service, detail, dialog.values, "apology")

    def stop(self) -> None:
        if (detail := self._allowed("stop")) is None:
            return
        dialog = ReasonDialog(
            self.tr("Stop processing"),
            self.tr("Processing of the dossier stops for good; form 05 with the reason is printed next."),
            self.tr("Stop processing"),
            self.view,
        )
        self._open(dialog, followup.stop_processing, detail, lambda: (dialog.reason_text(),), "stop")

    def hand_over(self) -> None:
        if (detail := self._allowed("hand_over")) is None:
            return
        dialog = HandOverDialog(self.view)
        self._open(
            dialog,
            followup.hand_over,
            detail,
            lambda: (dialog.unit.text(), dialog.receiver.text()),
            "control",
        )

    def result_ready(self) -> None:
        if (detail := self._allowed("result_ready")) is None:
            return
        dialog = ResultDialog(detail, self.view)
        self._open(dialog, _keywords(result.record_result), detail, lambda: (dialog.values(),), None)

    def return_result(self) -> None:
        """The return dialog (receiver pre-filled as the owner); the hand-over receipt after a counter return.
        What the return still needs comes first: the fees due (the payment dialog), then the apology for a
        late result; each says so in its title and explanation."""
        if (detail := self._allowed("return_result")) is None:
            return
        if detail.fees_due:  # every fee line paid or exempt first: the payment dialog opens instead
            self.collect_fee()
            return
        if detail.needs_apology:  # a late result: the apology first (form 04), then Ctrl+K again
            self.apologise()
            return
        dialog = ReturnDialog(detail, self.view)
        at_counter: list[bool] = []  # read when confirmed: the dialog is gone once the return is written

        def fields() -> tuple[Any, ...]:
            at_counter.append(not dialog.by_post())
            if dialog.by_post():
                return (result.post_result, dialog.waybill.text().strip())
            return (result.return_result, dialog.receiver_value())

        def returned() -> None:
            """At the counter: the citizen rates the service (one key a level) unless they already did,
            then the hand-over receipt opens in the preview (also when they decline to rate)."""
            if not at_counter[-1]:
                return
            if detail.rated:
                self.print_form("handback")
                return
            rating = ask_rating(self.view, self.store, self.officer, detail.code, self.done.emit)
            rating.finished.connect(lambda _result: self.print_form("handback"))

        self._open(dialog, _dispatch, detail, fields, None, then=returned)

    def result_delivered(self) -> None:
        """The post delivered a result handed to it (on only while it is with the post)."""
        if (detail := self._allowed("result_delivered")) is None:
            return
        dialog = DeliveredDialog(detail, self.view)
        self._open(dialog, _keywords(result.record_delivery), detail, lambda: (dialog.values(),), None)

    def withdraw(self) -> None:
        if (detail := self._allowed("withdraw")) is None:
            return
        dialog = WithdrawDialog(detail, self.view)
        self._open(dialog, withdrawal.withdraw, detail, lambda: (dialog.request(),), None)

    def rate(self) -> None:
        if (detail := self._allowed("rate")) is None:
            return
        dialog = RatingDialog(detail.code, self.view)

        def fields() -> tuple[str, str]:
            level = dialog.level()
            assert level is not None  # accept() refuses without one
            return level.value, dialog.reason_text()

        self._open(dialog, withdrawal.rate, detail, fields, None)

    def undo(self) -> None:
        if (detail := self._allowed("undo")) is None:
            return
        from desktop.ui.dossier.timeline import event_title

        steps = [e for e in detail.events if e.type not in corrections.NOT_STEPS]
        step = event_title(steps[-1].type) if steps else ""
        dialog = UndoDialog(detail, step, self.view)
        self._open(dialog, corrections.undo_last_step, detail, lambda: (dialog.reason_text(),), None)

    def request_obligation(self) -> None:
        if (detail := self._allowed("request_obligation")) is None:
            return
        dialog = ObligationDialog(self.view)

        def service(
            store: Store,
            officer: SignedIn,
            dossier_id: str,
            number: str,
            body: str,
            amount: int,
            *dates: date,
        ) -> object:
            issued, pay_by = dates
            return obligation.request_obligation(
                store, officer, dossier_id, number, body, amount, notice_date=issued, pay_by=pay_by
            )

        self._open(dialog, service, detail, dialog.values, None)

    def obligation_met(self) -> None:
        if (detail := self._allowed("obligation_met")) is None:
            return
        dialog = ObligationMetDialog(self.view)

        def service(
            store: Store, officer: SignedIn, dossier_id: str, document: str, amount: int | None, place: str
        ) -> object:
            return obligation.obligation_met(store, officer, dossier_id, document, amount=amount, place=place)

        self._open(dialog, service, detail, dialog.values, None)

    def collect_fee(self) -> None:
        """Read the dossier's fees off the GUI thread, then the payment dialog; nothing due says so."""
        if (detail := self._allowed("collect_fee")) is None:
            return
        tasks.run_query(partial(fee_summary, self.store, detail.id), self._pay, self._failed, owner=self.view)

    def _pay(self, summary: FeeSummary) -> None:
        if summary.payment_status != "due":
            QMessageBox.information(self.view, self.tr("Collect fees"), describe(summary))
            return
        dialog = PayDialog(summary, self.view)
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def confirmed() -> None:
            self.view.set_busy(True)
            collect_and_print(
                self.view, self.store, self.officer, summary.code, dialog,
                lambda _payment: self._finished(None), self._failed,
            )  # fmt: skip

        dialog.accepted.connect(confirmed)
        dialog.open()

    def reprint_letter(self) -> None:
        """Print again the letter that states the dossier's situation (02, 03, 04 or 05), marked as a reprint."""
        if self.detail is not None and self.detail.letter:
            self.print_form(self.detail.letter, reprint=True)

    def print_form(self, form: str, *, reprint: bool = False) -> None:
        detail = self.detail
        if detail is not None:
            show_print_preview(self.view, self.store, form, detail.code, reprint=reprint)

    # ---- plumbing ------------------------------------------------------------------------------------

    def _allowed(self, name: str) -> DossierDetail | None:
        detail = self.detail
        if detail is None or not self.actions[name].isEnabled():
            return None
        return detail

    def _open(
        self,
        dialog: QDialog,
        service: Callable[..., object],
        detail: DossierDetail,
        fields: Callable[[], tuple[Any, ...]],
        form: str | None,
        then: Callable[[], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Show `dialog`; once confirmed, read its `fields()` here on the GUI thread and run
        `service(store, officer, dossier_id, *fields)` on the writer thread; then offer `form`, and call
        `then()` once the service succeeded (`failed(exc)` instead of the error message when it did not)."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def confirmed() -> None:
            self._run(partial(service, self.store, self.officer, detail.id, *fields()), form, then, failed)

        if isinstance(dialog, QMessageBox):
            yes = dialog.button(QMessageBox.StandardButton.Yes)
            dialog.buttonClicked.connect(lambda button: confirmed() if button is yes else None)
        else:
            dialog.accepted.connect(confirmed)
        dialog.open()

    def _run(
        self,
        work: Callable[[], object],
        form: str | None,
        then: Callable[[], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.view.set_busy(True)
        tasks.run_write(
            work, lambda _state: self._finished(form, then), failed or self._failed, owner=self.view
        )

    def _finished(self, form: str | None, then: Callable[[], None] | None = None) -> None:
        self.view.set_busy(False)
        self.done.emit()
        if form is not None:
            self.print_form(form)
        if then is not None:
            then()

    def _failed(self, exc: BaseException) -> None:
        from desktop.ui.errors import show_error

        self.view.set_busy(False)
        self.done.emit()  # re-read: the status may have changed under a stale view
        show_error(exc, self.view)

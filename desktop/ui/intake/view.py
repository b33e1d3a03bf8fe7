"""The intake view: receiving a dossier at the counter, keyboard first (issue 4).

Focus order follows the receipt (form 01): applicant, submitter, procedure, papers, sets, delivery, channel,
notes, Save. Shortcuts (also listed in the README):

- Ctrl+S or Ctrl+Enter: save (nothing is saved until the whole form is valid; problems show inline);
- Ctrl+Shift+V: read ID-card QR data from the clipboard; a USB QR scanner works anywhere in the view;
- F2: procedure search · F3: applicant name · F4: papers (Space ticks one) · Ctrl+Shift+R: all papers
  received · Ctrl+Shift+A: add another paper;
- F6 (or "Scan…" on a paper's row): scan or import that paper (section 5, `desktop/ui/intake/scans.py`);
- Esc: close the view (the draft stays saved and is offered again).

After saving, the receipt (form 01, two copies) opens in the print preview; the form is cleared for the
next citizen and the saved dossier's code and appointment stay shown above the Save button. When required
papers are not ticked, `desktop/ui/intake/incomplete.py` asks first: record it and request a supplement
(form 02 previewed), record it and refuse it (form 03 previewed), or go back.

The form autosaves to the store (debounced) through `desktop.ui.tasks.run_write`; the store is never
touched from the GUI thread. On open, an autosaved draft of this officer is offered back.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core import roles
from desktop.core.appointment import UnconfirmedTimeLimit
from desktop.core.cccd import MAX_PAYLOAD, parse_payload
from desktop.core.errors import ValidationError
from desktop.core.fees import money
from desktop.core.status import Status
from desktop.core.timeutil import now_local
from desktop.services.accounts import SignedIn
from desktop.services.drafts import SavedDraft, discard_draft, latest_draft, save_draft
from desktop.services.fees import Payment
from desktop.services.intake import ReceivedDossier, receive_dossier, receive_incomplete, refuse_at_intake
from desktop.services.intake_draft import IntakeDraft
from desktop.services.intake_lookup import IntakeContext, ProcedureChoice, load_intake_context
from desktop.services.intake_validate import DraftInvalid, check_draft, length_problems
from desktop.store.engine import Store
from desktop.store.models import new_uuid
from desktop.ui import errors, tasks
from desktop.ui.intake.applicant_form import ApplicantForm
from desktop.ui.intake.appointment import AppointmentBox
from desktop.ui.intake.burst import ScannerBurstFilter
from desktop.ui.intake.details_form import DetailsForm, SubmitterBox
from desktop.ui.intake.documents_table import DocumentsTable
from desktop.ui.intake.draft_banner import DraftBanner
from desktop.ui.intake.fees import FeeLabel, offer_payment
from desktop.ui.intake.fields import ERROR_STYLE
from desktop.ui.intake.incomplete import SUPPLEMENT, IncompleteDialog
from desktop.ui.intake.paste_guard import PasteGuard
from desktop.ui.intake.procedure_picker import ProcedurePicker
from desktop.ui.intake.scans import IntakeScans
from desktop.ui.print_preview import show_print_preview
from desktop.ui.text_limit import set_whole

log = logging.getLogger(__name__)

AUTOSAVE_MS = 1500
APPOINTMENT_REFRESH_MS = 30_000


class IntakeView(QWidget):
    """One intake form for one officer; `saved(ReceivedDossier)` after each dossier is received."""

    saved = Signal(object)
    close_requested = Signal()

    def __init__(self, store: Store, officer: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeView")
        self.store = store
        self.officer = officer
        self.context: IntakeContext | None = None
        self.draft_id = new_uuid()
        self.last_saved: ReceivedDossier | None = None
        self._loading = False
        self._saving = False

        self.notice = QLabel(self)
        self.notice.setObjectName("intakeNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.banner = DraftBanner(self)
        self.applicant = ApplicantForm(self)
        self.paste_button = QPushButton(self.tr("Read ID card data from clipboard (Ctrl+Shift+V)"), self)
        self.paste_button.setObjectName("pasteCard")
        self.paste_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.submitter = SubmitterBox(self)
        self.picker = ProcedurePicker(self)
        self.procedure_message = QLabel(self)
        self.procedure_message.setObjectName("msg:procedure_code")
        self.procedure_message.setStyleSheet(ERROR_STYLE)
        self.procedure_message.hide()
        self.documents = DocumentsTable(self)
        self.details = DetailsForm(self)
        self.scans = IntakeScans(store, officer.officer_id, self.documents, self)
        self.appointment = AppointmentBox(self)
        self.appointment.admin = officer.role == roles.ADMIN
        self.fees = FeeLabel(self)
        self.save_button = QPushButton(self.tr("&Save dossier (Ctrl+S)"), self)
        self.save_button.setObjectName("saveDossier")
        self.result = QLabel(self)
        self.result.setObjectName("savedDossier")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout()
        self._connect()
        self.burst = ScannerBurstFilter(self)
        self.burst.payload_scanned.connect(self.apply_payload)
        self.burst.unterminated_burst.connect(self._unterminated_burst)
        self.burst.unrecognised_burst.connect(self._unrecognised_burst)
        self.burst.blocked_burst.connect(self._blocked_burst)
        self.paste_guard = PasteGuard(
            self.apply_payload, lambda text: self.show_notice(text, True), self
        )  # a long paste refused, a card read
        self._guard_pastes()
        self.documents.rows_changed.connect(self._guard_pastes)  # an added paper's name field too
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.autosave_now)
        self._clock = QTimer(self)
        self._clock.setInterval(APPOINTMENT_REFRESH_MS)
        self._clock.timeout.connect(self.update_appointment)
        self._clock.start()
        self._load_context()

    # ---- construction --------------------------------------------------------------------------------

    def _section(self, title: str, *widgets: QWidget) -> QGroupBox:
        box = QGroupBox(title, self)
        layout = QVBoxLayout(box)
        for widget in widgets:
            layout.addWidget(widget)
        return box

    def _layout(self) -> None:
        content = QWidget(self)
        left = QVBoxLayout()
        left.addWidget(self._section(self.tr("1. Applicant (F3)"), self.applicant, self.paste_button))
        left.addWidget(self.submitter)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(
            self._section(
                self.tr("2. Procedure (F2)"), self.picker, self.procedure_message, self.appointment, self.fees
            )
        )
        right.addWidget(self._section(self.tr("3. Papers received (F4)"), self.documents))
        right.addWidget(self._section(self.tr("4. Result and notes"), self.details))
        buttons = QHBoxLayout()
        buttons.addWidget(self.result, 1)
        buttons.addWidget(self.save_button)
        right.addLayout(buttons)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        page = QVBoxLayout(content)
        page.addWidget(self.banner)
        page.addWidget(self.notice)
        page.addLayout(columns, 1)
        page.addWidget(self.scans)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Wherever the cursor goes (Alt + a label's letter, a shortcut, an error, a click), its field is
        scrolled into sight on a small screen, not only on Tab (QScrollArea's own): nothing is typed into
        a field out of sight."""
        content = self.scroll_area.widget()
        if new is not None and content is not None and content.isAncestorOf(new):
            self.scroll_area.ensureWidgetVisible(new)

    def _guard_pastes(self, *_: object) -> None:
        for edit in self.findChildren(QLineEdit):
            self.paste_guard.watch(edit)  # installing a filter twice keeps one

    def _shortcut(self, keys: str, slot: object, text: str = "") -> None:
        """`text` names it in the F1 sheet (desktop.ui.shortcuts)."""
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setWhatsThis(text)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    def _connect(self) -> None:
        for keys in ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter"):
            self._shortcut(keys, self.save, self.tr("Save the dossier") if keys == "Ctrl+S" else "")
        self._shortcut("Ctrl+Shift+V", self.paste_card, self.tr("Read ID card data from clipboard"))
        self._shortcut("F2", self.picker.reopen, self.tr("Search a procedure"))
        # ShortcutFocusReason: a keyboard move, so the style draws the focus frame on a tick box too
        self._shortcut(
            "F3",
            lambda: self.applicant.full_name.setFocus(Qt.FocusReason.ShortcutFocusReason),
            self.tr("Go to the applicant's name"),
        )
        self._shortcut(
            "F4",
            lambda: self.documents.first_focus().setFocus(Qt.FocusReason.ShortcutFocusReason),
            self.tr("Go to the papers"),
        )
        self._shortcut(
            "Ctrl+Shift+A", lambda: self.documents.add_extra_line(focus=True), self.tr("Add another paper")
        )
        self._shortcut("Ctrl+Shift+R", self.documents.tick_all, self.tr("All papers received"))
        self._shortcut("F6", self.scans.scan_focused, self.tr("Scan the selected paper"))
        self._shortcut("Escape", self.request_close, self.tr("Close the form"))
        self.save_button.clicked.connect(self.save)
        self.paste_button.clicked.connect(self.paste_card)
        self.banner.accepted.connect(self.continue_draft)
        self.banner.declined.connect(self.discard_draft)
        self.picker.chosen.connect(self._procedure_chosen)
        self.appointment.confirm_requested.connect(self._confirm_time_limit)
        self.scans.notice.connect(self.show_notice)
        self.documents.rows_changed.connect(self._fix_tab_order)
        for part in (self.applicant, self.submitter, self.documents, self.details):
            part.changed.connect(self._changed)

    def _fix_tab_order(self) -> None:
        """Tab follows the paper: applicant, submitter, procedure, papers, details, Save."""
        chain: list[QWidget] = [self.applicant.kind, self.applicant.full_name, self.applicant.id_number,
                                self.applicant.date_of_birth, self.applicant.gender, self.applicant.old_id_number,
                                self.applicant.id_issue_date, self.applicant.province, self.applicant.ward,
                                self.applicant.address, self.applicant.unit_choice, self.applicant.phone,
                                self.applicant.email,
                                self.submitter, self.submitter.name, self.submitter.id_number,
                                self.submitter.phone, self.picker.search, self.appointment.due_date,
                                self.appointment.due_time, self.appointment.confirm_button]  # fmt: skip
        for row in self.documents.rows:
            chain += (
                [row.tick]
                + ([row.name] if row.name is not None else [])
                + [row.originals, row.copies, row.scan]
            )
        chain += [self.documents.all_button, self.documents.add_button, self.details.sets, self.details.delivery,
                  self.details.delivery_address, self.details.channel, self.details.notes, self.save_button]  # fmt: skip
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # ---- context and drafts --------------------------------------------------------------------------

    def _load_context(self) -> None:
        store, officer = self.store, self.officer

        def load() -> tuple[IntakeContext, SavedDraft | None]:
            return load_intake_context(store, officer), latest_draft(store, officer)

        tasks.run_query(load, self._context_loaded, owner=self)

    def _context_loaded(self, loaded: tuple[IntakeContext, SavedDraft | None]) -> None:
        self.context, offered = loaded
        self.picker.set_choices(self.context.choices)
        self._fix_tab_order()
        if offered is not None and not offered.draft.is_blank():
            self.banner.offer(offered)

    def refresh_context(self) -> None:
        """Re-read the catalogue, the recent procedures and the calendar (with the province's overrides)
        on a query thread: when the view is opened again and after each save. The form stays usable
        meanwhile; the appointment is recomputed when they arrive."""
        store, officer = self.store, self.officer
        tasks.run_query(lambda: load_intake_context(store, officer), self._context_refreshed, owner=self)

    def _context_refreshed(self, context: IntakeContext) -> None:
        self.context = context
        self.picker.set_choices(context.choices)
        self.update_appointment()

    def focus_start(self) -> None:
        """Where the cursor goes when the view opens: the kept-draft question, else the applicant's name."""
        if self.banner.offered is not None:
            self.banner.continue_button.setFocus()
        else:
            self.applicant.full_name.setFocus()

    def continue_draft(self, saved: SavedDraft) -> None:
        self.draft_id = saved.id
        self.load_draft(saved.draft)
        self.applicant.full_name.setFocus()

    def discard_draft(self, saved: SavedDraft) -> None:
        store = self.store
        tasks.run_write(lambda: discard_draft(store, saved.id), owner=self)
        self.applicant.full_name.setFocus()

    def to_draft(self) -> IntakeDraft:
        draft = IntakeDraft(
            procedure_code=self.picker.current.code if self.picker.current is not None else "",
            applicant=self.applicant.to_draft(),
            documents=self.documents.lines(),
        )
        if self.submitter.isChecked():
            draft.submitter_name = self.submitter.name.text()
            draft.submitter_id_number = self.submitter.id_number.text()
            draft.submitter_phone = self.submitter.phone.text()
        self.details.fill(draft)
        return draft

    def load_draft(self, draft: IntakeDraft) -> None:
        self._loading = True
        try:
            self.applicant.load(draft.applicant)
            self.submitter.setChecked(bool(draft.submitter_name))
            set_whole(self.submitter.name, draft.submitter_name)
            self.submitter.id_number.setText(draft.submitter_id_number)
            self.submitter.phone.setText(draft.submitter_phone)
            self.picker.select(draft.procedure_code)
            templates = self.picker.current.documents if self.picker.current is not None else ()
            self.documents.load(draft.documents, templates)
            self.details.load(draft)
            self.scans.reset()
        finally:
            self._loading = False
        if too_long := length_problems(draft):  # kept from before the limits: shown whole, not saved
            self.show_errors(too_long)
            self.show_notice(
                self.tr(
                    "Some fields are longer than allowed: shorten them; nothing can be saved until then."
                ),
                True,
            )

    def _changed(self) -> None:
        if not self._loading:
            self._autosave.start()

    def autosave_now(self) -> None:
        """Write the draft now (the debounce timer calls this; so does closing the view)."""
        self._autosave.stop()
        draft = self.to_draft()
        if draft.is_blank() or self.store.read_only:  # a damaged store is never written: the form keeps it
            return
        store, officer, draft_id = self.store, self.officer, self.draft_id
        tasks.run_write(lambda: save_draft(store, officer, draft, draft_id), owner=self)

    # ---- procedure and appointment -------------------------------------------------------------------

    def _procedure_chosen(self, choice: ProcedureChoice | None) -> None:
        self.procedure_message.hide()
        if not self._loading:
            self.documents.set_templates(choice.documents if choice is not None else ())
            self.scans.reset()
        self.update_appointment()
        self._changed()

    def update_appointment(self) -> None:
        self.appointment.refresh(self.context, self.picker.current)
        self.fees.refresh(self.picker.current)

    def _confirm_time_limit(self, code: str) -> None:
        """An administrator confirms the procedure's time limit; the appointment is then computed."""
        from desktop.ui.time_limit_dialog import ConfirmTimeLimitDialog

        dialog = ConfirmTimeLimitDialog(self.store, self.officer, code, self)
        dialog.confirmed.connect(lambda _code: self.refresh_context())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # ---- ID card data --------------------------------------------------------------------------------

    def show_notice(self, text: str, error: bool = False) -> None:
        self.notice.setStyleSheet(ERROR_STYLE if error else "")
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def apply_payload(self, payload: str) -> bool:
        """Fill the applicant from an ID card QR payload; a malformed one changes nothing."""
        try:
            card = parse_payload(payload)
        except ValidationError as exc:
            log.info("ID card QR data refused (%d characters; content not logged)", len(payload))
            self.show_notice(
                self.tr("The ID card QR code could not be read: {reason}").format(reason=str(exc)), True
            )
            return False
        log.info("ID card QR data read into the applicant (content not logged)")
        self.applicant.fill_from_card(card)
        self.show_notice(self.tr("ID card read: {name}").format(name=card.full_name))
        if self.applicant.needs_choice():  # the card's commune was split: the officer picks first
            self.applicant.unit_choice.setFocus()
        else:
            self.applicant.phone.setFocus()
        return True

    def _unterminated_burst(self, payload: str) -> None:
        """A scan without Enter: complete from a reader set to send no suffix, else cut short."""
        try:
            parse_payload(payload)
        except ValidationError:
            log.info("incomplete scanner burst ignored (content not logged)")
            self.show_notice(
                self.tr("The scanner sent incomplete ID card data. Scan the QR code again."), True
            )
            return
        self.apply_payload(payload)

    def _unrecognised_burst(self) -> None:
        log.info("scanner burst without ID card data ignored (content not logged)")
        self.show_notice(
            self.tr(
                "The scanned code is not the QR code of an ID card; nothing was filled and the field is as "
                "you typed it."
            ),
            True,
        )

    def _blocked_burst(self) -> None:
        log.info("scanner burst into an open dialog ignored (content not logged)")
        self.show_notice(
            self.tr("A code scanned while a dialog was open was ignored: close the dialog, then scan again."),
            True,
        )

    def paste_card(self) -> None:
        text = QGuiApplication.clipboard().text()
        if len(text) > MAX_PAYLOAD:
            self.show_notice(self.tr("The clipboard does not hold ID card data (too long)."), True)
            return
        self.apply_payload(text)

    # ---- saving --------------------------------------------------------------------------------------

    def show_errors(self, found: dict[str, str]) -> None:
        self.applicant.show_errors(found)
        for path, box in {**self.submitter.boxes, **self.details.boxes}.items():
            if path in found:
                box.show_error(found[path])
            else:
                box.clear()
        procedure = found.get("procedure_code", "")
        self.procedure_message.setText(procedure)
        self.procedure_message.setVisible(bool(procedure))
        documents = found.get("documents") or next(
            (v for k, v in found.items() if k.startswith("documents.")), ""
        )
        self.documents.show_error(documents)
        self._focus_first_error(found)

    def _focus_first_error(self, found: dict[str, str]) -> None:
        targets = {**self.applicant.boxes, **self.submitter.boxes, **self.details.boxes}
        for path in found:
            if path in targets:
                targets[path].field.setFocus()
                return
            if path == "procedure_code":
                self.picker.reopen()
                return
            if path.startswith("documents"):
                self.documents.first_focus().setFocus()
                return

    def save(self) -> None:
        if self._saving:
            return
        if self.scans.pending_pages() or self.scans.busy():
            self.show_notice(
                self.tr("Scanned pages are not saved into a paper yet: press 'Save scan' or delete them."),
                True,
            )
            if self.scans.panel is not None:
                self.scans.panel.save_button.setFocus()
            return
        draft = self.to_draft()
        missing = self.documents.missing_required()
        try:
            check_draft(draft, now_local().date(), complete=not missing)
        except DraftInvalid as exc:
            self.show_errors(exc.errors)
            self.show_notice(self.tr("Please correct the highlighted fields; nothing was saved."), True)
            return
        self.show_errors({})
        try:
            due = self._entered_due(required=not missing)
        except ValidationError as exc:
            self._due_error(str(exc))
            return
        if missing:
            dialog = IncompleteDialog(missing, self)
            dialog.chosen.connect(lambda outcome, reason: self._record(draft, outcome, reason, due))
            dialog.rejected.connect(self._back_to_papers)
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()
            return
        self._record(draft, "", "", due)

    def _entered_due(self, required: bool) -> datetime | None:
        """The appointment the officer typed for a procedure without confirmed time limit (None otherwise);
        ValidationError when it does not parse, or is missing and `required`."""
        if not self.appointment.needs_entry or self.picker.current is None:
            return None
        due = self.appointment.entered_due()
        if due is None and required:
            raise UnconfirmedTimeLimit(self.picker.current.code)
        self.appointment.show_error("")
        return due

    def _due_error(self, text: str) -> None:
        self.appointment.show_error(text)
        self.appointment.due_date.setFocus()
        self.show_notice(self.tr("Please enter the appointment; nothing was saved."), True)

    def _back_to_papers(self) -> None:
        """On "Go back": the cursor on the first required paper not ticked."""
        self.activateWindow()
        self.documents.first_missing_focus().setFocus()

    def _record(self, draft: IntakeDraft, outcome: str, reason: str, due: datetime | None = None) -> None:
        """Write the dossier on the writer thread: received, or (`outcome`) with a supplement or refused."""
        self._autosave.stop()
        self._saving = True
        self.save_button.setEnabled(False)
        store, officer, draft_id = self.store, self.officer, self.draft_id

        def write() -> ReceivedDossier:
            if outcome == SUPPLEMENT:
                return receive_incomplete(store, officer, draft, reason, draft_id=draft_id, due_at=due)
            if outcome:
                return refuse_at_intake(store, officer, draft, reason, draft_id=draft_id, due_at=due)
            return receive_dossier(store, officer, draft, draft_id=draft_id, due_at=due)

        tasks.run_write(
            write,
            self._saved,
            self._save_failed,
            owner=self,
        )

    def _saved(self, result: ReceivedDossier) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.last_saved = result
        self.draft_id = new_uuid()
        if result.status == Status.SUPPLEMENT_REQUESTED.value:
            text = self.tr("Saved dossier <b>{code}</b> — supplement requested (form 02)")
            form = "supplement"
        elif result.status == Status.REFUSED.value:
            text = self.tr("Saved dossier <b>{code}</b> — refused (form 03)")
            form = "refusal"
        else:
            text = self.tr("Saved dossier <b>{code}</b> — appointment {time} {date}")
            form = "receipt"
        due = result.due_at
        self.result.setText(
            text.format(
                code=result.code,
                time=due.strftime("%H:%M") if due is not None else "",
                date=due.strftime("%d/%m/%Y") if due is not None else "",
            )
        )
        self.show_notice(" ".join(result.warnings))
        self.appointment.reset_entry()
        self.load_draft(IntakeDraft())
        self.picker.search.clear()
        self.picker.reopen()
        self.applicant.full_name.setFocus()
        self.saved.emit(result)
        self.refresh_context()  # this procedure is now a recent one
        show_print_preview(self, self.store, form, result.code)  # paper/copies as last printed for it
        if result.status != Status.REFUSED.value:
            offer_payment(self, self.store, self.officer, result.code, self._paid)

    def _paid(self, payment: Payment | None) -> None:
        if payment is None:
            self.show_notice(self.tr("Fees exempted"))
            return
        numbers = ", ".join(r.number for r in payment.receipts)
        self.show_notice(
            self.tr("Collected {amount} VND, receipt {numbers}").format(
                amount=money(payment.total), numbers=numbers
            )
        )

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if isinstance(exc, DraftInvalid):
            self.show_errors(exc.errors)
            self.show_notice(self.tr("Please correct the highlighted fields; nothing was saved."), True)
            return
        if isinstance(exc, ValidationError) and exc.field == "due":
            self._due_error(str(exc))
            return
        errors.show_error(exc)

    def request_close(self) -> None:
        if self._autosave.isActive():
            self.autosave_now()
        self.close_requested.emit()

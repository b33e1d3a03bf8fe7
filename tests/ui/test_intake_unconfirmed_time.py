"""The intake view for a procedure whose time limit is unconfirmed (issue 22): "Thời hạn chưa xác nhận"
where the appointment would be, the officer's appointment typed by keyboard (nothing suggested), a clear
Vietnamese message without it, and the administrator's confirmation from there computing it again."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.core.timeutil import as_local, now_local
from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from desktop.store.models import Dossier
from desktop.ui.dossier import open_dossier
from desktop.ui.dossier.dialogs import AppointmentDialog
from desktop.ui.intake import open_intake
from desktop.ui.time_limit_dialog import ConfirmTimeLimitDialog
from tests.factories import intake_draft
from tests.ui.helpers import type_text
from tests.ui.test_intake import main_window
from tests.unit.test_unconfirmed_time import CODE, unconfirm


def save(where: QWidget) -> None:
    """Ctrl+S from that field."""
    where.setFocus()
    QTest.keyClick(where, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_the_officer_types_the_appointment_and_the_administrator_confirms_the_limit(
    qtbot: QtBot, ready_store: tuple[Store, SignedIn], vietnamese: None
) -> None:
    store, admin = ready_store
    unconfirm(store)
    window = main_window(qtbot, store, admin)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view = open_intake(window)
    view.load_draft(intake_draft(store, CODE))
    box = view.appointment
    assert box.needs_entry and "Thời hạn chưa xác nhận" in box.text()
    assert (box.due_date.text(), box.due_time.text()) == ("", "")  # nothing suggested
    save(view.applicant.full_name)
    assert "hãy nhập ngày hẹn trả kết quả" in box.due_message.text()
    assert QApplication.focusWidget() is box.due_date
    with store.session() as session:
        assert session.scalars(select(Dossier)).first() is None
    due = (now_local() + timedelta(days=8)).replace(hour=15, minute=30, second=0, microsecond=0)
    type_text(box.due_date, f"{due:%d/%m/%Y}")
    type_text(box.due_time, "15:30")
    save(box.due_time)
    assert view.last_saved is not None and view.last_saved.due_at == due
    for top in QApplication.topLevelWidgets():  # the receipt's preview
        if top.isVisible() and top is not view.window():
            top.close()

    view.load_draft(intake_draft(store, CODE))
    QTest.mouseClick(box.confirm_button, Qt.MouseButton.LeftButton)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ConfirmTimeLimitDialog))
    assert dialog.procedure.currentData() == CODE and "Theo quy định" in dialog.said.text()
    type_text(dialog.amount, "4")
    type_text(dialog.basis, "Quyết định 12/QĐ-UBND")
    dialog.submit()
    assert not box.needs_entry and "04 ngày làm việc" in box.text()
    with store.session() as session:
        saved = session.scalars(select(Dossier)).one()
        assert as_local(saved.due_at) == due and saved.time_rule["manual"] is True  # type: ignore[arg-type]


def test_an_online_submission_of_such_a_procedure_asks_for_the_appointment(
    qtbot: QtBot, ready_store: tuple[Store, SignedIn], vietnamese: None
) -> None:
    from tests.ui.test_dossier_view import _close_previews, _preview
    from tests.ui.test_dossier_view import _dossier_id as dossier_id
    from tests.unit.test_online_intake import waiting

    store, officer = ready_store
    unconfirm(store)
    code = waiting(store)
    window = main_window(qtbot, store, officer)
    view = open_dossier(window, dossier_id(store, code))
    view.follow_up.actions["accept_online"].trigger()
    box = view.follow_up.dialog
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()
    dialog = view.follow_up.dialog
    assert isinstance(dialog, AppointmentDialog) and dialog.due_date.text() == ""
    dialog.accept()  # nothing typed: refused, in Vietnamese, the dialog stays
    assert dialog.isVisible() and "Hãy nhập ngày và giờ hẹn" in dialog.error.text()
    due = (now_local() + timedelta(days=6)).replace(hour=10, minute=0, second=0, microsecond=0)
    type_text(dialog.due_date, f"{due:%d/%m/%Y}")
    type_text(dialog.due_time, "10:00")
    dialog.accept()
    qtbot.waitUntil(lambda: view.header.status.text() == "Được tiếp nhận")
    assert _preview(qtbot).document.form == "receipt"
    _close_previews()
    with store.session() as session:
        assert as_local(session.scalars(select(Dossier).where(Dossier.code == code)).one().due_at) == due  # type: ignore[arg-type]

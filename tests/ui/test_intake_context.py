"""User stories: what the intake view knows besides the form — the official schedule's reach (a receipt in
2027, a year without data) and the catalogue, recent procedures and calendar picked up while it stays open."""

from __future__ import annotations

from datetime import datetime

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.core.calendar import CalendarException
from desktop.core.calendar_schedule import parse_schedule
from desktop.core.timeutil import VN_TZ
from desktop.services.accounts import SignedIn
from desktop.services.calendar_import import import_schedule
from desktop.store.calendar_repo import save_overrides
from desktop.store.engine import Store
from desktop.store.models import Dossier
from desktop.ui.main_window import MainWindow
from desktop.ui.print_preview import PrintPreviewDialog
from tests.clock import Clock
from tests.ui.helpers import visible_top_levels
from tests.ui.test_intake import CTRL, PAYLOAD, SHIFT, key, open_view, scanner, type_here, window

__all__ = ["window"]

WARNING_VI = "Chưa có lịch nghỉ chính thức năm 2027: ngày hẹn tính theo ngày lễ luật định, hãy kiểm tra"


def test_a_receipt_in_2027_warns_next_to_the_appointment_and_on_save(
    qtbot: QtBot,
    window: MainWindow,
    ready_store: tuple[Store, SignedIn],
    clock: Clock,
    vietnamese: None,
) -> None:
    store, _ = ready_store
    in_2027 = datetime(2027, 1, 5, 9, 0, tzinfo=VN_TZ)
    clock.set(in_2027)
    view = open_view(qtbot, window)
    scanner(PAYLOAD)
    type_here("0912345678")
    key(Qt.Key.Key_F2)
    type_here("1.004884")
    key(Qt.Key.Key_Return)
    assert view.appointment.text()
    assert view.appointment.warning.isVisible()
    assert WARNING_VI in view.appointment.warning.text()
    key(Qt.Key.Key_R, CTRL | SHIFT)
    key(Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: view.last_saved is not None)
    assert view.last_saved is not None and any(WARNING_VI in w for w in view.last_saved.warnings)
    assert WARNING_VI in view.notice.text()
    with store.session() as session:
        assert session.scalars(select(Dossier)).one().received_at == in_2027
    for preview in visible_top_levels(PrintPreviewDialog):
        preview.close()


def test_no_warning_inside_the_official_schedule(qtbot: QtBot, window: MainWindow, clock: Clock) -> None:
    monday = datetime(2026, 10, 5, 9, 0, tzinfo=VN_TZ)
    clock.set(monday)
    view = open_view(qtbot, window)
    key(Qt.Key.Key_F2)
    type_here("1.004884")
    key(Qt.Key.Key_Return)
    assert view.appointment.text() and not view.appointment.warning.isVisible()


def test_receiving_outside_working_hours_warns_from_which_session_it_counts(
    qtbot: QtBot, window: MainWindow, clock: Clock, vietnamese: None
) -> None:
    clock.set(datetime(2026, 10, 2, 17, 40, tzinfo=VN_TZ))  # a Friday, after closing
    view = open_view(qtbot, window)
    key(Qt.Key.Key_F2)
    type_here("1.004884")
    key(Qt.Key.Key_Return)
    warning = view.appointment.outside_hours
    assert warning.isVisible()
    assert warning.text() == (
        "Ngoài giờ làm việc: ngày hẹn tính từ buổi làm việc kế tiếp, 07:30, Thứ Hai 05/10/2026."
    )
    clock.set(datetime(2026, 10, 5, 9, 0, tzinfo=VN_TZ))  # Monday morning: no warning any more
    view.update_appointment()
    assert not warning.isVisible() and view.appointment.text()


@pytest.mark.one_moment
def test_after_a_save_the_procedure_is_offered_first_as_recent(
    qtbot: QtBot, window: MainWindow, ready_store: tuple[Store, SignedIn]
) -> None:
    view = open_view(qtbot, window)
    assert not any(c.recent for c in view.picker.choices)
    scanner(PAYLOAD)
    type_here("0912345678")
    key(Qt.Key.Key_F2)
    type_here("1.004884")
    key(Qt.Key.Key_Return)
    key(Qt.Key.Key_R, CTRL | SHIFT)
    key(Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: view.last_saved is not None)
    qtbot.waitUntil(lambda: bool(view.picker.choices) and view.picker.choices[0].recent)
    assert view.picker.choices[0].code == "1.004884"
    assert view.picker.matches.row_text(1).startswith("★ 1.004884")  # under "Most used here"
    for preview in visible_top_levels(PrintPreviewDialog):
        preview.close()


def test_reopening_the_form_picks_up_a_calendar_override(
    qtbot: QtBot, window: MainWindow, ready_store: tuple[Store, SignedIn], clock: Clock
) -> None:
    store, _ = ready_store
    monday = datetime(2026, 10, 5, 9, 0, tzinfo=VN_TZ)
    clock.set(monday)
    view = open_view(qtbot, window)
    key(Qt.Key.Key_F2)
    type_here("1.004884")
    key(Qt.Key.Key_Return)
    assert view.context is not None
    due = view.context.due_for("1.004884", monday)
    assert due is not None and due.strftime("%d/%m/%Y") in view.appointment.text()
    with store.transaction() as session:  # the province declares that day off (a sync, meanwhile)
        save_overrides(session, [CalendarException(due.date(), "off", "nghỉ bù")], "test-1")
    key(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not view.isVisible())
    QTest.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(view.isVisible)
    assert view.picker.current is not None and view.picker.current.code == "1.004884"  # the form is kept
    qtbot.waitUntil(lambda: due.strftime("%d/%m/%Y") not in view.appointment.text())
    assert view.appointment.text()


def test_an_imported_2027_schedule_removes_the_warning(
    qtbot: QtBot, window: MainWindow, ready_store: tuple[Store, SignedIn], clock: Clock
) -> None:
    store, _ = ready_store
    import_schedule(
        store,
        parse_schedule(
            {
                "version": "gl-2027.01-1",
                "years": [2027],
                "exceptions": [{"day": "2027-01-04", "kind": "off", "reason": "Nghỉ hoán đổi (giả định)"}],
            }
        ),
    )
    in_2027 = datetime(2027, 1, 5, 9, 0, tzinfo=VN_TZ)
    clock.set(in_2027)
    view = open_view(qtbot, window)
    key(Qt.Key.Key_F2)
    type_here("1.004884")
    key(Qt.Key.Key_Return)
    assert view.appointment.text() and not view.appointment.warning.isVisible()

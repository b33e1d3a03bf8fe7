"""User stories: what the intake view knows besides the form — the official schedule's reach (a receipt in
2027, a year without data) and the catalogue, recent procedures and calendar picked up while it stays open."""

from __future__ import annotations

from datetime import datetime

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from PySide6.QtCore import Qt

from desktop.core.timeutil import VN_TZ
from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from desktop.store.models import Dossier
from desktop.ui.main_window import MainWindow
from desktop.ui.print_preview import PrintPreviewDialog
from tests.ui.helpers import visible_top_levels
from tests.ui.test_intake import CTRL, PAYLOAD, SHIFT, key, open_view, scanner, type_here, window

__all__ = ["window"]

WARNING_VI = "Chưa có lịch nghỉ chính thức năm 2027: ngày hẹn tính theo ngày lễ luật định, hãy kiểm tra"


def test_a_receipt_in_2027_warns_next_to_the_appointment_and_on_save(
    qtbot: QtBot,
    window: MainWindow,
    ready_store: tuple[Store, SignedIn],
    monkeypatch: pytest.MonkeyPatch,
    vietnamese: None,
) -> None:
    store, _ = ready_store
    in_2027 = datetime(2027, 1, 5, 9, 0, tzinfo=VN_TZ)
    monkeypatch.setattr("desktop.ui.intake.appointment.now_local", lambda: in_2027)
    monkeypatch.setattr("desktop.services.intake.now_local", lambda: in_2027)
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


def test_no_warning_inside_the_official_schedule(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monday = datetime(2026, 10, 5, 9, 0, tzinfo=VN_TZ)
    monkeypatch.setattr("desktop.ui.intake.appointment.now_local", lambda: monday)
    view = open_view(qtbot, window)
    key(Qt.Key.Key_F2)
    type_here("1.004884")
    key(Qt.Key.Key_Return)
    assert view.appointment.text() and not view.appointment.warning.isVisible()

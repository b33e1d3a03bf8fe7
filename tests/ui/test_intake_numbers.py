"""The officer saves a dossier on a day whose dossier numbers are all used (offline all day on a busy day):
a message in Vietnamese says what to do, nothing is recorded, the form and its draft stay."""

from __future__ import annotations

from datetime import datetime

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from PySide6.QtWidgets import QMessageBox

from desktop.core.code_ranges import offline_segments
from desktop.core.timeutil import VN_TZ
from desktop.services import intake
from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from desktop.store.models import Dossier, Draft, NumberBlock
from desktop.ui.intake import IntakeView
from desktop.ui.main_window import MainWindow
from tests.factories import intake_draft
from tests.ui.helpers import visible_top_levels

NOW = datetime(2026, 11, 16, 15, 0, tzinfo=VN_TZ)  # a Monday afternoon


def count(store: Store, model: type) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_saving_when_the_days_numbers_are_used_up_says_what_to_do_and_keeps_the_form(
    qtbot: QtBot, ready_store: tuple[Store, SignedIn], monkeypatch: pytest.MonkeyPatch, vietnamese: None
) -> None:
    store, officer = ready_store
    monkeypatch.setattr(intake, "now_local", lambda: NOW)  # the moment the dossier is received
    with store.transaction() as session:  # workstation 1 gave out all of its 850 offline numbers today
        for first, last in offline_segments(1):
            session.add(
                NumberBlock(
                    unit_code=officer.unit_code, day=NOW.date(), first=first, last=last, next=last + 1,
                    source="fallback",
                )
            )  # fmt: skip
    window = MainWindow(store, officer)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.action_new_dossier.trigger()
    view = window.findChild(IntakeView, "intakeView")
    assert view is not None
    view.load_draft(intake_draft(store))
    view.autosave_now()
    assert count(store, Draft) == 1

    view.save_button.click()
    qtbot.waitUntil(lambda: bool(visible_top_levels(QMessageBox)))
    (box,) = visible_top_levels(QMessageBox)
    assert isinstance(box, QMessageBox)
    text = box.text()
    assert "đã dùng hết số hồ sơ của ngày 16/11/2026" in text
    assert "vẫn được giữ" in text
    # the menu entries and the button it names are the ones on screen
    sync_menu = window.menu_sync.title().replace("&", "")
    connect = next(a for a in window.menu_sync.actions() if a.text().startswith("&Kết nối"))
    assert f"{sync_menu} → {window.action_sync_now.text().replace('&', '')} (F9)" in text
    assert f"{sync_menu} → {connect.text().replace('&', '')}" in text
    assert view.save_button.text().replace("&", "").split(" (")[0] in text
    assert count(store, Dossier) == 0 and count(store, Draft) == 1
    assert view.applicant.full_name.text() == "Nguyễn Văn Mẫu"
    assert view.save_button.isEnabled()
    box.close()

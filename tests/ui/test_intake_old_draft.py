"""Old drafts over the limits (issue 21): an autosaved intake draft written before the limits (or by hand)
whose name, address or notes are longer than allowed loads whole, each such field marked red with both
lengths, and the dossier is not saved until the officer shortens them."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.core import limits
from desktop.services.accounts import SignedIn
from desktop.services.drafts import save_draft
from desktop.services.intake_draft import IntakeDraft
from desktop.services.intake_validate import length_problems
from desktop.store.engine import Store
from desktop.store.models import Dossier
from desktop.ui.intake import IntakeView
from desktop.ui.main_window import MainWindow
from desktop.ui.text_limit import LengthCounter
from tests.factories import intake_draft

pytestmark = pytest.mark.usefixtures("vietnamese")

NAME = "Nguyễn Thị " * 15 + "Hoa"  # 168 characters, over 100
ADDRESS = "Thôn Làng Mới, " * 25 + "Gia Lai"  # 382 characters, over 300
NOTES = "Ghi chú cũ. " * 200  # 2,399 characters (trimmed), over 2,000


def old_draft(store: Store) -> IntakeDraft:
    draft = intake_draft(store, full_name=NAME, address=ADDRESS)
    draft.notes = NOTES
    return draft


def test_an_old_draft_is_kept_whole_by_the_service(ready_store: tuple[Store, SignedIn]) -> None:
    store, _ = ready_store
    data = old_draft(store).to_dict()
    loaded = IntakeDraft.from_dict(data)
    assert loaded.applicant.full_name == NAME and loaded.applicant.address == ADDRESS
    assert loaded.notes == NOTES.strip()
    assert length_problems(loaded) == {
        "applicant.full_name": f"Họ và tên dài {len(NAME)} ký tự, tối đa {limits.NAME} ký tự: hãy rút gọn.",
        "applicant.address": f"Địa chỉ dài {len(ADDRESS)} ký tự, tối đa {limits.ADDRESS} ký tự: hãy rút gọn.",
        "notes": f"Ghi chú dài {len(NOTES.strip())} ký tự, tối đa {limits.NOTES} ký tự: hãy rút gọn.",
    }


def test_an_old_draft_over_the_limits_loads_whole_marked_and_saves_only_once_shortened(
    qtbot: QtBot, ready_store: tuple[Store, SignedIn]
) -> None:
    store, officer = ready_store
    save_draft(store, officer, old_draft(store))
    window = MainWindow(store, officer, workstation="1")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view = window.findChild(IntakeView, "intakeView")
    assert view is not None and view.banner.isVisible()
    view.banner.continue_button.click()
    name, address, notes = view.applicant.full_name, view.applicant.address, view.details.notes

    assert name.text() == NAME and address.text() == ADDRESS and notes.text() == NOTES.strip()  # not cut
    assert f"dài {len(NAME)} ký tự, tối đa {limits.NAME}" in view.applicant.boxes["applicant.full_name"].text
    assert f"tối đa {limits.ADDRESS}" in view.applicant.boxes["applicant.address"].text
    assert f"tối đa {limits.NOTES}" in view.details.boxes["notes"].text
    counter = name.findChild(LengthCounter)
    assert counter.isVisible() and counter.text() == f"{len(NAME)}/{limits.NAME}"
    assert "#b3261e" in counter.styleSheet()  # red
    assert view.notice.isVisible()

    name.setFocus()
    name.end(False)
    QTest.keyClicks(name, "x")  # a field over its limit takes no more
    assert name.text() == NAME
    QTest.keyClick(name, Qt.Key.Key_Backspace)  # it may be shortened, one key at a time
    assert name.text() == NAME[:-1] and name.maxLength() == len(NAME) - 1

    view.save()
    assert f"tối đa {limits.NAME}" in view.applicant.boxes["applicant.full_name"].text
    assert _dossiers(store) == 0

    name.setText("Nguyễn Thị Hoa")
    address.setText("Thôn Làng Mới, Ia Grai, Gia Lai")
    notes.setText("Ghi chú ngắn.")
    assert name.maxLength() == limits.NAME  # its limit is back
    QTest.keyClicks(name, "x" * (limits.NAME + 5))
    assert len(name.text()) == limits.NAME
    name.setText("Nguyễn Thị Hoa")
    view.save()
    qtbot.waitUntil(lambda: _dossiers(store) == 1, timeout=5000)
    with store.session() as session:
        dossier = session.scalars(select(Dossier)).one()
        assert dossier.applicant.full_name == "Nguyễn Thị Hoa" and dossier.notes == "Ghi chú ngắn."
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget is not window:
            widget.close()


def _dossiers(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Dossier)) or 0)

"""File → Thông tin đơn vị…: administrators edit the unit's settings; others do not see the entry."""

from __future__ import annotations

import dataclasses

import pytest

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox

from desktop.services.accounts import SignedIn
from desktop.services.unit_settings import load_unit_settings
from desktop.store.engine import Store
from desktop.ui.main_window import MainWindow
from desktop.ui.unit_dialog import UnitSettingsDialog
from tests.ui.helpers import type_text, visible_top_levels

pytestmark = pytest.mark.usefixtures("vietnamese")


def _window(qtbot, store: Store, officer: SignedIn) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(store, officer, workstation="1")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _open_dialog(qtbot, win: MainWindow) -> UnitSettingsDialog:  # type: ignore[no-untyped-def]
    action = win.findChild(QAction, "unitSettings")
    assert action is not None and action in win.menu_file.actions()
    assert action.text() == "Thông tin đơ&n vị…"
    action.trigger()
    dialogs = visible_top_levels(UnitSettingsDialog)
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert isinstance(dialog, UnitSettingsDialog)  # deleted on close, with the window at the latest
    return dialog


def _set(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    widget.clear()
    type_text(widget, text)


def test_admin_changes_the_unit_settings(qtbot, ready_store) -> None:  # type: ignore[no-untyped-def]
    store, officer = ready_store
    dialog = _open_dialog(qtbot, _window(qtbot, store, officer))
    assert dialog.windowTitle() == "Thông tin đơn vị"
    assert dialog.unit_label.text() == "Xã Ia Grai (H21.55.10)"
    assert dialog.office_hours.text() == "07:30-11:30,13:30-17:00"
    assert dialog.province.currentText() == "Gia Lai"

    _set(dialog.office_hours, "13:30-17:00,07:30-11:30")
    _set(dialog.register_book, "04/2026")
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    save.click()
    assert dialog.isVisible()  # refused: stays open, says why, cursor in the field
    assert "Buổi sáng phải kết thúc trước khi buổi chiều bắt đầu" in dialog.error.text()
    assert dialog.focusWidget() is dialog.office_hours
    assert load_unit_settings(store).register_book == ""  # nothing written

    _set(dialog.office_hours, "07:00-11:00,13:00-16:30")
    _set(dialog.lookup_url, "https://dichvucong.gialai.gov.vn/tra-cuu?ma={code}")
    save.click()
    assert not dialog.isVisible() and dialog.saved is not None
    unit = load_unit_settings(store)
    assert unit.office_hours == "07:00-11:00,13:00-16:30" and unit.register_book == "04/2026"
    assert unit.lookup_url == "https://dichvucong.gialai.gov.vn/tra-cuu?ma={code}"


def test_other_officers_do_not_see_the_entry(qtbot, ready_store) -> None:  # type: ignore[no-untyped-def]
    store, officer = ready_store
    win = _window(qtbot, store, dataclasses.replace(officer, role="officer"))
    assert win.findChild(QAction, "unitSettings") is None

"""User stories of finding one procedure among hundreds (issue 22 item 5): the officer types a short name
or a name without diacritics, browses the fields by keyboard, reads the time limit, fee and papers of the
highlighted procedure before picking; the administrator hides what the commune never receives."""

from __future__ import annotations

import functools
from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.core.errors import ValidationError
from desktop.services.accounts import SignedIn
from desktop.services.intake import receive_dossier
from desktop.services.intake_lookup import ProcedureChoice
from desktop.services.procedure_visibility import hidden_procedures, hide, unhide
from desktop.store.catalogue import active_procedures
from desktop.store.engine import Store
from desktop.store.models import Dossier
from desktop.ui.intake.procedure_picker import ProcedurePicker
from desktop.ui.main_window import MainWindow
from desktop.ui.procedures_dialog import HiddenProceduresDialog
from desktop.ui.shortcuts import keyboard_entries
from tests.factories import intake_draft
from tests.synthetic_catalogue import synthetic_choices
from tests.ui.helpers import replace_text, type_text
from tests.ui.test_intake import key, main_window, open_view, type_here, window

__all__ = ["window"]

CTRL = Qt.KeyboardModifier.ControlModifier
USES = {"2.000815": 30, "1.001193": 20}


@functools.cache
def choices() -> list[ProcedureChoice]:
    return synthetic_choices(USES)


@pytest.fixture
def picker(qtbot: QtBot) -> ProcedurePicker:
    widget = ProcedurePicker()
    qtbot.addWidget(widget)
    widget.resize(700, 520)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.set_choices(choices())
    widget.search.setFocus()
    return widget


def press(
    picker: ProcedurePicker, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.keyClick(picker.search, k, modifier)


def test_a_short_name_or_a_name_without_diacritics_highlights_the_procedure(picker: ProcedurePicker) -> None:
    type_text(picker.search, "ks")
    assert picker.matches.current_text() == "1.001193 — Đăng ký khai sinh"
    replace_text(picker.search, "ket hon")
    assert picker.matches.current_text() == "1.000894 — Đăng ký kết hôn"
    replace_text(picker.search, "bstlht")  # initials without "Cấp"
    assert picker.matches.current_text().startswith("2.000635")
    press(picker, Qt.Key.Key_Return)
    assert picker.current is not None and picker.current.code == "2.000635"
    assert picker.matches.isHidden() and picker.details.isHidden()


@pytest.mark.usefixtures("vietnamese")
def test_the_empty_list_is_grouped_by_field_most_used_first_and_browsed_by_keyboard(
    picker: ProcedurePicker,
) -> None:
    matches = picker.matches
    assert matches.row_text(0) == "Hay dùng tại đơn vị (2)"
    assert matches.current_text() == "★ 2.000815 — Chứng thực bản sao từ bản chính giấy tờ, văn bản"
    press(picker, Qt.Key.Key_Up)  # the header above is skipped: the highlight stays
    assert matches.current_row() == 1
    press(picker, Qt.Key.Key_Down)
    assert matches.current_text().startswith("★ 1.001193")
    press(picker, Qt.Key.Key_Down, CTRL)  # the next field: its header, then its most used procedure
    assert matches.row_text(matches.current_row() - 1).startswith("Chứng thực (")
    assert matches.current_text().startswith("★ 2.000815")
    press(picker, Qt.Key.Key_Down, CTRL)
    assert matches.row_text(matches.current_row() - 1).startswith("Hộ tịch (")
    assert matches.current_text().startswith("★ 1.001193")
    press(picker, Qt.Key.Key_Down)  # within Hộ tịch, headers never highlighted
    assert not matches.current_text().startswith(("Hộ tịch", "★"))
    press(picker, Qt.Key.Key_Up, CTRL)
    assert matches.row_text(matches.current_row() - 1).startswith("Chứng thực (")
    procedures, before = matches.procedure_rows(), matches.current_row()
    press(picker, Qt.Key.Key_PageDown)  # six procedures further (headers not counted)
    assert procedures.index(matches.current_row()) == procedures.index(before) + 6
    assert ("Lĩnh vực tiếp theo trong danh sách thủ tục", "Ctrl+Down") in keyboard_entries(
        picker
    )  # the F1 sheet
    type_text(picker.search, "dang ky")  # broad: still grouped, the obvious first
    assert matches.row_text(0).startswith("Hộ tịch (") and matches.current_row() == 1
    press(picker, Qt.Key.Key_Return)
    assert picker.current is not None and picker.current.name.startswith("Đăng ký")


@pytest.mark.usefixtures("vietnamese")
def test_the_details_follow_the_highlight_before_the_officer_picks(picker: ProcedurePicker) -> None:
    type_text(picker.search, "khai sinh")
    assert picker.matches.current_text() == "1.001193 — Đăng ký khai sinh"
    details = picker.details
    assert details.isVisible()
    text = details.text()
    assert "Hộ tịch" in text and "Ngay trong ngày tiếp nhận hồ sơ" in text
    assert "Miễn lệ phí đăng ký khai sinh đúng hạn" in text
    assert (
        "Thành phần hồ sơ (3)" in text
        and "Tờ khai đăng ký khai sinh theo mẫu — 1 bản chính, 0 bản sao" in text
    )
    press(picker, Qt.Key.Key_Down)
    following = picker.matches.current_choice()
    assert following is not None and following.code != "1.001193"
    assert details.text() != text and following.time_text in details.text()
    unconfirmed = next(c for c in choices() if not c.time_confirmed and c.code.startswith(("1.9", "2.9")))
    replace_text(picker.search, unconfirmed.code)
    assert "Thời hạn chưa xác nhận" in details.text()
    assert "Căn cước của người nộp hồ sơ — xuất trình, không lưu" in details.text()
    assert "(Mẫu 01/TK)" in details.text()


def test_a_hidden_procedure_leaves_the_picker_and_its_dossier_still_opens(
    qtbot: QtBot, window: MainWindow, ready_store: tuple[Store, SignedIn]
) -> None:
    from desktop.ui.dossier import open_dossier

    store, officer = ready_store
    received = receive_dossier(store, officer, intake_draft(store, "2.001019"))
    assert hide(store, officer, ["2.001019"]) == {"2.001019"}
    view = open_view(qtbot, window)
    key(Qt.Key.Key_F2)
    type_here("chung thuc di chuc")
    matches = view.picker.matches
    shown = [matches.row_text(row) for row in range(matches.count())]
    assert not [text for text in shown if "2.001019" in text], shown
    assert "2.001019" not in matches.current_text()
    with store.session() as session:
        dossier_id = session.scalars(select(Dossier.id).where(Dossier.code == received.code)).one()
    dossier = open_dossier(window, str(dossier_id))
    qtbot.waitUntil(lambda: "Chứng thực di chúc" in dossier.header.procedure.text())
    unhide(store, officer, ["2.001019"])
    with store.session() as session:
        assert hidden_procedures(session) == frozenset()


def test_the_administrator_hides_by_keyboard_and_an_officer_cannot(
    qtbot: QtBot, window: MainWindow, ready_store: tuple[Store, SignedIn]
) -> None:
    store, officer = ready_store
    action = window.findChild(QAction, "hiddenProcedures")
    assert action is not None
    action.trigger()
    dialog = window.findChild(HiddenProceduresDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()  # the offscreen platform does not activate a dialog as it opens
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    with store.session() as session:
        total = len(active_procedures(session))
    assert dialog.count.text() == f"0 of {total} procedures hidden"
    type_text(dialog.search, "2.001019")  # narrows the list to Chứng thực di chúc, highlighted
    QTest.keyClick(dialog.search, Qt.Key.Key_Tab)
    assert dialog.tree.hasFocus() and dialog.tree.currentItem().text(0) == "2.001019 — Chứng thực di chúc"
    QTest.keyClick(dialog.tree, Qt.Key.Key_Space)
    assert dialog.count.text() == f"1 of {total} procedures hidden"
    QTest.keyClick(dialog.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.hidden is not None)
    with store.session() as session:
        assert hidden_procedures(session) == {"2.001019"}

    clerk = replace(officer, role="officer")
    with pytest.raises(ValidationError, match="Chỉ quản trị viên"):
        hide(store, clerk, ["1.001193"])
    with store.session() as session:
        assert hidden_procedures(session) == {"2.001019"}
    assert main_window(qtbot, store, clerk).findChild(QAction, "hiddenProcedures") is None


def test_hide_and_unhide_on_the_command_line(ready_store: tuple[Store, SignedIn], data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    from desktop.cli import main

    store, _ = ready_store
    assert main(["--data-dir", str(data_dir), "catalogue", "hide", "2.001019", "1.004837"]) == 0
    assert "Đang ẩn 2 thủ tục." in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "catalogue", "hide", "9.999999"]) == 2
    assert "Không có thủ tục mã 9.999999" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "catalogue", "unhide", "1.004837"]) == 0
    with store.session() as session:
        assert hidden_procedures(session) == {"2.001019"}


def test_the_hide_verbs_join_a_catalogue_group_another_module_made() -> None:
    import argparse

    from desktop.commands import catalogue_visibility

    parser = argparse.ArgumentParser(prog="motcua")
    commands = parser.add_subparsers(dest="command")
    group = commands.add_parser("catalogue").add_subparsers(dest="action", required=True)
    group.add_parser("list").set_defaults(func="list")
    catalogue_visibility.register(commands)
    assert parser.parse_args(["catalogue", "list"]).func == "list"
    hidden = parser.parse_args(["catalogue", "hide", "1.001193", "--officer", "qtv"])
    assert hidden.codes == ["1.001193"] and hidden.func is catalogue_visibility.run_hide

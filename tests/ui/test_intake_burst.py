"""User stories: a USB 2D scanner in keyboard mode reads the citizen's ID card into the intake view.

The scanner types as real readers do (`tests/ui/scanner.py`): Shift pressed and released around each
capital and `|`, Vietnamese letters as text events, Alt+keypad codes or dead keys, 5 ms per key, Enter (or
Tab, or nothing) at the end; the filter's clock is the test's, nothing sleeps. Wherever the cursor is, the applicant is filled,
the field the cursor was in is as the officer left it, and the info line says what happened in Vietnamese.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from desktop.store.models import Dossier
from desktop.ui.intake import IntakeView
from desktop.ui.intake.incomplete import IncompleteDialog
from desktop.ui.main_window import MainWindow
from tests.ui.helpers import visible_top_levels
from tests.ui.scanner import ALT_CODE, DEAD_KEY, TEXT, KeyboardScanner, ScanClock
from tests.ui.test_intake import PAYLOAD, count, main_window, open_view
from tests.ui.test_intake_incomplete import fill_with_first_paper_only

CARD_NAMES = ("NGUYỄN VĂN MẪU", "LÊ THỊ THỬ", "ĐỖ ỨNG HÀ", "VŨ THỊ HỒNG", "PHẠM THỊ ƯỚC", "TRẦN ĐÌNH ẤN")
READ = "Đã đọc thẻ căn cước: {name}"
NOT_A_CARD = "Mã vừa quét không phải mã QR của thẻ căn cước"
IGNORED = "đang mở hộp thoại"


@pytest.fixture
def window(qtbot: QtBot, ready_store: tuple[Store, SignedIn], vietnamese: None) -> Iterator[MainWindow]:
    yield main_window(qtbot, *ready_store)


@pytest.fixture
def clock() -> ScanClock:
    return ScanClock()


def scanning_view(qtbot: QtBot, window: MainWindow, clock: ScanClock) -> IntakeView:
    view = open_view(qtbot, window)
    view.burst.clock = clock
    return view


def person_types(clock: ScanClock, text: str) -> None:
    """The officer types `text` into the focused field, capitals with Shift, 150 ms per key."""
    KeyboardScanner(clock, per_key=0.15).scan(text, enter=False)


def card(name: str) -> str:
    return PAYLOAD.replace("NGUYỄN VĂN MẪU", name)


def no_payload_anywhere(view: IntakeView) -> None:
    for edit in view.findChildren(QLineEdit):
        assert "|" not in edit.text(), edit.objectName()


def test_the_real_key_sequence_in_any_field_fills_the_applicant_and_restores_the_field(
    qtbot: QtBot, window: MainWindow, clock: ScanClock
) -> None:
    view = scanning_view(qtbot, window, clock)
    details = view.details
    details.channel.setCurrentIndex(details.channel.findData("online"))
    details.sets.setValue(2)
    applicant = view.applicant
    applicant.province.setCurrentIndex(applicant.province.findText("Tỉnh Gia Lai"))
    cases: list[tuple[QWidget, str, str, Callable[[], bool] | None]] = [
        (applicant.full_name, "Trần", TEXT, None),  # the name is then the card's
        (applicant.address, "Thôn 3", ALT_CODE, None),  # so is the address
        (details.channel, "", DEAD_KEY, lambda: details.channel.currentData() == "online"),
        (applicant.ward, "Ia", TEXT, None),  # its completer's list is open; the card then empties it
        (details.sets, "", ALT_CODE, lambda: details.sets.value() == 2),
        (details.notes, "Đã gọi điện", DEAD_KEY, lambda: details.notes.text() == "Đã gọi điện"),
    ]
    for (field, typed, mode, restored), name in zip(cases, CARD_NAMES, strict=True):
        field.setFocus()
        if typed:
            person_types(clock, typed)
        altgr = "|" if mode == DEAD_KEY else ""  # a European layout: dead keys, and AltGr for `|`
        KeyboardScanner(clock, per_key=0.005, mode=mode, altgr=altgr).scan(card(name))
        assert view.applicant.full_name.text() == name, (field.objectName(), mode)
        assert view.applicant.id_number.text() == "064091234567"
        assert view.applicant.date_of_birth.text() == "12/03/1991"
        assert view.applicant.gender.currentData() == "male"
        assert view.applicant.address.text() == "Thôn Thử, Xã Mẫu, Tỉnh Gia Lai"
        assert restored is None or restored(), (field.objectName(), mode)
        assert view.notice.isVisible() and view.notice.text() == READ.format(name=name)
        assert QApplication.focusWidget() is view.applicant.phone  # the card filled the rest
        no_payload_anywhere(view)


def test_a_code_that_is_not_an_id_card_leaves_the_field_and_says_so(
    qtbot: QtBot, window: MainWindow, clock: ScanClock
) -> None:
    view = scanning_view(qtbot, window, clock)
    person_types(clock, "Phạm Văn Có")
    KeyboardScanner(clock).scan("https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?MaHoSo=H01.26")
    assert view.applicant.full_name.text() == "Phạm Văn Có"
    assert view.notice.isVisible() and NOT_A_CARD in view.notice.text()
    view.details.notes.setFocus()
    person_types(clock, "Số 12")
    KeyboardScanner(clock, mode=ALT_CODE).scan("8935049500018", enter=False)  # a product's barcode
    KeyboardScanner(clock).tap(Qt.Key.Key_Tab, "\t")  # from a reader set to end with Tab
    assert QApplication.focusWidget() is view.details.notes
    assert view.details.notes.text() == "Số 12"
    assert view.applicant.id_number.text() == ""
    assert NOT_A_CARD in view.notice.text()
    KeyboardScanner(clock).scan(card("123"))  # separators, but no card: said so, changes nothing
    assert view.details.notes.text() == "Số 12"
    assert view.applicant.full_name.text() == "Phạm Văn Có"
    assert "Không đọc được mã QR thẻ căn cước" in view.notice.text()


def test_a_person_typing_capitals_and_pipes_with_shift_is_not_a_scanner(
    qtbot: QtBot, window: MainWindow, clock: ScanClock
) -> None:
    view = scanning_view(qtbot, window, clock)
    view.details.notes.setFocus()
    KeyboardScanner(clock, per_key=0.12).scan("A|B|C|D|Ê|G|H|I")  # Enter included: an officer's habit
    assert view.details.notes.text() == "A|B|C|D|Ê|G|H|I"
    assert view.applicant.full_name.text() == ""
    assert not view.notice.isVisible()


def test_a_scan_cut_short_without_enter_is_undone_and_said(
    qtbot: QtBot, window: MainWindow, clock: ScanClock
) -> None:
    view = scanning_view(qtbot, window, clock)
    view.details.notes.setFocus()
    person_types(clock, "ghi chú")
    KeyboardScanner(clock, mode=DEAD_KEY).scan(card("VŨ THỊ HỒNG")[:40], enter=False)
    clock.now += 1.0  # the scanner fell silent
    with qtbot.waitSignal(view.burst.unterminated_burst, timeout=3000):
        pass
    assert view.details.notes.text() == "ghi chú"
    assert view.applicant.full_name.text() == ""
    assert "không đầy đủ" in view.notice.text()


def test_readers_set_to_end_with_tab_or_nothing(qtbot: QtBot, window: MainWindow, clock: ScanClock) -> None:
    view = scanning_view(qtbot, window, clock)
    view.details.notes.setFocus()
    person_types(clock, "ghi chú")
    KeyboardScanner(clock).scan(card("LÊ THỊ THỬ"), enter=False)
    KeyboardScanner(clock).tap(Qt.Key.Key_Tab, "\t")  # a Tab suffix: the same as Enter
    assert view.applicant.full_name.text() == "LÊ THỊ THỬ"
    assert QApplication.focusWidget() is view.applicant.phone  # the Tab did not move on from there
    view.details.notes.setFocus()
    KeyboardScanner(clock, mode=ALT_CODE).scan(card("ĐỖ ỨNG HÀ"), enter=False)  # no suffix at all
    clock.now += 1.0
    with qtbot.waitSignal(view.burst.unterminated_burst, timeout=3000):
        pass
    assert view.applicant.full_name.text() == "ĐỖ ỨNG HÀ"
    assert view.details.notes.text() == "ghi chú"
    assert view.notice.text() == READ.format(name="ĐỖ ỨNG HÀ")


def test_a_scan_while_a_dialog_is_open_goes_nowhere(
    qtbot: QtBot, window: MainWindow, clock: ScanClock, ready_store: tuple[Store, SignedIn]
) -> None:
    store, _ = ready_store
    view, dialog = fill_with_first_paper_only(qtbot, window)
    view.burst.clock = clock
    person_types(clock, "Thiếu giấy")
    KeyboardScanner(clock).scan(card("LÊ THỊ THỬ"))
    assert shiboken6.isValid(dialog) and dialog.isVisible()  # the scan's Enter did not choose an outcome
    assert dialog.reason.text() == "Thiếu giấy"
    assert view.applicant.full_name.text() == "NGUYỄN VĂN MẪU"  # nothing filled behind the dialog
    assert count(store, Dossier) == 0
    KeyboardScanner(clock).scan("8935049500018")  # not a card either: still nothing typed into the dialog
    assert dialog.isVisible() and dialog.reason.text() == "Thiếu giấy"
    assert IGNORED in view.notice.text()
    assert visible_top_levels(IncompleteDialog) == [dialog]
    dialog.reject()  # a modal dialog left open would be found by the next test's search for its own

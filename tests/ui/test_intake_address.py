"""User stories (issue 21 item 5): the address on an ID card predates the July 2025 merger; scanning the card
fills the current province and commune, shows the old address beside them, and the officer confirms, picks
among the communes a split one became, or keeps the old text, by keyboard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.services.accounts import SignedIn
from desktop.services.addresses import compose_address
from desktop.store.engine import Store
from desktop.ui.intake import IntakeView
from desktop.ui.main_window import MainWindow
from tests.ui.helpers import type_text
from tests.ui.test_intake import PAYLOAD, key, main_window, open_view, scanner

OLD = "Thôn Thử, Xã Bình Nghi, Huyện Tây Sơn, Tỉnh Bình Định"
SPLIT = "Xóm 1, Xã Tân Lập, Huyện Đan Phượng, Thành phố Hà Nội"


def card(address: str, id_number: str = "052091234567") -> str:
    return PAYLOAD.replace("064091234567", id_number).replace("Thôn Thử, Xã Mẫu, Tỉnh Gia Lai", address)


@pytest.fixture
def view(qtbot: QtBot, ready_store: tuple[Store, SignedIn], vietnamese: None) -> Iterator[IntakeView]:
    win: MainWindow = main_window(qtbot, *ready_store)
    qtbot.waitUntil(win.isActiveWindow)
    yield open_view(qtbot, win)


def saved_address(view: IntakeView) -> str:
    draft = view.applicant.to_draft()
    return compose_address(draft.address, draft.province_code, draft.ward_code)


def test_a_card_of_binh_dinh_fills_gia_lai_and_shows_the_old_address(view: IntakeView) -> None:
    form = view.applicant
    scanner(card(OLD))
    assert form.province.currentText() == "Tỉnh Gia Lai"
    assert form.ward.currentText() == "Xã Tây Sơn"
    assert form.address.text() == "Thôn Thử"
    assert form.old_address.isVisible()
    assert form.old_address.text() == f"Địa chỉ trên CCCD (trước sáp nhập): {OLD}"
    assert form.unit_choice.isVisible() and form.unit_choice.currentText() == "Xã Tây Sơn, Tỉnh Gia Lai"
    assert QApplication.focusWidget() is form.phone  # nothing to pick: on to the phone number
    assert saved_address(view) == "Thôn Thử, Xã Tây Sơn, Tỉnh Gia Lai"

    form.unit_choice.setFocus()  # the officer prefers the card's text as printed
    key(Qt.Key.Key_End)
    assert form.address.text() == OLD
    assert form.province.currentData() == "" and form.to_draft().ward_code == ""
    assert saved_address(view) == OLD


def test_a_split_commune_is_offered_and_the_officer_picks_by_keyboard(view: IntakeView) -> None:
    form = view.applicant
    scanner(card(SPLIT, "001091234567"))
    assert QApplication.focusWidget() is form.unit_choice  # the pick comes first
    assert (
        form.province.currentData() == "" and form.address.text() == SPLIT
    )  # unpicked, the text stays whole
    choices = [form.unit_choice.itemText(i) for i in range(form.unit_choice.count())]
    assert choices[:2] == ["Xã Ô Diên, Thành phố Hà Nội", "Xã Hoài Đức, Thành phố Hà Nội"]
    assert saved_address(view) == SPLIT  # nothing chosen for the officer
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Down)
    assert form.ward.currentText() == "Xã Hoài Đức"
    assert saved_address(view) == "Xóm 1, Xã Hoài Đức, Thành phố Hà Nội"


def test_an_old_address_typed_by_the_officer_is_read_too(view: IntakeView) -> None:
    form = view.applicant
    form.address.setFocus()
    type_text(form.address, "Tổ 1, TT. Phú Phong, H. Tây Sơn, T. Bình Định")
    key(Qt.Key.Key_Tab)
    assert form.province.currentText() == "Tỉnh Gia Lai" and form.ward.currentText() == "Xã Tây Sơn"
    assert form.address.text() == "Tổ 1"
    assert "TT. Phú Phong" in form.old_address.text()


def test_an_address_without_a_known_commune_is_kept_and_fills_nothing(view: IntakeView) -> None:
    form = view.applicant
    scanner(PAYLOAD)  # "Xã Mẫu" is no commune
    assert form.address.text() == "Thôn Thử, Xã Mẫu, Tỉnh Gia Lai"
    assert form.province.currentData() == "" and not form.old_address.isVisible()
    assert not form.unit_choice.isVisible()

"""The province field of the setup and unit dialogs: Vietnamese order, and found by typing part of the name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox

from desktop.services.addresses import province_names
from desktop.ui.setup_dialog import SetupDialog
from desktop.ui.unit_dialog import UnitSettingsDialog
from tests.ui.helpers import type_text


def popup_names(combo: QComboBox) -> list[str]:
    completer = combo.completer()
    assert completer is not None and completer.popup().isVisible()
    model = completer.completionModel()
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def test_the_setup_province_is_in_vietnamese_order_and_found_without_accents(qtbot, store, vietnamese):
    dialog = SetupDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    combo = dialog.province
    items = [combo.itemText(i) for i in range(combo.count())]
    assert items == list(province_names()) and len(items) == 34
    assert items.index("Cao Bằng") < items.index("Thành phố Đà Nẵng") < items.index("Đắk Lắk")  # Đ after D
    assert items.index("Điện Biên") < items.index("Gia Lai")  # not after every other letter, as by code point
    assert combo.currentText() == ""

    edit = combo.lineEdit()
    type_text(edit, "da")  # no accents: Đà Nẵng and Đắk Lắk, and any name with "da" in it
    qtbot.waitUntil(lambda: combo.completer().popup().isVisible())
    shown = popup_names(combo)
    assert shown[:2] == ["Thành phố Đà Nẵng", "Đắk Lắk"], shown
    assert "Gia Lai" not in shown
    popup = combo.completer().popup()
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert combo.currentText() == "Đắk Lắk" and combo.currentIndex() == items.index("Đắk Lắk")


def test_typing_part_of_a_name_with_accents_picks_the_province(qtbot, store, vietnamese):
    dialog = SetupDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    edit = dialog.province.lineEdit()
    type_text(edit, "đắk")
    qtbot.waitUntil(lambda: dialog.province.completer().popup().isVisible())
    assert popup_names(dialog.province) == ["Đắk Lắk"]
    dialog.province.completer().popup().hide()
    dialog.unit_name.setFocus()  # leaving the field: the one match is taken, spelled in full
    edit.editingFinished.emit()
    assert dialog.province.currentText() == "Đắk Lắk"

    edit.clear()
    type_text(edit, "ho chi minh")
    edit.editingFinished.emit()
    assert dialog.province.currentText() == "Thành phố Hồ Chí Minh"


def test_the_unit_dialog_offers_the_same_province_field(qtbot, ready_store, vietnamese):
    store, officer = ready_store
    dialog = UnitSettingsDialog(store, officer)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.province.currentText() == "Gia Lai")
    assert [dialog.province.itemText(i) for i in range(dialog.province.count())] == list(province_names())
    dialog.province.lineEdit().clear()
    type_text(dialog.province.lineEdit(), "lam dong")
    dialog.province.lineEdit().editingFinished.emit()
    assert dialog.province.currentText() == "Lâm Đồng"

"""The province field of the setup and unit dialogs: the 34 provinces in Vietnamese order, found by typing.

An editable combo: typing any part of the name, with or without accents ("da", "đắk", "ho chi"), lists
the provinces that contain it (a popup under the field, Down/Enter or a click picks one); leaving the field
with text that names exactly one province (or matches just one) puts its full name in.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from desktop.core.text import fold


class _FoldedContains(QSortFilterProxyModel):
    """The rows whose text contains the typed text, accents and case ignored ("dak" finds "Đắk Lắk")."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.needle = ""

    def set_needle(self, text: str) -> None:
        self.beginFilterChange()
        self.needle = fold(text)
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        text = str(model.data(model.index(source_row, 0, source_parent)) or "")
        return self.needle in fold(text)


def province_combo(parent: QWidget) -> QComboBox:
    """An editable combo of the provinces (by Vietnamese collation) that finds a province by typing."""
    from desktop.services.addresses import province_names  # vietnam-provinces: only when a dialog opens

    combo = QComboBox(parent)
    combo.setObjectName("province")
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(list(province_names()))
    combo.setCurrentIndex(-1)
    matches = _FoldedContains(combo)
    matches.setSourceModel(combo.model())
    completer = QCompleter(matches, combo)
    completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)  # `matches` filters
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    combo.setCompleter(completer)
    edit = combo.lineEdit()
    assert edit is not None
    edit.textEdited.connect(matches.set_needle)  # before the line edit asks the completer to pop up

    def settle() -> None:
        """Text that names one province (or matches only one) becomes that province's name."""
        typed = fold(edit.text())
        if not typed:
            return
        exact = [i for i in range(combo.count()) if fold(combo.itemText(i)) == typed]
        matches.set_needle(edit.text())
        if exact or matches.rowCount() == 1:
            row = exact[0] if exact else matches.mapToSource(matches.index(0, 0)).row()
            combo.setCurrentIndex(row)
            edit.setText(combo.itemText(row))

    edit.editingFinished.connect(settle)
    return combo

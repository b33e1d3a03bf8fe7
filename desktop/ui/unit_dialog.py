"""File → Unit information… (administrators only): province, office hours, lookup address, register book.

`desktop.ui.unit_menu.install_unit_settings(window)` adds the menu entry; the dialog reads and saves through the Qt-free
`desktop.services.unit_settings` (read on the query pool, saved on the writer thread). A refused value is
shown under the form with the cursor in the field to correct; the dialog stays open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from desktop.core import limits
from desktop.services.accounts import SignedIn
from desktop.services.unit_settings import UnitChanges, UnitSettings, load_unit_settings, update_unit_settings
from desktop.store.engine import Store
from desktop.ui import tasks
from desktop.ui.form_helpers import lay_out_form, show_failure, show_inline_error
from desktop.ui.province_combo import province_combo
from desktop.ui.text_limit import limit

if TYPE_CHECKING:
    pass


class UnitSettingsDialog(QDialog):
    """Edits the unit's settings; `saved` holds the stored result after OK."""

    def __init__(self, store: Store, officer: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unitSettings")
        self.store = store
        self.officer = officer
        self.saved: UnitSettings | None = None
        self.setWindowTitle(self.tr("Unit information"))
        self.setMinimumWidth(560)

        self.unit_label = QLabel(self)
        self.unit_label.setObjectName("unitLabel")
        self.province = province_combo(self)
        self.office_hours = QLineEdit(self)
        limit(self.office_hours, limits.OFFICE_HOURS)
        self.office_hours.setObjectName("officeHours")
        self.office_hours.setPlaceholderText("07:30-11:30,13:30-17:00")
        self.office_hours.setToolTip(
            self.tr(
                "Morning and afternoon sessions, e.g. 07:30-11:30,13:30-17:00. Used for new appointments."
            )
        )
        self.lookup_url = QLineEdit(self)
        limit(self.lookup_url, limits.URL)
        self.lookup_url.setObjectName("lookupUrl")
        self.lookup_url.setPlaceholderText("https://…/tra-cuu?ma={code}")
        self.lookup_url.setToolTip(
            self.tr(
                "Printed in the receipt's QR code; {code} is replaced by the dossier code. Empty: the code only."
            )
        )
        self.register_book = QLineEdit(self)
        limit(self.register_book, limits.BOOK)
        self.register_book.setObjectName("registerBook")

        form = QFormLayout()
        form.addRow(self.tr("Unit:"), self.unit_label)
        form.addRow(self.tr("&Province:"), self.province)
        form.addRow(self.tr("&Office hours:"), self.office_hours)
        form.addRow(self.tr("&Lookup address:"), self.lookup_url)
        form.addRow(self.tr("Register &book number:"), self.register_book)
        self.error, self.buttons = lay_out_form(self, form, self.submit)
        self._fields: dict[str, QWidget] = {
            "province": self.province,
            "office_hours": self.office_hours,
            "lookup_url": self.lookup_url,
            "register_book": self.register_book,
        }
        self._busy(True)
        tasks.run_query(lambda: load_unit_settings(store), self._loaded, self._failed, owner=self)

    def _busy(self, busy: bool) -> None:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setEnabled(not busy)

    def _loaded(self, unit: UnitSettings) -> None:
        self.unit_label.setText(f"{unit.name} ({unit.code})")
        self.province.setCurrentText(unit.province)
        self.office_hours.setText(unit.office_hours)
        self.lookup_url.setText(unit.lookup_url)
        self.register_book.setText(unit.register_book)
        self._busy(False)
        self.province.setFocus(Qt.FocusReason.OtherFocusReason)

    def changes(self) -> UnitChanges:
        return UnitChanges(
            province=self.province.currentText(),
            lookup_url=self.lookup_url.text(),
            office_hours=self.office_hours.text(),
            register_book=self.register_book.text(),
        )

    def submit(self) -> None:
        show_inline_error(self.error, "")
        store, officer, changes = self.store, self.officer, self.changes()
        self._busy(True)
        tasks.run_write(
            lambda: update_unit_settings(store, changes, officer), self._done, self._failed, owner=self
        )

    def _done(self, unit: UnitSettings) -> None:
        self._busy(False)
        self.saved = unit
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        show_failure(self.error, exc, self._fields, self)

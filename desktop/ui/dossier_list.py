"""The dossier list page: a diacritics-insensitive search box and a status filter over the lazily paged
table, which sorts by any column (a click on its header, or the keyboard through `sort_menu`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core import limits
from desktop.store.queries import DossierRow
from desktop.ui.dossier_model import (
    APPLICANT,
    CODE,
    DUE,
    PROCEDURE,
    RECEIVED,
    STATUS,
    SUBMITTER,
    DossierTableModel,
)
from desktop.ui.labels import status_labels
from desktop.ui.text_limit import limit

if TYPE_CHECKING:
    from desktop.store.engine import Store
    from desktop.store.profile import Profile

SEARCH_DELAY_MS = 250
STATUS_WIDTH_CHARS = 26  # statuses up to this long fit their column without eliding


class DossierListPage(QWidget):
    """Search + table. Emits `dossier_activated(dossier_id)` on double-click or Enter."""

    dossier_activated = Signal(str)

    def __init__(
        self, store: Store | None, parent: QWidget | None = None, *, profile: Profile | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dossierListPage")
        self.model = DossierTableModel(store, self, profile=profile)

        self.search = QLineEdit(self)
        limit(self.search, limits.SEARCH)
        self.search.setObjectName("dossierSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search by name, ID number, phone, dossier code or procedure"))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self._apply_search)

        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem(self.tr("All"), "")
        for status, label in status_labels().items():
            self.status_filter.addItem(label, status.value)
        self.status_filter.currentIndexChanged.connect(self._apply_status)
        status_label = QLabel(self.tr("&Status:"), self)
        status_label.setBuddy(self.status_filter)

        self.table = QTableView(self)
        self.table.setObjectName("dossierTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        # Fixed row heights: the view never measures rows, which keeps 500,000 rows smooth.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        widths = {
            CODE: 190,
            APPLICANT: 200,
            SUBMITTER: 170,
            STATUS: self._status_width(),
            RECEIVED: 125,
            DUE: 125,
        }
        for column, width in widths.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(PROCEDURE, QHeaderView.ResizeMode.Stretch)
        # the indicator first shows the model's order, so enabling sorting does not load the list again
        header.setSortIndicator(self.model.sort_column(), self._qt_order())
        self.table.setSortingEnabled(True)
        self.sort_menu = self._build_sort_menu()
        self.table.doubleClicked.connect(self._activate)
        self.table.activated.connect(self._activate)

        # an empty list says why and what to do, instead of a blank white table
        self.empty_hint = QLabel(self)
        self.empty_hint.setObjectName("emptyListHint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()
        self.model.loaded.connect(self._show_empty_hint)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(status_label)
        bar.addWidget(self.status_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addLayout(bar)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.table)

    def _status_width(self) -> int:
        """Room for the statuses seen at the counter ("Yêu cầu bổ sung giấy tờ", "Không được tiếp nhận"
        were cut to "Yêu cầu bổ sung g…"); the two rare long ones are elided and shown in the tooltip."""
        metrics = self.table.fontMetrics()
        labels = [label for label in status_labels().values() if len(label) <= STATUS_WIDTH_CHARS]
        return max(130, *(metrics.horizontalAdvance(label) + 16 for label in labels))

    def _build_sort_menu(self) -> QMenu:
        """Sort by … (in the Dossier menu): one entry per column, then the direction; keyboard reachable."""
        menu = QMenu(self.tr("Sort &by"), self)
        menu.setObjectName("sortMenu")
        group = QActionGroup(menu)
        texts = (
            self.tr("Dossier &code"),
            self.tr("&Applicant"),
            self.tr("Su&bmitter"),
            self.tr("&Procedure"),
            self.tr("S&tatus"),
            self.tr("&Received"),
            self.tr("D&ue"),
        )
        self.sort_actions: list[QAction] = []
        for column, text in enumerate(texts):
            action = QAction(text, menu, checkable=True)
            action.setData(column)
            group.addAction(action)
            menu.addAction(action)
            action.triggered.connect(lambda _checked=False, c=column: self.sort_by(c, self._qt_order()))
            self.sort_actions.append(action)
        menu.addSeparator()
        self.descending_action = QAction(self.tr("&Descending"), menu, checkable=True)
        self.descending_action.setObjectName("sortDescending")
        self.descending_action.toggled.connect(self._set_descending)
        menu.addAction(self.descending_action)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._show_order)
        self._show_order()
        return menu

    def sort_by(self, column: int, order: Qt.SortOrder) -> None:
        """Sort the list by `column` in `order`, as a click on the column's header does."""
        self.table.sortByColumn(column, order)

    def _qt_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self.model.order.descending else Qt.SortOrder.AscendingOrder

    def _set_descending(self, descending: bool) -> None:
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        if order != self._qt_order():
            self.sort_by(self.model.sort_column(), order)

    def _show_order(self) -> None:
        self.sort_actions[self.model.sort_column()].setChecked(True)
        self.descending_action.setChecked(self.model.order.descending)

    def _apply_status(self) -> None:
        status = self.status_filter.currentData()
        self.model.reload(status=status if isinstance(status, str) else "")

    def reload(self) -> None:
        """Re-read the list (e.g. after a dossier was saved), keeping the current search."""
        self.model.reload()

    def _show_empty_hint(self, count: int) -> None:
        if count:
            self.empty_hint.hide()
            return
        if self.model.status and not self.model.search:
            self.empty_hint.setText(
                self.tr("No dossier has the status “{status}”. Choose “All” to see every dossier.").format(
                    status=self.status_filter.currentText()
                )
            )
        elif self.model.search:
            text = self.tr(
                "No dossier matches “{text}”. Check the spelling, or search by ID number or phone."
            )
            self.empty_hint.setText(text.format(text=self.model.search[:60]))
        else:
            self.empty_hint.setText(self.tr("No dossiers yet. Press Ctrl+N to receive the first one."))
        self.empty_hint.show()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _apply_search(self) -> None:
        self._debounce.stop()
        text = self.search.text()
        if text != self.model.search:
            self.model.reload(text)

    def _activate(self, index: QModelIndex) -> None:
        row = index.data(Qt.ItemDataRole.UserRole)
        if isinstance(row, DossierRow):
            self.dossier_activated.emit(row.id)

"""The dossier list as a Qt table model that pages lazily from the store.

Only `count_dossiers` runs when the list (re)loads; rows are fetched a page at a time with
`desktop.store.queries.fetch_page` when the view first asks for them, off the GUI thread
(`desktop.ui.tasks.run_query`), and kept in a small LRU window of pages. A row whose page is still
loading shows an ellipsis for a moment. So scrolling anywhere in 500,000 rows only ever reads the pages
on screen, and memory stays bounded. A generation counter drops pages that arrive after the search changed.

The search, the status kept (`status`, '' for all) and the sort (`order`; `sort()` is what a click on a
column header calls) are the model's state: `reload()` keeps them, and all three are done by the store in
SQL, so a sorted, filtered list pages as lazily as the plain one. Before the store is open (the main
window shown at once, `desktop.ui.main_window`), the model reads the profile's database file read-only
with sqlite3 (`desktop.store.peek.read_only`), and through the store once `set_store()` hands it over.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop.core.timeutil import as_local, now_local
from desktop.store.peek import read_only
from desktop.store.queries import NEWEST, DossierRow, Order, Reader, count_dossiers, fetch_page
from desktop.ui import tasks
from desktop.ui.labels import clock_running, status_labels

PAGE_SIZE = 200
MAX_PAGES = 40  # 8,000 rows kept in memory at most
LOADING = "…"

if TYPE_CHECKING:
    from desktop.store.engine import Store
    from desktop.store.profile import Profile

Index = QModelIndex | QPersistentModelIndex

CODE, APPLICANT, SUBMITTER, PROCEDURE, STATUS, RECEIVED, DUE = range(7)
# the store's sort key of each column (desktop.store.queries.SORT_COLUMNS)
SORT_KEYS = ("code", "applicant", "submitter", "procedure", "status", "received", "due")


def _when(value: datetime | None) -> str:
    return as_local(value).strftime("%d/%m/%Y %H:%M") if value is not None else ""


class DossierTableModel(QAbstractTableModel):
    """Columns: code, applicant, submitter, procedure, status, received, due. `DossierRow` under `Qt.UserRole`."""

    loaded = Signal(int)  # the number of rows after a (re)load

    def __init__(self, store: Store | None, parent: object = None, *, profile: Profile | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._store = store
        self._profile = profile  # read directly while there is no store
        self._search = ""
        self._status = ""
        self._order = NEWEST
        self._count = 0
        self.first_load_done = False  # the first (re)load has come back
        self._pages: OrderedDict[int, list[DossierRow]] = OrderedDict()
        self._loading: set[int] = set()
        self._generation = 0
        self._now = now_local()
        self._labels = {status.value: label for status, label in status_labels().items()}

    # ---- loading ------------------------------------------------------------------------------------

    def set_store(self, store: Store) -> None:
        """Read through the store from now on (it has opened)."""
        self._store = store

    def _reader(self) -> Callable[[], AbstractContextManager[Reader]]:
        """What a worker opens to read the list: a session of the store, or else the database file."""
        if self._store is not None:
            return self._store.session
        assert self._profile is not None, "a dossier list needs a store or a profile"
        return partial(read_only, self._profile.db_path)

    @property
    def search(self) -> str:
        return self._search

    @property
    def status(self) -> str:
        return self._status

    @property
    def order(self) -> Order:
        return self._order

    def sort_column(self) -> int:
        return SORT_KEYS.index(self._order.column)

    def reload(
        self, search: str | None = None, status: str | None = None, order: Order | None = None
    ) -> None:
        """Count again (for `search`, `status` and `order`, or the current ones) and show the first page."""
        if search is not None:
            self._search = search
        if status is not None:
            self._status = status
        if order is not None:
            self._order = order
        self._generation += 1
        generation, reader = self._generation, self._reader()
        text, status_kept, sort = self._search, self._status, self._order

        def work() -> tuple[int, list[DossierRow]]:
            with reader() as session:
                count = count_dossiers(session, text, status_kept)
                return count, fetch_page(session, 0, PAGE_SIZE, text, status=status_kept, order=sort)

        def done(result: tuple[int, list[DossierRow]]) -> None:
            if generation != self._generation:
                return
            count, first = result
            self.beginResetModel()
            self._count = count
            self._pages = OrderedDict({0: first}) if first else OrderedDict()
            self._loading = set()
            self._now = now_local()
            self.endResetModel()
            self.first_load_done = True
            self.loaded.emit(count)

        tasks.run_query(work, done, owner=self)

    def _request(self, page: int) -> None:
        if page in self._loading:
            return
        self._loading.add(page)
        generation, reader = self._generation, self._reader()
        text, status_kept, sort = self._search, self._status, self._order

        def work() -> list[DossierRow]:
            with reader() as session:
                return fetch_page(session, page * PAGE_SIZE, PAGE_SIZE, text, status=status_kept, order=sort)

        def done(rows: list[DossierRow]) -> None:
            if generation != self._generation:
                return
            self._loading.discard(page)
            self._store_page(page, rows)
            if not tasks.is_synchronous():
                first = page * PAGE_SIZE
                last = min(first + len(rows), self._count) - 1
                if last >= first:
                    self.dataChanged.emit(self.index(first, 0), self.index(last, DUE))

        def failed(exc: BaseException) -> None:
            self._loading.discard(page)
            from desktop.ui.errors import show_error

            show_error(exc)

        tasks.run_query(work, done, failed, owner=self)

    def _store_page(self, page: int, rows: list[DossierRow]) -> None:
        self._pages[page] = rows
        self._pages.move_to_end(page)
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)

    def row_at(self, row: int) -> DossierRow | None:
        """The loaded row at `row`, or None while its page is loading (a load is then requested)."""
        if not 0 <= row < self._count:
            return None
        page, offset = divmod(row, PAGE_SIZE)
        rows = self._pages.get(page)
        if rows is None:
            self._request(page)
            rows = self._pages.get(page)  # present at once when tasks run synchronously
            if rows is None:
                return None
        else:
            self._pages.move_to_end(page)
        return rows[offset] if offset < len(rows) else None

    # ---- QAbstractTableModel ------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by `column` (a header click, or the Sort menu); the same sort again changes nothing."""
        if not 0 <= column < len(SORT_KEYS):
            return
        wanted = Order(SORT_KEYS[column], descending=order == Qt.SortOrder.DescendingOrder)
        if wanted != self._order:
            self.reload(order=wanted)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else DUE + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Dossier code"),
            self.tr("Applicant"),
            self.tr("Submitter"),
            self.tr("Procedure"),
            self.tr("Status"),
            self.tr("Received"),
            self.tr("Due"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        column = index.column()
        if row is None:
            return LOADING if role == Qt.ItemDataRole.DisplayRole and column == CODE else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == PROCEDURE:
            return f"{row.procedure_code} — {row.procedure_name}"
        if role == Qt.ItemDataRole.ToolTipRole and column == STATUS:
            return self._display(row, column)  # the rare long statuses are elided in their column
        if role == Qt.ItemDataRole.ForegroundRole and column == DUE and self._overdue(row):
            return QBrush(QColor("#b3261e"))
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    def _display(self, row: DossierRow, column: int) -> str:
        if column == CODE:
            return row.code
        if column == APPLICANT:
            return row.applicant_name
        if column == SUBMITTER:
            return row.submitter_name
        if column == PROCEDURE:
            return row.procedure_name
        if column == STATUS:
            return self._labels.get(row.status, row.status)
        if column == RECEIVED:
            return _when(row.received_at)
        return _when(row.due_at)

    def _overdue(self, row: DossierRow) -> bool:
        return row.due_at is not None and clock_running(row.status) and row.due_at < self._now

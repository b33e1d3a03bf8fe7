"""The officer's worklists in the main window (lifecycle §5): a side list with every list's count, always in
view, and one page showing the chosen list; Enter on a row opens the dossier.

Keys: Ctrl+1 … Ctrl+9, Ctrl+0 open, in order, "To hand over", "Due today", "Due soon", "Overdue", "Waiting for
supplement", "Financial obligation", "Result ready", "Returned today", "Online, waiting for intake", "Needs
review" (menu "Worklists"; none of these keys
is used elsewhere, and a QR reader typing Alt+keypad codes never sends Ctrl). The counts and the open list
are read again, off the GUI thread (`tasks.run_query`), whenever the dossier list reloads (after every
recorded action, F5, a saved intake), and at the next moment the lists can change by the clock alone
(midnight, the opening and closing of a session, the hand-over cut-off; at least every few minutes, as
appointments pass). The services are imported on the worker: the calendar is not loaded at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.timeutil import as_local, now_local
from desktop.core.worklists import Worklist
from desktop.ui import tasks
from desktop.ui.labels import status_label

if TYPE_CHECKING:
    from desktop.services.worklists import WorklistPage as Page
    from desktop.services.worklists import WorklistRow, WorklistSummary
    from desktop.ui.main_window import MainWindow

MAX_WAIT_MS = 5 * 60 * 1000  # appointments pass at any minute: count again at least this often
_Index = QModelIndex | QPersistentModelIndex
LATE_COLOUR = "#b3261e"  # as the dossier list's overdue appointments


def titles() -> dict[Worklist, str]:
    return {
        Worklist.TO_HAND_OVER: QCoreApplication.translate("Worklists", "To hand over"),
        Worklist.DUE_TODAY: QCoreApplication.translate("Worklists", "Due today"),
        Worklist.DUE_SOON: QCoreApplication.translate("Worklists", "Due soon"),
        Worklist.OVERDUE: QCoreApplication.translate("Worklists", "Overdue"),
        Worklist.WAITING_SUPPLEMENT: QCoreApplication.translate("Worklists", "Waiting for supplement"),
        Worklist.FINANCIAL: QCoreApplication.translate("Worklists", "Financial obligation"),
        Worklist.READY: QCoreApplication.translate("Worklists", "Result ready"),
        Worklist.RETURNED_TODAY: QCoreApplication.translate("Worklists", "Returned today"),
        Worklist.ONLINE_WAITING: QCoreApplication.translate("Worklists", "Online, waiting for intake"),
        Worklist.NEEDS_REVIEW: QCoreApplication.translate("Worklists", "Needs review"),
    }


def _own_header(worklist: Worklist) -> str:
    if worklist is Worklist.TO_HAND_OVER:
        return QCoreApplication.translate("Worklists", "Hand over by")
    if worklist in (Worklist.WAITING_SUPPLEMENT, Worklist.READY, Worklist.ONLINE_WAITING):
        return QCoreApplication.translate("Worklists", "Working days waiting")
    if worklist is Worklist.RETURNED_TODAY:
        return QCoreApplication.translate("Worklists", "Returned at")
    if worklist is Worklist.NEEDS_REVIEW:
        return QCoreApplication.translate("Worklists", "Both facts")
    return QCoreApplication.translate("Worklists", "Late")


def _when(value: Any) -> str:
    return as_local(value).strftime("%d/%m/%Y %H:%M") if value is not None else ""


def _own_value(worklist: Worklist, row: WorklistRow) -> str:
    if worklist is Worklist.TO_HAND_OVER:
        late = " " + QCoreApplication.translate("Worklists", "(late)") if row.late else ""
        return _when(row.handover_deadline) + late
    if worklist in (Worklist.WAITING_SUPPLEMENT, Worklist.READY, Worklist.ONLINE_WAITING):
        return "" if row.days_waiting is None else str(row.days_waiting)
    if worklist is Worklist.RETURNED_TODAY:
        return as_local(row.returned_at).strftime("%H:%M") if row.returned_at else ""
    if worklist is Worklist.NEEDS_REVIEW:
        return row.review_note  # stored in Vietnamese, as the dossier view shows it
    return QCoreApplication.translate("Worklists", "late") if row.late else ""


class WorklistModel(QAbstractTableModel):
    """The rows of one list: code, applicant, procedure, status, due, and the list's own column."""

    COLUMNS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worklist = Worklist.TO_HAND_OVER
        self.rows: tuple[WorklistRow, ...] = ()

    def show(self, worklist: Worklist, rows: tuple[WorklistRow, ...]) -> None:
        self.beginResetModel()
        self.worklist, self.rows = worklist, rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = [
            QCoreApplication.translate("Worklists", "Dossier code"),
            QCoreApplication.translate("Worklists", "Applicant"),
            QCoreApplication.translate("Worklists", "Procedure"),
            QCoreApplication.translate("Worklists", "Status"),
            QCoreApplication.translate("Worklists", "Due"),
        ]
        return (headers + [_own_header(self.worklist)])[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return row.procedure_name
        if role == Qt.ItemDataRole.ForegroundRole and row.late and index.column() >= 4:
            return QBrush(QColor(LATE_COLOUR))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = (
            row.code,
            row.applicant_name,
            row.procedure_name,
            status_label(row.status),
            _when(row.due),
            _own_value(self.worklist, row),
        )
        return values[index.column()]


class WorklistPage(QWidget):
    """The chosen list in a tab: its title with the count, and the table (Enter opens the dossier)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("worklistPage")
        self.title = QLabel(self)
        self.title.setObjectName("worklistTitle")
        self.model = WorklistModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("worklistTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column, width in enumerate((190, 200, 0, 170, 125, 140)):
            if width:
                header.resizeSection(column, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)

    def show_page(self, page: Page) -> None:
        """Show a list's rows, keeping the selected dossier (else the first row) current."""
        current = self.table.currentIndex().data(Qt.ItemDataRole.UserRole)
        self.model.show(page.worklist, page.rows)
        shown = len(page.rows)
        title = titles()[page.worklist]
        if shown < page.total:
            text = QCoreApplication.translate(
                "Worklists", "{title}: the first {shown} of {total} dossiers, by due date"
            ).format(title=title, shown=shown, total=page.total)
        else:
            text = QCoreApplication.translate("Worklists", "{title}: {total} dossier(s), by due date").format(
                title=title, total=page.total
            )
        self.title.setText(text)
        keep = next((i for i, r in enumerate(page.rows) if current is not None and r.id == current.id), 0)
        if page.rows:
            self.table.setCurrentIndex(self.model.index(keep, 0))


class Worklists:
    """The side list, the page, the keys and the refreshes of one main window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.counts: dict[Worklist, int] = {}
        self.current: Worklist | None = None
        self.nav = QListWidget(window)
        self.nav.setObjectName("worklistNav")
        self.actions: dict[Worklist, QAction] = {}
        self.menu = QMenu(QCoreApplication.translate("Worklists", "&Worklists"), window)
        self.menu.setObjectName("worklistMenu")
        window.menuBar().insertMenu(window.menu_help.menuAction(), self.menu)
        for number, (worklist, title) in enumerate(titles().items(), start=1):
            item = QListWidgetItem(title, self.nav)
            item.setData(Qt.ItemDataRole.UserRole, worklist.value)
            action = QAction(title, window)
            action.setObjectName(f"worklist-{worklist.value}")
            action.setShortcut(QKeySequence(f"Ctrl+{number % 10}"))  # the tenth: Ctrl+0
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, w=worklist: self.open(w))
            window.addAction(action)
            self.menu.addAction(action)
            self.actions[worklist] = action
        self.nav.itemActivated.connect(lambda item: self.open(Worklist(item.data(Qt.ItemDataRole.UserRole))))
        self.nav.setMinimumWidth(self.nav.sizeHintForColumn(0) + 60)
        self.dock = QDockWidget(QCoreApplication.translate("Worklists", "Worklists"), window)
        self.dock.setObjectName("worklistDock")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        self.dock.setWidget(self.nav)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        QWidget.setTabOrder(self.nav, window.tabs)  # Tab reads the left column first (issue 21)
        window.tabs.currentChanged.connect(self._follow_tab)
        self.page: WorklistPage | None = None  # made when a list is first opened; closing its tab deletes it
        self.timer = QTimer(window)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.refresh)
        window.dossier_list.model.loaded.connect(lambda _count: self.refresh())

    # ---- reading, off the GUI thread -----------------------------------------------------------------

    def refresh(self) -> None:
        """Count every list again, and re-read the one on screen."""
        store = self.window.store

        def count() -> WorklistSummary:
            from desktop.services.worklists import worklist_summary

            return worklist_summary(store)

        tasks.run_query(count, self._show_counts, owner=self.nav)
        if self.current is not None and self.page is not None:
            self._load(self.current)

    def open(self, worklist: Worklist) -> None:
        """Show `worklist` in its tab, the keyboard on its table."""
        self.current = worklist
        page = self.page or self._new_page()
        self.window.open_page(page, titles()[worklist])
        self.window.tabs.setTabText(self.window.tabs.indexOf(page), titles()[worklist])
        self.nav.setCurrentRow(list(Worklist).index(worklist))
        page.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._load(worklist)

    def _new_page(self) -> WorklistPage:
        page = self.page = WorklistPage(self.window)
        page.table.activated.connect(self._activate)
        page.table.doubleClicked.connect(self._activate)
        page.destroyed.connect(self._page_closed)
        return page

    def _follow_tab(self, _index: int) -> None:
        """The side list gives its width to the intake form while it is on screen (a 1024-pixel screen has
        none to spare); the counts stay in the Worklists menu meanwhile."""
        current = self.window.tabs.currentWidget()
        self.dock.setVisible(current is None or current.objectName() != "intakeView")

    def _page_closed(self) -> None:
        self.page = None

    def _load(self, worklist: Worklist) -> None:
        store = self.window.store

        def read() -> Page:
            from desktop.services.worklists import load_worklist

            return load_worklist(store, worklist)

        tasks.run_query(read, self._show_page, owner=self.page or self.nav)

    # ---- showing, on the GUI thread ------------------------------------------------------------------

    def _show_counts(self, summary: WorklistSummary) -> None:
        self.counts = dict(summary.counts)
        for row, (worklist, title) in enumerate(titles().items()):
            text = QCoreApplication.translate("Worklists", "{title} ({n})").format(
                title=title, n=f"{summary.counts[worklist]:,}".replace(",", ".")
            )
            self.nav.item(row).setText(text)
            self.actions[worklist].setText(text)
        wait = (summary.next_boundary - now_local()).total_seconds() * 1000
        self.timer.start(int(min(MAX_WAIT_MS, max(1000, wait))))

    def _show_page(self, page: Page) -> None:
        if page.worklist is self.current and self.page is not None:
            self.page.show_page(page)

    def _activate(self, index: QModelIndex) -> None:
        row = index.data(Qt.ItemDataRole.UserRole)
        if row is not None:
            from desktop.ui.dossier import open_dossier

            open_dossier(self.window, row.id)


def install_worklists(window: MainWindow) -> Worklists:
    worklists = Worklists(window)
    worklists.refresh()
    return worklists

"""The dashboard (Reports → Dashboard, F7): this month's indicators with last month's beside them, the trend of
the last twelve weeks, and each figure opening the list of dossiers behind it (by due date, the most
overdue first; Enter opens a dossier). The overdue figure comes first.

Everything is read off the GUI thread (`tasks.run_query`): the figures by `desktop.services.indicators`
(definitions in `desktop.core.indicators`, lifecycle §6), the lists by the same SQL conditions the counts use.
The Reports menu is made here (`DashboardUi.menu`; the printed reports may add their actions to it).
The chart is painted here with QPainter (QtCharts is not part of the PySide6 wheels the project installs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    Qt,
)
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import tasks
from desktop.ui.labels import status_label
from desktop.ui.report_menu import reports_menu

if TYPE_CHECKING:
    from desktop.services.indicators import Dashboard, PeriodIndicators, Week
    from desktop.store.indicators import FigureRow
    from desktop.ui.main_window import MainWindow

_Index = QModelIndex | QPersistentModelIndex
LATE_COLOUR = "#b3261e"
RECEIVED_COLOUR = "#5b8bd0"
RESOLVED_COLOUR = "#3a9a5b"


def figure_titles() -> dict[str, str]:
    """The figures shown, in order (the overdue first), with their titles."""
    return {
        "overdue": QCoreApplication.translate("Dashboard", "Overdue"),
        "in_progress_on_time": QCoreApplication.translate("Dashboard", "In progress, within time"),
        "received": QCoreApplication.translate("Dashboard", "Received"),
        "resolved": QCoreApplication.translate("Dashboard", "Resolved"),
        "resolved_early": QCoreApplication.translate("Dashboard", "Resolved early"),
        "resolved_on_time": QCoreApplication.translate("Dashboard", "Resolved on time"),
        "resolved_late": QCoreApplication.translate("Dashboard", "Resolved late"),
        "supplement_requests": QCoreApplication.translate("Dashboard", "Supplement requests"),
        "withdrawn": QCoreApplication.translate("Dashboard", "Withdrawn"),
        "stopped": QCoreApplication.translate("Dashboard", "Stopped"),
        "refused": QCoreApplication.translate("Dashboard", "Refused"),
        "unsynced": QCoreApplication.translate("Dashboard", "Not yet synced"),
        "digitised": QCoreApplication.translate("Dashboard", "Digitised"),
    }


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _rate(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f} %".replace(".", ",")


def _counts(figures: PeriodIndicators) -> dict[str, int]:
    """The whole-number figures of a period by name (the JSON keys)."""
    return {k: v for k, v in figures.indicators.as_dict().items() if isinstance(v, int)}


class TrendChart(QWidget):
    """Bars per week: received and resolved, the late part of the resolved in red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardTrend")
        self.weeks: tuple[Week, ...] = ()
        self.setMinimumHeight(180)

    def show_weeks(self, weeks: tuple[Week, ...]) -> None:
        self.weeks = weeks
        self.setToolTip(
            "\n".join(
                QCoreApplication.translate(
                    "Dashboard", "Week of {day}: {received} received, {resolved} resolved ({late} late)"
                ).format(day=f"{w.monday:%d/%m}", received=w.received, resolved=w.resolved, late=w.late)
                for w in weeks
            )
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.weeks:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        margin, label_height = 8.0, float(self.fontMetrics().height() + 4)
        area = QRectF(margin, margin, self.width() - 2 * margin, self.height() - 2 * margin - label_height)
        top = max(1, *(max(w.received, w.resolved) for w in self.weeks))
        slot = area.width() / len(self.weeks)
        bar = slot * 0.35
        painter.setPen(QPen(self.palette().mid().color()))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        for n, week in enumerate(self.weeks):
            left = area.left() + n * slot + slot * 0.1
            for offset, value, colour in (
                (0.0, week.received, RECEIVED_COLOUR),
                (bar, week.resolved, RESOLVED_COLOUR),
            ):
                height = area.height() * value / top
                painter.fillRect(QRectF(left + offset, area.bottom() - height, bar, height), QColor(colour))
            late = area.height() * week.late / top
            painter.fillRect(QRectF(left + bar, area.bottom() - late, bar, late), QColor(LATE_COLOUR))
            painter.setPen(QPen(self.palette().text().color()))
            painter.drawText(
                QRectF(left - slot * 0.1, area.bottom() + 2, slot, label_height),
                Qt.AlignmentFlag.AlignCenter,
                f"{week.monday:%d/%m}",
            )
        painter.end()


class FigureModel(QAbstractTableModel):
    """The dossiers behind a figure: code, applicant, procedure, status, appointment, received."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[FigureRow] = []
        self.headers = [
            QCoreApplication.translate("Dashboard", "Code"),
            QCoreApplication.translate("Dashboard", "Applicant"),
            QCoreApplication.translate("Dashboard", "Procedure"),
            QCoreApplication.translate("Dashboard", "Status"),
            QCoreApplication.translate("Dashboard", "Due"),
            QCoreApplication.translate("Dashboard", "Received"),
        ]

    def show_rows(self, rows: list[FigureRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        due = f"{row.current_due:%d/%m/%Y %H:%M}" if row.current_due else ""
        return (row.code, row.applicant_name, row.procedure_code, status_label(row.status), due,
                f"{row.received_at:%d/%m/%Y %H:%M}")[index.column()]  # fmt: skip


class FigurePage(QWidget):
    """One figure's dossiers in a tab (Enter or a double click opens a dossier)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("figurePage")
        self.window_ = window
        self.title = QLabel(self)
        self.title.setObjectName("figureTitle")
        self.model = FigureModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("figureTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._open)
        self.table.doubleClicked.connect(self._open)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table)

    def show_rows(self, title: str, rows: list[FigureRow]) -> None:
        self.model.show_rows(rows)
        self.title.setText(
            QCoreApplication.translate("Dashboard", "{title}: {n} dossier(s), by due date").format(
                title=title, n=_number(len(rows))
            )
        )
        if rows:
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open(self, index: QModelIndex) -> None:
        row = index.data(Qt.ItemDataRole.UserRole)
        if row is not None:
            from desktop.ui.dossier import open_dossier

            open_dossier(self.window_, row.id)


class DashboardPage(QWidget):
    """The figures of this month beside last month's, the trend chart, the 766 items (provisional)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("dashboardPage")
        self.window_ = window
        self.data: Dashboard | None = None
        self.figure_page: FigurePage | None = None
        self.heading = QLabel(self)
        self.heading.setObjectName("dashboardHeading")
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for n, (figure, _title) in enumerate(figure_titles().items()):
            button = QPushButton(self)
            button.setObjectName(f"figure-{figure}")
            button.setFlat(True)
            button.setStyleSheet("text-align: left; padding: 4px;")
            button.clicked.connect(lambda _checked=False, f=figure: self.open_figure(f))
            grid.addWidget(button, n // 3, n % 3)
            self.buttons[figure] = button
        self.rates = QLabel(self)
        self.rates.setObjectName("dashboardRates")
        self.rates.setWordWrap(True)
        self.chart = TrendChart(self)
        self.legend = QLabel(self)
        self.legend.setObjectName("dashboardLegend")
        self.legend.setText(
            QCoreApplication.translate("Dashboard", "Last twelve weeks: <span style='color:{a}'>■</span> received, <span style='color:{b}'>■</span> "
                "resolved, <span style='color:{c}'>■</span> resolved late").format(
                a=RECEIVED_COLOUR, b=RESOLVED_COLOUR, c=LATE_COLOUR)
        )  # fmt: skip
        self.d766 = QLabel(self)
        self.d766.setObjectName("dashboard766")
        self.d766.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(grid)
        layout.addWidget(self.rates)
        layout.addWidget(self.legend)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.d766)

    def reload(self) -> None:
        store = self.window_.store

        def read() -> Dashboard:
            from desktop.services.indicators import load_dashboard

            return load_dashboard(store)

        tasks.run_query(read, self.show_dashboard, owner=self)

    def show_dashboard(self, data: Dashboard) -> None:
        self.data = data
        current, previous = data.current, data.previous
        self.heading.setText(
            QCoreApplication.translate(
                "Dashboard", "<b>{current}</b> (previous: {previous}); in progress as of {at}"
            ).format(
                current=current.period.label_vi(),
                previous=previous.period.label_vi(),
                at=f"{current.at:%d/%m/%Y %H:%M}",
            )
        )
        now, before = _counts(current), _counts(previous)
        for figure, title in figure_titles().items():
            self.buttons[figure].setText(
                QCoreApplication.translate("Dashboard", "{title}: {n} (previous: {m})").format(
                    title=title, n=_number(now[figure]), m=_number(before[figure])
                )
            )
        self.rates.setText(
            QCoreApplication.translate(
                "Dashboard",
                "On-time rate {rate} (previous: {previous}); average handling time {days} working days",
            ).format(
                rate=_rate(current.indicators.on_time_rate),
                previous=_rate(previous.indicators.on_time_rate),
                days="–"
                if current.indicators.avg_days is None
                else f"{current.indicators.avg_days:.2f}".replace(".", ","),
            )
        )
        self.chart.show_weeks(data.weeks)
        items = "; ".join(
            f"{i.id} {i.name_vi} {_rate(i.rate)}"
            + ("" if i.points is None else f" ({i.points:g}/{i.max_points:g})")
            for i in current.indicators.items766()
        )
        self.d766.setText(
            QCoreApplication.translate(
                "Dashboard", "Decision 766, provisional ({n} dossier(s) not yet synced): {items}"
            ).format(n=_number(current.indicators.counts.unsynced), items=items)
        )

    def open_figure(self, figure: str) -> None:
        """The dossiers behind `figure` this month, in a tab."""
        if self.data is None:
            return
        store, period = self.window_.store, self.data.current.period
        title = figure_titles()[figure]
        page = self.figure_page or self._new_figure_page()
        self.window_.open_page(page, title)
        self.window_.tabs.setTabText(self.window_.tabs.indexOf(page), title)

        def read() -> list[FigureRow]:
            from desktop.services.indicators import figure_dossiers

            return list(figure_dossiers(store, period, figure))

        tasks.run_query(read, lambda rows: page.show_rows(title, rows), owner=page)

    def _new_figure_page(self) -> FigurePage:
        page = self.figure_page = FigurePage(self.window_)
        page.destroyed.connect(self._figure_page_closed)
        return page

    def _figure_page_closed(self) -> None:
        self.figure_page = None


class DashboardUi:
    """The Reports menu's dashboard action (F7) and its page in a tab."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.page: DashboardPage | None = None
        self.menu = reports_menu(window)
        self.action = QAction(QCoreApplication.translate("Dashboard", "&Dashboard"), window)
        self.action.setObjectName("dashboard")
        self.action.setShortcut(QKeySequence("F7"))
        self.action.triggered.connect(self.open)
        self.menu.addAction(self.action)
        window.addAction(self.action)

    def open(self) -> DashboardPage:
        page = self.page or self._new_page()
        self.window.open_page(page, QCoreApplication.translate("Dashboard", "Dashboard"))
        page.reload()
        return page

    def _new_page(self) -> DashboardPage:
        page = self.page = DashboardPage(self.window)
        page.destroyed.connect(self._closed)
        return page

    def _closed(self) -> None:
        self.page = None


def install_dashboard(window: MainWindow) -> DashboardUi:
    return DashboardUi(window)

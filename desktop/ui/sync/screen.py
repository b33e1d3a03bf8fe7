"""The sync screen (F8, menu Sync): what waits, the running pass, pause/resume, the upload cap, the history
of passes and the dossiers the province refused, with a retry after correction (issue 19 item 2).

Everything shown is read from the local store off the GUI thread (`desktop.services.sync_screen`, on the
query lane) again whenever the screen shows, the overview changes or a pass ends; the pass itself runs in
`SyncController`, whose signals give the progress (changes settled, bytes sent; the estimate is the pace
so far). Keyboard first: every list and control has a mnemonic label, Tab walks them in reading order;
Enter (or a double click) on a dossier of the waiting or refused list opens it, to correct it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.sync_screen import (
    MAX_UPLOAD_RATE,
    PassRow,
    RefusedDossier,
    SyncScreenData,
    WaitingDossier,
    eta_seconds,
    read_sync_screen,
    retry_refused,
    set_upload_rate,
    size_text,
)
from desktop.ui import tasks
from sync.summary import OUTCOMES

if TYPE_CHECKING:
    from desktop.services.sync_control import SyncOverview
    from desktop.store.engine import Store
    from desktop.ui.sync.controller import SyncController
    from sync.engine import PassResult

TIME = "%d/%m %H:%M:%S"


def _table(parent: QWidget, name: str, headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)  # Tab leaves the list for the next control
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: Sequence[Sequence[str]], keys: Sequence[str] = ()) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c == 0 and keys:
                item.setData(Qt.ItemDataRole.UserRole, keys[r])
            table.setItem(r, c, item)


def _label(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label


class SyncScreen(QWidget):
    """One page of the main window; `controller` runs the passes, `sync_now` is the window's F9,
    `open_dossier(dossier_id)` opens a dossier's view."""

    def __init__(
        self,
        store: Store,
        controller: SyncController,
        sync_now: Callable[[], None],
        open_dossier: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncScreen")
        self.store = store
        self.controller = controller
        self.data: SyncScreenData | None = None
        self.monotonic: Callable[[], float] = time.monotonic  # the pace's clock (tests set their own)
        self._started_at: float | None = None
        self._done = self._total = self._sent = 0

        self.state = QLabel(self)
        self.state.setObjectName("syncScreenState")
        self.state.setWordWrap(True)
        self.sync_button = QPushButton(self.tr("Sync &now"), self)
        self.sync_button.setObjectName("syncScreenNow")
        self.sync_button.clicked.connect(sync_now)
        self.pause_button = QPushButton(self)
        self.pause_button.setObjectName("syncScreenPause")
        self.pause_button.clicked.connect(self._toggle_pause)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("syncScreenProgress")
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.progress_text = QLabel(self)
        self.progress_text.setObjectName("syncScreenProgressText")
        self.progress_text.setWordWrap(True)

        self.summary = QLabel(self)
        self.summary.setObjectName("syncWaitingSummary")
        self.waiting = _table(
            self,
            "syncWaiting",
            [
                self.tr("Dossier"),
                self.tr("Applicant"),
                self.tr("Changes"),
                self.tr("Scans"),
                self.tr("Scan size"),
            ],
        )

        self.rate = QSpinBox(self)
        self.rate.setObjectName("syncUploadRate")
        self.rate.setRange(0, MAX_UPLOAD_RATE)
        self.rate.setSingleStep(64)
        self.rate.setSuffix(" kbit/s")
        self.rate.setSpecialValueText(self.tr("No cap"))
        self.rate_button = QPushButton(self.tr("&Apply cap"), self)
        self.rate_button.setObjectName("syncUploadRateSave")
        self.rate_button.clicked.connect(self._save_rate)

        self.history = _table(
            self,
            "syncHistory",
            [
                self.tr("Started"),
                self.tr("Ended"),
                self.tr("Trigger"),
                self.tr("Outcome"),
                self.tr("Sent"),
                self.tr("Received by the province"),
                self.tr("Refused"),
                self.tr("Came back from the province"),
                self.tr("Errors"),
            ],
        )
        self.refused = _table(
            self, "syncRefused", [self.tr("Dossier"), self.tr("Applicant"), self.tr("Reason")]
        )
        self.refused.itemSelectionChanged.connect(self._selection)
        for table in (self.waiting, self.refused):
            table.activated.connect(lambda index, t=table: self._open(t, index.row()))
        self._open_dossier = open_dossier
        self.retry_button = QPushButton(self.tr("Re&try after correction"), self)
        self.retry_button.setObjectName("syncRetry")
        self.retry_button.setEnabled(False)
        self.retry_button.clicked.connect(self.retry_selected)

        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.sync_button)
        top.addWidget(self.pause_button)
        rate_row = QHBoxLayout()
        rate_row.addWidget(_label(self.tr("Upload &cap:"), self.rate, self))
        rate_row.addWidget(self.rate)
        rate_row.addWidget(self.rate_button)
        rate_row.addStretch(1)
        retry_row = QHBoxLayout()
        retry_row.addStretch(1)
        retry_row.addWidget(self.retry_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_text)
        layout.addWidget(_label(self.tr("Waiting to be &sent"), self.waiting, self))
        layout.addWidget(self.summary)
        layout.addWidget(self.waiting, 2)
        layout.addLayout(rate_row)
        layout.addWidget(_label(self.tr("Pass hist&ory"), self.history, self))
        layout.addWidget(self.history, 2)
        layout.addWidget(_label(self.tr("Refused by the pro&vince"), self.refused, self))
        layout.addWidget(self.refused, 1)
        layout.addLayout(retry_row)

        controller.overview_changed.connect(self._overview)
        controller.paused_changed.connect(self._paused)
        controller.pass_started.connect(self._started)
        controller.pass_progress.connect(self._progressed)
        controller.pass_bytes.connect(self._bytes)
        controller.pass_finished.connect(self._finished)
        self._paused(controller.paused)
        self._show_state()
        if controller.running:
            self._started("")

    # ---- data ----------------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read what waits, the history and the refusals again (off the GUI thread)."""
        store = self.store
        tasks.run_query(lambda: read_sync_screen(store), self._show_data, owner=self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def _show_data(self, data: SyncScreenData) -> None:
        self.data = data
        waiting = data.waiting
        self.summary.setText(
            self.tr("{records} change(s) and {scans} scan(s) ({size}) waiting to be sent.").format(
                records=waiting.records, scans=waiting.scans, size=size_text(waiting.scan_bytes)
            )
        )
        _fill(
            self.waiting,
            [self._waiting_row(row) for row in waiting.dossiers],
            [r.dossier_id for r in waiting.dossiers],
        )
        _fill(self.history, [self._history_row(run) for run in data.history])
        _fill(
            self.refused,
            [self._refused_row(row) for row in data.refused],
            [r.dossier_id for r in data.refused],
        )
        if not self.rate.hasFocus():
            self.rate.setValue(data.upload_rate_kbit)
        self._selection()

    @staticmethod
    def _waiting_row(row: WaitingDossier) -> list[str]:
        return [
            row.code,
            row.applicant,
            str(row.records),
            str(row.scans),
            size_text(row.scan_bytes) if row.scans else "",
        ]

    def _history_row(self, run: PassRow) -> list[str]:
        triggers = {
            "manual": self.tr("by hand"),
            "auto": self.tr("automatic"),
            "end_of_day": self.tr("end of day"),
            "cli": self.tr("command line"),
        }
        outcome = (
            self.tr("running or interrupted")
            if run.outcome == "running"
            else OUTCOMES.get(run.outcome, run.outcome)
        )
        return [
            run.started_at.strftime(TIME),
            run.finished_at.strftime(TIME) if run.finished_at is not None else "",
            triggers.get(run.trigger, run.trigger),
            outcome,
            self.tr("{n} change(s), {size}").format(n=run.sent, size=size_text(run.bytes_sent)),
            str(run.pushed + run.duplicates),
            str(run.rejected),
            self.tr("{n} applied, {refused} refused").format(n=run.received, refused=run.received_refused)
            if run.received_refused
            else str(run.received),
            "" if run.outcome == "ok" and not run.received_refused else run.message,
        ]

    @staticmethod
    def _refused_row(row: RefusedDossier) -> list[str]:
        return [row.code, row.applicant, row.reason]

    # ---- state and passes ----------------------------------------------------------------------------------

    def _overview(self, _overview: SyncOverview) -> None:
        self._show_state()
        if self.isVisible():
            self.reload()

    def _show_state(self) -> None:
        controller = self.controller
        if not controller.enrolled:
            text = self.tr("This workstation is not connected to the provincial server yet (Sync → Connect).")
        elif controller.paused:
            text = self.tr("Automatic sync is paused: nothing is sent until you resume or press Sync now.")
        elif controller.online is False:
            text = self.tr("The provincial server does not answer; what is waiting is sent when it does.")
        else:
            text = self.tr(
                "Automatic sync is on: changes go to the province a few seconds after they are made."
            )
        self.state.setText(text)
        self.sync_button.setEnabled(controller.enrolled and not controller.running)
        self.pause_button.setEnabled(controller.enrolled)

    def _paused(self, paused: bool) -> None:
        self.pause_button.setText(
            self.tr("&Resume automatic sync") if paused else self.tr("&Pause automatic sync")
        )
        self._show_state()

    def _toggle_pause(self) -> None:
        if self.controller.paused:
            self.controller.resume()
        else:
            self.controller.pause()

    def _started(self, _trigger: str) -> None:
        self._started_at = self.monotonic()
        self._done = self._total = self._sent = 0
        self.progress.setRange(0, 0)
        self.progress.show()
        self.progress_text.setText(self.tr("Synchronising with the province…"))
        self._show_state()

    def _progressed(self, done: int, total: int, _text: str) -> None:
        self._done, self._total = done, total
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self._show_progress()

    def _bytes(self, sent: object) -> None:
        self._sent = int(sent) if isinstance(sent, int) else 0
        self._show_progress()

    def _show_progress(self) -> None:
        text = self.tr("{done} of {total} change(s) settled, {size} sent").format(
            done=self._done, total=self._total, size=size_text(self._sent)
        )
        eta = eta_seconds(
            self.monotonic() - self._started_at if self._started_at is not None else 0.0,
            self._done,
            self._total,
        )
        if eta is not None and self._done < self._total:
            text += ", " + self.tr("about {time} left").format(time=self._duration(eta))
        self.progress_text.setText(text)

    def _duration(self, seconds: float) -> str:
        whole = max(1, round(seconds))
        if whole < 60:
            return self.tr("{s} s").format(s=whole)
        return self.tr("{m} min {s} s").format(m=whole // 60, s=whole % 60)

    def _finished(self, result: PassResult) -> None:
        self.progress.hide()
        line = OUTCOMES.get(result.outcome, result.outcome)
        self.progress_text.setText(
            self.tr("Last pass: {outcome} {sent} change(s) sent ({size}), {pending} waiting.").format(
                outcome=line, sent=result.pushed, size=size_text(result.bytes_sent), pending=result.pending
            )
        )
        self._show_state()
        self.reload()

    # ---- settings and retries ------------------------------------------------------------------------------

    def _save_rate(self) -> None:
        store, value = self.store, self.rate.value()
        tasks.run_write(lambda: set_upload_rate(store, value), self._rate_saved, owner=self)

    def _rate_saved(self, kbit: int) -> None:
        self.progress_text.setText(
            self.tr("Upload cap saved: {rate} kbit/s, from the next pass.").format(rate=kbit)
            if kbit
            else self.tr("Upload cap removed, from the next pass.")
        )

    @staticmethod
    def _dossier_at(table: QTableWidget, row: int) -> str | None:
        item = table.item(row, 0) if row >= 0 else None
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, str) else None

    def _open(self, table: QTableWidget, row: int) -> None:
        dossier_id = self._dossier_at(table, row)
        if dossier_id is not None:
            self._open_dossier(dossier_id)

    def selected_dossier(self) -> str | None:
        return self._dossier_at(self.refused, self.refused.currentRow())

    def _selection(self) -> None:
        self.retry_button.setEnabled(self.selected_dossier() is not None)

    def retry_selected(self) -> None:
        """Queue the selected dossier's refused changes again and send them now."""
        dossier_id = self.selected_dossier()
        if dossier_id is None:
            return
        store = self.store
        self.retry_button.setEnabled(False)
        tasks.run_write(lambda: retry_refused(store, dossier_id), self._requeued, owner=self)

    def _requeued(self, count: int) -> None:
        self.progress_text.setText(self.tr("{n} change(s) queued again for the province.").format(n=count))
        self.reload()
        if not self.controller.run_pass("manual"):
            self.controller.refresh()  # a pass is running or the link is down: the next one sends them

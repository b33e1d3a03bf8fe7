"""The history of a dossier: one row per event, oldest first, with what it changed and its sync state."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from desktop.core.fees import money
from desktop.services.dossier_detail import EventDetail
from desktop.ui.labels import status_label
from sync.events import (
    Closing,
    DueExtended,
    FeeAssessed,
    FeeCollected,
    HandedOver,
    Reasoned,
    Received,
    ResultReady,
    ResultReturned,
    SupplementReceived,
    SupplementRequested,
)

TIME, WHAT, OFFICER, DETAILS, SENT = range(5)


def event_title(kind: str) -> str:
    """The officer-facing name of an event type (the raw type when unknown, e.g. a newer client's)."""
    titles = {
        "received": QCoreApplication.translate("timeline", "Received at the counter"),
        "supplement_requested": QCoreApplication.translate("timeline", "Supplement requested"),
        "supplement_received": QCoreApplication.translate("timeline", "Supplement received"),
        "refused": QCoreApplication.translate("timeline", "Refused"),
        "handed_over": QCoreApplication.translate("timeline", "Handed over for processing"),
        "due_extended": QCoreApplication.translate("timeline", "Appointment extended"),
        "stopped": QCoreApplication.translate("timeline", "Processing stopped"),
        "result_ready": QCoreApplication.translate("timeline", "Result ready"),
        "result_returned": QCoreApplication.translate("timeline", "Result returned"),
        "withdrawn": QCoreApplication.translate("timeline", "Withdrawn by the citizen"),
        "attachment_added": QCoreApplication.translate("timeline", "Scan added"),
        "attachment_removed": QCoreApplication.translate("timeline", "Scan removed"),
        "fee_assessed": QCoreApplication.translate("timeline", "Fees assessed"),
        "fee_collected": QCoreApplication.translate("timeline", "Fees collected"),
        "fee_exempted": QCoreApplication.translate("timeline", "Fees exempted"),
    }
    return titles.get(kind, kind)


def _date(value: datetime | None) -> str:
    return value.strftime("%H:%M %d/%m/%Y") if value is not None else ""


def event_details(detail: EventDetail) -> str:
    """One line of what the event changed."""
    event = detail.event
    parts: list[str] = []
    if isinstance(event, Received) and event.due_at:
        parts.append(
            QCoreApplication.translate("timeline", "appointment {date}").format(date=_date(event.due_at))
        )
    if isinstance(event, SupplementRequested) and event.missing:
        parts.append(", ".join(m.name for m in event.missing))
    if isinstance(event, FeeCollected) and event.receipts:
        parts.append(", ".join(f"{r.number}: {money(r.amount)} đ" for r in event.receipts))
    if isinstance(event, FeeAssessed):
        parts.append(f"{money(sum(line.amount for line in event.lines))} đ")
    if isinstance(event, HandedOver) and event.to_unit:
        parts.append(QCoreApplication.translate("timeline", "to {unit}").format(unit=event.to_unit))
    new_due = (
        event.extended_due_at
        if isinstance(event, DueExtended)
        else event.due_at
        if isinstance(event, SupplementReceived)
        else None
    )
    if new_due:
        parts.append(
            QCoreApplication.translate("timeline", "new appointment {date}").format(date=_date(new_due))
        )
    if isinstance(event, Reasoned) and event.reason:
        parts.append(event.reason)
    if isinstance(event, HandedOver | ResultReturned) and event.receiver:
        parts.append(QCoreApplication.translate("timeline", "received by {name}").format(name=event.receiver))
    if (
        isinstance(event, SupplementRequested | Closing | ResultReady | ResultReturned)
        and event.previous_status
    ):
        parts.append(
            QCoreApplication.translate("timeline", "was: {status}").format(
                status=status_label(event.previous_status)
            )
        )
    return " · ".join(part for part in parts if part)


class EventTimeline(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline")
        self.setColumnCount(5)
        self.setHeaderLabels(
            [self.tr("Time"), self.tr("Event"), self.tr("Officer"), self.tr("Details"), self.tr("Sync")]
        )
        self.setRootIsDecorated(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.header().setSectionResizeMode(DETAILS, QHeaderView.ResizeMode.Stretch)
        self.header().setStretchLastSection(False)

    def show_events(self, events: tuple[EventDetail, ...]) -> None:
        self.clear()
        for event in events:
            item = QTreeWidgetItem(
                [
                    event.at.strftime("%H:%M %d/%m/%Y"),
                    event_title(event.type),
                    event.officer,
                    event_details(event),
                    self.sync_text(event),
                ]
            )
            if event.push_error:
                item.setToolTip(SENT, event.push_error)
            self.addTopLevelItem(item)
        for column in (TIME, WHAT, OFFICER, SENT):
            self.resizeColumnToContents(column)

    def sync_text(self, event: EventDetail) -> str:
        if event.push_status in ("accepted", "duplicate"):
            return self.tr("Sent")
        if event.push_status in ("rejected", "conflict", "invalid"):
            return self.tr("Rejected: {reason}").format(reason=event.push_error)
        return self.tr("Waiting")

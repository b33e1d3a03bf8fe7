"""The history of a dossier: one row per event, oldest first, with what it changed and its sync state."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from desktop.core.appointment import is_manual
from desktop.core.fees import money
from desktop.services.dossier_detail import EventDetail
from desktop.ui.labels import status_label
from sync.events import (
    ApologyIssued,
    Closing,
    Corrected,
    DueExtended,
    FeeAssessed,
    FeeCollected,
    HandedOver,
    ObligationMet,
    ObligationRequested,
    Rated,
    Reasoned,
    Received,
    ResultDelivered,
    ResultPosted,
    ResultReady,
    ResultReturned,
    ReviewResolved,
    SupplementReceived,
    SupplementRequested,
    UpstreamStep,
    Withdrawn,
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
        "apology_issued": QCoreApplication.translate("timeline", "Late apology"),
        "obligation_requested": QCoreApplication.translate("timeline", "Financial obligation requested"),
        "obligation_met": QCoreApplication.translate("timeline", "Financial obligation met"),
        "stopped": QCoreApplication.translate("timeline", "Processing stopped"),
        "result_ready": QCoreApplication.translate("timeline", "Result ready"),
        "result_returned": QCoreApplication.translate("timeline", "Result returned"),
        "result_posted": QCoreApplication.translate("timeline", "Result handed to the post"),
        "result_delivered": QCoreApplication.translate("timeline", "Result delivered by the post"),
        "withdrawn": QCoreApplication.translate("timeline", "Withdrawn by the citizen"),
        "rated": QCoreApplication.translate("timeline", "Rated by the applicant"),
        "corrected": QCoreApplication.translate("timeline", "Step undone (recorded by mistake)"),
        "attachment_added": QCoreApplication.translate("timeline", "Scan added"),
        "attachment_removed": QCoreApplication.translate("timeline", "Scan removed"),
        "fee_assessed": QCoreApplication.translate("timeline", "Fees assessed"),
        "fee_collected": QCoreApplication.translate("timeline", "Fees collected"),
        "fee_exempted": QCoreApplication.translate("timeline", "Fees exempted"),
        "upstream_step": QCoreApplication.translate("timeline", "Step made by the province"),
        "review_resolved": QCoreApplication.translate("timeline", "Review settled"),
    }
    return titles.get(kind, kind)


def rating_label(level: str) -> str:
    """The officer-facing name of a rating level (the raw value when unknown)."""
    labels = {
        "very_satisfied": QCoreApplication.translate("timeline", "Very satisfied"),
        "satisfied": QCoreApplication.translate("timeline", "Satisfied"),
        "dissatisfied": QCoreApplication.translate("timeline", "Dissatisfied"),
    }
    return labels.get(level, level)


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
        if is_manual(event.time_rule):
            parts.append(
                QCoreApplication.translate("timeline", "entered by the officer (time limit not confirmed)")
            )
    if isinstance(event, SupplementRequested) and event.missing:
        parts.append(", ".join(m.name for m in event.missing))
    if isinstance(event, FeeCollected) and event.receipts:
        parts.append(", ".join(f"{r.number}: {money(r.amount)} đ" for r in event.receipts))
    if isinstance(event, FeeAssessed):
        parts.append(f"{money(sum(line.amount for line in event.lines))} đ")
    if isinstance(event, HandedOver) and event.to_unit:
        parts.append(QCoreApplication.translate("timeline", "to {unit}").format(unit=event.to_unit))
    if isinstance(event, ObligationRequested | ObligationMet):
        number = event.notice_number if isinstance(event, ObligationRequested) else event.document_number
        parts.append(
            QCoreApplication.translate("timeline", "{amount} VND, document {number}").format(
                amount=f"{event.amount:,}".replace(",", "."), number=number
            )
        )
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
    if isinstance(event, Withdrawn) and event.requester_kind == "authorised":
        parts.append(
            QCoreApplication.translate("timeline", "requested by {name}, authorised ({ref})").format(
                name=event.requester_name, ref=event.authorisation_ref
            )
        )
    if isinstance(event, ApologyIssued) and event.signer:
        parts.append(QCoreApplication.translate("timeline", "signed by {name}").format(name=event.signer))
    if isinstance(event, Rated):
        parts.append(rating_label(event.level))
    if isinstance(event, Corrected):
        parts.append(
            QCoreApplication.translate("timeline", "undid: {step}").format(
                step=event_title(event.corrected_kind)
            )
        )
    if isinstance(event, UpstreamStep):
        parts.append(
            QCoreApplication.translate("timeline", "now: {status}").format(status=status_label(event.status))
        )
        parts.append(event.note)
    if isinstance(event, ReviewResolved):
        kept = (
            QCoreApplication.translate("timeline", "kept the counter's status")
            if event.keep == "counter"
            else QCoreApplication.translate("timeline", "took the province's status: {status}").format(
                status=status_label(event.province_status)
            )
        )
        parts += [kept, event.note]
    if isinstance(event, Reasoned | Rated) and event.reason:
        parts.append(event.reason)
    if isinstance(event, ResultReady):
        if event.result_kind == "refused":
            parts.append(
                QCoreApplication.translate("timeline", "refused: {reason}").format(
                    reason=event.refused_reason
                )
            )
        if event.document_number:
            parts.append(
                QCoreApplication.translate("timeline", "document {number}").format(
                    number=event.document_number
                )
            )
    if isinstance(event, ResultPosted) and event.waybill:
        parts.append(QCoreApplication.translate("timeline", "waybill {code}").format(code=event.waybill))
    if isinstance(event, ResultDelivered):
        if event.delivered_at is not None:
            parts.append(
                QCoreApplication.translate("timeline", "delivered on {day}").format(
                    day=f"{event.delivered_at:%d/%m/%Y}"
                )
            )
        parts.append(event.note)
    if isinstance(event, HandedOver | ResultReturned) and event.receiver:
        parts.append(QCoreApplication.translate("timeline", "received by {name}").format(name=event.receiver))
    if (
        isinstance(
            event, SupplementRequested | Closing | ResultReady | ResultReturned | Corrected | UpstreamStep
        )
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
                    event.officer or (self.tr("Province") if isinstance(event.event, UpstreamStep) else ""),
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
        if event.push_status == "remote":  # recorded at another workstation (`sync.client.unit_dossiers`)
            return self.tr("From another workstation")
        if event.push_status in ("rejected", "conflict", "invalid"):
            return self.tr("Rejected: {reason}").format(reason=event.push_error)
        return self.tr("Waiting")

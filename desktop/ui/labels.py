"""Translated labels for stored codes (dossier statuses), kept in one place for every view.

The Vietnamese translations must read exactly like `desktop.core.status.LABELS_VI` (what printed forms and
the command line say); `tests/ui/test_i18n.py` checks that the two never drift apart.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core.status import CLOCK_RUNNING, Status


def status_labels() -> dict[Status, str]:
    """Every status with its label in the current UI language."""
    return {
        Status.REGISTERED: QCoreApplication.translate("status", "Registered online"),
        Status.RECEIVED: QCoreApplication.translate("status", "Received"),
        Status.REFUSED: QCoreApplication.translate("status", "Not accepted"),
        Status.PROCESSING: QCoreApplication.translate("status", "Processing"),
        Status.SUPPLEMENT_REQUESTED: QCoreApplication.translate("status", "Supplement requested"),
        Status.FINANCIAL_OBLIGATION: QCoreApplication.translate("status", "Financial obligation requested"),
        Status.WITHDRAWN: QCoreApplication.translate("status", "Withdrawn by the citizen"),
        Status.STOPPED: QCoreApplication.translate("status", "Processing stopped"),
        Status.RESULT_READY: QCoreApplication.translate("status", "Processed"),
        Status.RETURNED: QCoreApplication.translate("status", "Result returned"),
    }


def status_label(status: str) -> str:
    """The officer-facing name of a local dossier status (the raw code when unknown)."""
    try:
        return status_labels()[Status(status)]
    except ValueError:
        return status


def clock_running(status: str) -> bool:
    """Whether the legal deadline still runs for a dossier in `status` (so it can be overdue)."""
    return status in {s.value for s in CLOCK_RUNNING}

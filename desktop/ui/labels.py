"""Translated labels for stored codes (dossier statuses), kept in one place for every view.

The labels are those of the one status table, `desktop.core.status.STATUSES` (English source, translated
in the Qt context "status"); their Vietnamese translations read exactly like its `label_vi` (what printed
forms and the command line say), which `tests/ui/test_i18n.py` checks.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core.status import CLOCK_RUNNING, STATUSES, Status


def status_labels() -> dict[Status, str]:
    """Every status with its label in the current UI language."""
    return {status: QCoreApplication.translate("status", info.label) for status, info in STATUSES.items()}


def status_label(status: str) -> str:
    """The officer-facing name of a local dossier status (the raw code when unknown)."""
    try:
        return status_labels()[Status(status)]
    except ValueError:
        return status


def clock_running(status: str) -> bool:
    """Whether the legal deadline still runs for a dossier in `status` (so it can be overdue)."""
    return status in {s.value for s in CLOCK_RUNNING}

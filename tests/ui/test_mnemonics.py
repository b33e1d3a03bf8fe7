"""Alt + the underlined letter of a field's label must reach that field: a label with "&" needs a buddy,
else Qt prints the "&" itself ("Tệp chứng chỉ C&A:") and Alt+A does nothing."""

from __future__ import annotations

import pytest

from PySide6.QtWidgets import QDialog, QLabel

from desktop.services.sync_control import ConnectionSettings
from desktop.ui.setup_dialog import SetupDialog
from desktop.ui.sync.connect_dialog import ConnectDialog

pytestmark = pytest.mark.usefixtures("vietnamese")


def _labels_without_buddy(dialog: QDialog) -> list[str]:
    return [
        label.text()
        for label in dialog.findChildren(QLabel)
        if "&" in label.text().replace("&&", "")
        and label.buddy() is None
        and not label.text().startswith("<")
    ]


def test_connect_dialog_labels_reach_their_fields(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    dialog = ConnectDialog(store, ConnectionSettings())
    qtbot.addWidget(dialog)
    assert _labels_without_buddy(dialog) == []
    assert any(label.buddy() is dialog.ca_bundle for label in dialog.findChildren(QLabel))


def test_setup_dialog_labels_reach_their_fields(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    dialog = SetupDialog(store)
    qtbot.addWidget(dialog)
    assert _labels_without_buddy(dialog) == []

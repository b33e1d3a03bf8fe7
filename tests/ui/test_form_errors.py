"""The red line under a dialog's form names what to correct, and goes once the officer types there."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from desktop.ui.setup_dialog import SetupDialog
from tests.ui.helpers import type_text

pytestmark = pytest.mark.usefixtures("vietnamese")


def test_setup_error_goes_once_the_named_field_is_typed_in(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    dialog = SetupDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and dialog.error.text() == "Hãy nhập tên xã/phường."
    type_text(dialog.unit_name, "Xã Ia Grai")
    assert not dialog.error.isVisible()
    # a later error is shown again (the hiding connection was used once)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible()

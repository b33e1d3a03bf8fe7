"""An online submission at the counter (issue 20, Deliver 4): it waits in the side list "Chờ tiếp nhận trực
tuyến", and the dossier view offers exactly accept and refuse; accepting prints form 01 and empties the list.
The submission is applied as the pull applies it (`sync.client.changes`), without a server."""

from __future__ import annotations

import pytest

from PySide6.QtWidgets import QMessageBox

from desktop.core.worklists import Worklist
from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from desktop.ui.dossier import open_dossier
from desktop.ui.main_window import MainWindow
from tests.ui.test_dossier_view import _close_previews, _preview
from tests.ui.test_dossier_view import _dossier_id as dossier_id
from tests.ui.test_worklists import nav_texts
from tests.unit.test_online_intake import waiting

pytestmark = pytest.mark.usefixtures("vietnamese")


def test_an_online_submission_waits_in_its_list_and_is_accepted_from_the_view(
    qtbot, ready_store: tuple[Store, SignedIn]
) -> None:  # type: ignore[no-untyped-def]
    store, officer = ready_store
    code = waiting(store)
    window = MainWindow(store, officer, workstation="1")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert "Chờ tiếp nhận trực tuyến (1)" in nav_texts(window)
    view = open_dossier(window, dossier_id(store, code))
    offered = {name for name, action in view.follow_up.actions.items() if action.isEnabled()}
    assert offered == {"accept_online", "refuse"}
    assert view.header.status.text() == "Mới đăng ký"
    view.follow_up.actions["accept_online"].trigger()
    box = view.follow_up.dialog
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: view.header.status.text() == "Được tiếp nhận")
    assert _preview(qtbot).document.form == "receipt"
    _close_previews()
    window.refresh()
    assert "Chờ tiếp nhận trực tuyến (0)" in nav_texts(window)
    assert window.worklists.counts.get(Worklist.ONLINE_WAITING) == 0

"""Settling "Cần xem lại" in the GUI: the flagged dossier is in its worklist, its view offers
"Giải quyết cần xem lại…" only while flagged, the dialog shows both facts, and the officer's choice moves
the dossier and clears the flag (keys: tests/ui/test_worklists.py; the service and the sync: tests/e2e/test_sync_review.py)."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from desktop.core.timeutil import now_local
from desktop.core.worklists import Worklist
from desktop.services.followup import hand_over
from desktop.services.intake import receive_dossier
from desktop.services.withdrawal import withdraw
from desktop.store.events import append_event
from desktop.store.models import Dossier
from desktop.ui.dossier.review_dialog import ReviewDialog
from desktop.ui.dossier.view import DossierView
from desktop.ui.main_window import MainWindow
from sync.events import UpstreamStep
from tests.factories import intake_draft
from tests.ui.helpers import type_text

pytestmark = pytest.mark.usefixtures("vietnamese")

FACTS = "Tỉnh ghi 'Đã xử lý xong' lúc 09:00; tại bộ phận một cửa hồ sơ đang ở 'Công dân yêu cầu rút hồ sơ'."


def test_the_officer_takes_the_provinces_step_from_the_review_list(qtbot, ready_store) -> None:  # type: ignore[no-untyped-def]
    store, officer = ready_store
    code = receive_dossier(store, officer, intake_draft(store)).code
    hand_over(store, officer, code, "Công chức Tư pháp - Hộ tịch")
    withdraw(store, officer, code)
    with store.transaction() as session:  # what the sync does with a result ready it cannot settle
        dossier = session.query(Dossier).filter_by(code=code).one()
        step = UpstreamStep.written(
            code=code, status="result_ready", status_code=9, previous_status="processing", note="Đã ký"
        )
        append_event(session, dossier.id, step, None, now_local())
        dossier.review_note = FACTS
    win = MainWindow(store, officer, workstation="1")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    assert win.worklists.nav.item(9).text() == "Cần xem lại (1)"
    assert win.worklists.actions[Worklist.NEEDS_REVIEW].shortcut().toString() == "Ctrl+0"
    win.worklists.open(Worklist.NEEDS_REVIEW)
    page = win.worklists.page
    assert page is not None and page.model.worklist is Worklist.NEEDS_REVIEW
    assert [row.code for row in page.model.rows] == [code]
    assert page.model.index(0, 5).data() == FACTS
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    view = win.tabs.currentWidget()
    assert isinstance(view, DossierView)
    settle = view.follow_up.actions["resolve_review"]
    assert settle.isEnabled() and settle.text() == "Giải quyết cần xem &lại…"
    settle.trigger()
    dialog = view.follow_up.dialog
    assert isinstance(dialog, ReviewDialog)
    assert any(FACTS in label.text() for label in dialog.findChildren(QLabel))  # both facts in view
    dialog.decision.setCurrentIndex(dialog.decision.findData("province"))
    type_text(dialog.note, "Công dân nhận kết quả")
    dialog.accept()
    assert view.header.status.text() == "Đã xử lý xong"
    assert not settle.isEnabled()  # settled: nothing left to review
    win.refresh()
    assert win.worklists.nav.item(9).text() == "Cần xem lại (0)"

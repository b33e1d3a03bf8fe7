"""Scanning during intake: SANE's `test` scanner into the paper that has focus, then the dossier is saved
and its attachment rows point at the right document line (issue 6 §4, hosted by the intake view)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.scan.devices import FLATBED
from desktop.services.accounts import SignedIn
from desktop.services.attachments import blob_store
from desktop.store.engine import Store, open_store
from desktop.store.events import typed
from desktop.store.models import Attachment, Dossier, Draft, Event
from desktop.ui.intake import IntakeView
from desktop.ui.main_window import MainWindow
from desktop.ui.print_preview import PrintPreviewDialog
from desktop.ui.scan.panel import ScanPanel
from sync.events import Received
from tests.scan_fixtures import sane_env_fixture  # noqa: F401
from tests.ui.helpers import visible_top_levels
from tests.ui.test_intake import PAYLOAD, count, focused, key, main_window, open_view, type_here

pytestmark = [pytest.mark.sane, pytest.mark.usefixtures("sane_env")]


@pytest.fixture
def intake_window(qtbot: QtBot, ready_store: tuple[Store, SignedIn]) -> MainWindow:
    return main_window(qtbot, *ready_store)


def fill_applicant_and_procedure(view: IntakeView) -> None:
    assert view.apply_payload(PAYLOAD)
    type_here("0912345678")  # the card filled the rest; the cursor waits in the phone field
    key(Qt.Key.Key_F2)
    type_here("1.004884")
    key(Qt.Key.Key_Return)
    assert view.picker.current is not None and len(view.documents.rows) == 3
    key(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # all received


def scan_one_page(qtbot: QtBot, panel: ScanPanel) -> None:
    panel.device.setCurrentIndex(panel.device.findData("sane:test:0"))
    panel.source.setCurrentIndex(panel.source.findData(FLATBED))
    panel.resolution.setCurrentIndex(panel.resolution.findData(150))
    assert focused() in (panel.scan_button, panel.import_button)
    with qtbot.waitSignal(panel.pages_changed):
        panel.scan_button.setFocus()
        key(Qt.Key.Key_Space)
    assert panel.page_count() == 1


def test_scan_in_intake_is_linked_to_the_paper_it_was_scanned_for(
    qtbot: QtBot, intake_window: MainWindow, ready_store: tuple[Store, SignedIn]
) -> None:
    store, officer = ready_store
    view = open_view(qtbot, intake_window)
    assert not view.scans.isVisible() and view.scans.panel is None  # no scanner probed until asked
    fill_applicant_and_procedure(view)
    view.documents.rows[1].tick.setFocus()  # the second paper: the copy of the birth certificate
    key(Qt.Key.Key_F6)
    panel = view.scans.panel
    assert panel is not None and view.scans.isVisible() and view.scans.row == 1
    assert "Bản sao Giấy khai sinh" in panel.title.text()
    scan_one_page(qtbot, panel)

    key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # not yet: the page is not saved into the paper
    assert count(store, Dossier) == 0
    assert view.notice.isVisible() and "Save scan" in view.notice.text()
    assert focused() is panel.save_button

    key(Qt.Key.Key_Space)  # Save scan
    assert panel.page_count() == 0
    assert view.documents.rows[1].scan.text() == "1 page(s)"
    [ref] = view.to_draft().documents[1].attachments
    assert blob_store(store).exists(ref.sha256, ref.size)
    qtbot.waitUntil(lambda: count(store, Draft) == 1, timeout=5000)  # the scan travels with the draft

    key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert view.last_saved is not None, (focused(), view.notice.text())
    with store.session() as session:
        dossier = session.scalars(select(Dossier)).one()
        [attachment] = session.scalars(select(Attachment)).all()
        lines = {line.id: line for line in dossier.documents}
        line = lines[attachment.document_line_id]
        assert line.position == 2 and line.name.startswith("Bản sao Giấy khai sinh")
        assert (attachment.dossier_id, attachment.pages, attachment.sha256) == (dossier.id, 1, ref.sha256)
        assert attachment.profile == "text" and attachment.source == "sane:test:0"
        assert attachment.scanned_by == officer.officer_id
        [event] = session.scalars(select(Event)).all()
        received = typed(event)
        assert isinstance(received, Received)
        assert received.documents[1].attachments[0].sha256 == ref.sha256
    assert blob_store(store).verify(ref.sha256)
    assert not view.scans.isVisible()  # the form is ready for the next citizen
    qtbot.waitUntil(lambda: bool(visible_top_levels(PrintPreviewDialog)), timeout=20000)
    for preview in visible_top_levels(PrintPreviewDialog):
        preview.close()


def test_unsaved_pages_stay_on_their_paper(qtbot: QtBot, intake_window: MainWindow) -> None:
    view = open_view(qtbot, intake_window)
    fill_applicant_and_procedure(view)
    view.documents.rows[0].scan.click()
    panel = view.scans.panel
    assert panel is not None and view.scans.row == 0
    scan_one_page(qtbot, panel)
    view.documents.rows[2].scan.click()  # another paper while a page waits: refused, page kept
    assert view.scans.row == 0 and panel.page_count() == 1
    assert "Save scan" in view.notice.text()
    panel.pages.selectAll()
    panel.delete_button.click()
    assert panel.page_count() == 0
    view.documents.rows[2].scan.click()
    assert view.scans.row == 2
    assert QApplication.focusWidget() in (panel.scan_button, panel.import_button)


def test_a_scan_kept_in_the_draft_survives_a_crash_and_is_linked_after_restart(
    qtbot: QtBot, intake_window: MainWindow, ready_store: tuple[Store, SignedIn]
) -> None:
    store, officer = ready_store
    view = open_view(qtbot, intake_window)
    fill_applicant_and_procedure(view)
    view.documents.rows[0].scan.click()
    panel = view.scans.panel
    assert panel is not None
    scan_one_page(qtbot, panel)
    panel.save_button.click()
    qtbot.waitUntil(lambda: count(store, Draft) == 1, timeout=5000)
    view.autosave_now()  # the last change (the scan) is in the kept draft
    intake_window.hide()  # "crash": nothing is closed; the profile is opened again from disk
    reopened = open_store(store.profile.root)
    try:
        second = main_window(qtbot, reopened, officer)
        qtbot.waitUntil(second.isActiveWindow)
        again = second.findChild(IntakeView, "intakeView")
        assert again is not None and again.banner.isVisible()
        again.banner.continue_button.click()
        assert again.documents.rows[0].scan.text() == "1 page(s)"
        again.save()
        assert again.last_saved is not None, again.notice.text()
        with reopened.session() as session:
            [attachment] = session.scalars(select(Attachment)).all()
            dossier = session.scalars(select(Dossier)).one()
            first_line = min(dossier.documents, key=lambda line: line.position)
            assert attachment.document_line_id == first_line.id
        for preview in visible_top_levels(PrintPreviewDialog):
            preview.close()
        second.close()
    finally:
        reopened.close()


def test_a_papers_scan_can_be_extended_and_removed_before_saving(
    qtbot: QtBot, intake_window: MainWindow
) -> None:
    view = open_view(qtbot, intake_window)
    fill_applicant_and_procedure(view)
    row = view.documents.rows[0]
    row.scan.click()
    panel = view.scans.panel
    assert panel is not None
    scan_one_page(qtbot, panel)
    panel.save_button.click()
    [first] = row.attachments

    view.documents.rows[2].scan.click()  # another paper, then back: its stored page is shown again
    assert panel.page_count() == 0
    row.scan.click()
    assert panel.page_count() == 1 and not panel.modified
    assert view.scans.pending_pages() == 0  # nothing new: the dossier could be saved as it is
    with qtbot.waitSignal(panel.pages_changed):
        panel.scan_button.click()  # a second page for the same paper
    assert panel.page_count() == 2 and view.scans.pending_pages() == 2
    panel.save_button.click()
    [both] = row.attachments  # one document of two pages replaces the first one
    assert both.pages == 2 and both.sha256 != first.sha256
    assert row.scan.text() == "2 page(s)"

    row.scan.click()
    assert panel.page_count() == 2
    panel.pages.selectAll()
    panel.delete_button.click()
    assert row.attachments == [] and row.scan.text() == "Scan…"
    assert "removed" in view.notice.text()
    assert view.scans.pending_pages() == 0

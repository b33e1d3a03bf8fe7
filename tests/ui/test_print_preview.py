"""The print preview as the officer uses it: pages, zoom, printer choice, printing to a real CUPS queue."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
import zxingcpp

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from desktop.services.accounts import SignedIn
from desktop.services.intake import receive_dossier
from desktop.services.printing import PRINTER_SETTING, PrintJob, produce
from desktop.store import settings
from desktop.store.engine import Store
from desktop.ui import printing
from desktop.ui.print_preview import PrintPreviewDialog, show_print_preview
from tests.cups import CupsQueue
from tests.pdfcheck import rasterise
from tests.ui.helpers import visible_top_levels
from tests.unit.test_intake_services import MONDAY_9, make_draft

pytestmark = pytest.mark.usefixtures("vietnamese")


@pytest.fixture
def dossier_code(ready_store: tuple[Store, SignedIn]) -> str:
    store, officer = ready_store
    return receive_dossier(store, officer, make_draft(store), received_at=MONDAY_9).code


def _preview(qtbot, store: Store, code: str, **options: object) -> PrintPreviewDialog:  # type: ignore[no-untyped-def]
    show_print_preview(None, store, "receipt", code, **options)  # type: ignore[arg-type]
    dialogs = visible_top_levels(PrintPreviewDialog)
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert isinstance(dialog, PrintPreviewDialog)
    qtbot.addWidget(dialog)
    return dialog


def test_preview_pages_zoom_and_saved_copy(qtbot, ready_store, dossier_code) -> None:  # type: ignore[no-untyped-def]
    store, _officer = ready_store
    dialog = _preview(qtbot, store, dossier_code, two_copies=True)
    assert dialog.document.path.parent == store.profile.output_dir and dialog.document.path.exists()
    assert dialog.page_count() == 2
    assert dialog.page_label.text() == "Trang 1/2"
    assert not dialog.prev_button.isEnabled()
    dialog.next_button.click()
    assert dialog.page_label.text() == "Trang 2/2"
    before = dialog.view.zoomFactor()
    dialog.zoom_in_button.click()
    assert dialog.view.zoomFactor() > before
    QTimer.singleShot(0, dialog.close_button.click)
    assert dialog.exec() == 0  # closed without printing


def test_reprint_flag_reaches_the_pdf(qtbot, ready_store, dossier_code) -> None:  # type: ignore[no-untyped-def]
    store, _officer = ready_store
    dialog = _preview(qtbot, store, dossier_code, reprint=True)
    assert dialog.document.reprint and dialog.document.path.name.endswith("_in-lai.pdf")
    assert "BẢN IN LẠI" in dialog.pdf.getAllText(0).text()


def test_missing_printer_says_so_and_keeps_the_pdf(qtbot, ready_store, dossier_code) -> None:  # type: ignore[no-untyped-def]
    store, _officer = ready_store
    dialog = _preview(qtbot, store, dossier_code)
    dialog.printers.clear()
    dialog.printers.addItem("MayInDaRutDay")
    dialog.print_button.setEnabled(True)
    dialog.print_button.click()
    boxes = [b for b in visible_top_levels(QMessageBox) if b.objectName() == "printProblem"]
    assert len(boxes) == 1
    assert 'Không tìm thấy máy in "MayInDaRutDay"' in boxes[0].text()
    assert str(dialog.document.path) in boxes[0].text()
    assert dialog.document.path.exists() and dialog.printed_pages == 0
    boxes[0].accept()


@pytest.mark.cups
def test_prints_through_a_real_cups_queue(  # type: ignore[no-untyped-def]
    qtbot, ready_store, dossier_code, cups_pdf_queue: CupsQueue
) -> None:
    store, _officer = ready_store
    with store.transaction() as session:
        settings.put(session, PRINTER_SETTING.format(form="receipt"), cups_pdf_queue.name)
    dialog = _preview(qtbot, store, dossier_code, paper="A5")
    assert dialog.printers.currentText() == cups_pdf_queue.name  # remembered for this form
    since = time.time() - 1
    with qtbot.waitSignal(dialog.accepted, timeout=60_000):
        dialog.print_button.click()
    assert dialog.printed_pages == 1
    out = cups_pdf_queue.wait_for_output(since)
    try:
        codes = [r.text for image in rasterise(out.read_bytes(), 200) for r in zxingcpp.read_barcodes(image)]
    finally:
        out.unlink()
    assert dossier_code in codes


@pytest.mark.cups
def test_stopped_queue_is_reported_offline(qtbot, ready_store, dossier_code, cups_pdf_queue) -> None:  # type: ignore[no-untyped-def]
    store, _officer = ready_store
    printed = produce(store, PrintJob("receipt", dossier_code))
    subprocess.run(["cupsdisable", cups_pdf_queue.name], check=True)
    try:
        problem = printing.printer_problem(cups_pdf_queue.name)
        assert problem is not None and cups_pdf_queue.name in problem
        with pytest.raises(Exception, match=cups_pdf_queue.name):
            printing.print_pdf(printed.path, cups_pdf_queue.name, "x")
    finally:
        subprocess.run(["cupsenable", cups_pdf_queue.name], check=True)
    assert Path(printed.path).exists()


@pytest.mark.usefixtures("threaded_tasks")
def test_preview_is_built_on_a_worker_thread(qtbot, ready_store, dossier_code) -> None:  # type: ignore[no-untyped-def]
    store, _officer = ready_store
    future = show_print_preview(None, store, "control", dossier_code)
    qtbot.waitUntil(lambda: len(visible_top_levels(PrintPreviewDialog)) == 1, timeout=30_000)
    dialog = visible_top_levels(PrintPreviewDialog)[0]
    qtbot.addWidget(dialog)
    assert future.result()[0].path.exists()
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in dialog.pdf.getAllText(0).text()
    dialog.close_button.click()

"""The print preview as the officer uses it: pages, zoom, printer choice, printing to a real CUPS queue."""

from __future__ import annotations

import io
import socket
import subprocess
import threading
import time
from pathlib import Path

import pdfplumber
import pytest
import zxingcpp

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.services import printing as printing_service
from desktop.services.accounts import SignedIn
from desktop.services.intake import receive_dossier
from desktop.services.printing import PRINTER_SETTING, PrintJob, produce
from desktop.store import settings
from desktop.store.engine import Store
from desktop.ui import printing
from desktop.ui.print_preview import PrintPreviewDialog, show_print_preview
from tests.cups import CupsQueue
from tests.pdfcheck import page_texts, rasterise
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


def test_preview_fits_the_screen(qtbot, ready_store, dossier_code) -> None:  # type: ignore[no-untyped-def]
    """On a 768-pixel-high counter screen the status line and Close stay on screen (not 1000 px high)."""
    store, _officer = ready_store
    dialog = _preview(qtbot, store, dossier_code)
    screen = dialog.screen().availableGeometry()
    assert dialog.height() <= screen.height()
    assert dialog.close_button.isVisible()


def test_receipt_preview_fits_a_1024_pixel_wide_screen(qtbot, ready_store, dossier_code) -> None:  # type: ignore[no-untyped-def]
    """With paper, "2 liên" and printer in one row the receipt's preview needed 1025 px."""
    store, _officer = ready_store
    dialog = _preview(qtbot, store, dossier_code)
    dialog.printers.addItem("May in Bo phan Mot cua (tang 1)")
    assert dialog.two_copies.isVisible() and dialog.paper.isVisible()
    assert dialog.minimumSizeHint().width() <= 1024 - 40


def test_reprint_flag_reaches_the_pdf(qtbot, ready_store, dossier_code) -> None:  # type: ignore[no-untyped-def]
    store, _officer = ready_store
    dialog = _preview(qtbot, store, dossier_code, reprint=True)
    assert dialog.document.reprint and dialog.document.path.name.endswith("_in-lai.pdf")
    assert "BẢN IN LẠI" in dialog.pdf.getAllText(0).text()


def _print_and_get_the_problem(
    qtbot, store: Store, code: str, printer: str
) -> tuple[PrintPreviewDialog, QMessageBox]:  # type: ignore[no-untyped-def]
    """Print the receipt's preview on `printer`; the one "Cannot print" box that follows."""
    dialog = _preview(qtbot, store, code)
    dialog.printers.clear()
    dialog.printers.addItem(printer)
    dialog.print_button.setEnabled(True)
    dialog.print_button.click()
    boxes = [b for b in visible_top_levels(QMessageBox) if b.objectName() == "printProblem"]
    assert len(boxes) == 1
    return dialog, boxes[0]


def test_a_bug_while_printing_is_not_shown_as_its_own_text(
    qtbot, ready_store, dossier_code, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui import print_preview

    def broken(*_args: object) -> int:
        raise KeyError("internal_detail")

    monkeypatch.setattr(print_preview, "printer_problem", lambda _name: None)
    monkeypatch.setattr(print_preview, "print_pdf", broken)
    dialog, box = _print_and_get_the_problem(qtbot, ready_store[0], dossier_code, "MayIn")
    assert box.text().startswith("Đã xảy ra lỗi ngoài dự kiến")
    assert "internal_detail" not in box.text() and str(dialog.document.path) in box.text()
    assert dialog.print_button.isEnabled()  # the officer may try again
    box.accept()


def test_missing_printer_says_so_and_keeps_the_pdf(qtbot, ready_store, dossier_code) -> None:  # type: ignore[no-untyped-def]
    dialog, box = _print_and_get_the_problem(qtbot, ready_store[0], dossier_code, "MayInDaRutDay")
    assert 'Không tìm thấy máy in "MayInDaRutDay"' in box.text()
    assert str(dialog.document.path) in box.text()
    assert dialog.document.path.exists() and dialog.printed_pages == 0
    box.accept()


@pytest.mark.cups
def test_prints_through_a_real_cups_queue_and_reports_it_stopped(  # type: ignore[no-untyped-def]
    qtbot, ready_store, dossier_code, cups_pdf_queue: CupsQueue
) -> None:
    store, _officer = ready_store
    with store.transaction() as session:
        settings.put(session, PRINTER_SETTING.format(form="receipt"), cups_pdf_queue.name)
    dialog = _preview(qtbot, store, dossier_code, paper="A5", two_copies=False)
    assert dialog.printers.currentText() == cups_pdf_queue.name  # remembered for this form
    since = time.time() - 1
    with qtbot.waitSignal(dialog.accepted, timeout=60_000):
        dialog.print_button.click()
    assert dialog.printed_pages == 1
    out = cups_pdf_queue.wait_for_output(since)
    try:
        codes = [r.text for image in rasterise(out.read_bytes(), 200) for r in zxingcpp.read_barcodes(image)]
    finally:
        out.unlink(missing_ok=True)  # another checkout testing on this machine may share the queue
    assert dossier_code in codes

    # then the same queue stopped is reported offline. One test, not two: under xdist the two would each set up
    # (and tear down) the one CUPS queue on their own worker, and a stopped or deleted queue broke the other.
    printed = produce(store, PrintJob("receipt", dossier_code))
    subprocess.run(["cupsdisable", cups_pdf_queue.name], check=True, timeout=30)
    try:
        problem = printing.printer_problem(cups_pdf_queue.name)
        assert problem is not None and cups_pdf_queue.name in problem
        with pytest.raises(Exception, match=cups_pdf_queue.name):
            printing.print_pdf(printed.path, cups_pdf_queue.name, "x")
    finally:
        subprocess.run(["cupsenable", cups_pdf_queue.name], check=True, timeout=30)
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


def _page_widths_mm(pdf: bytes) -> list[int]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [round(page.width / 72 * 25.4) for page in doc.pages]


def test_receipt_paper_and_two_copies_rebuild_the_pdf(qtbot, ready_store, dossier_code) -> None:  # type: ignore[no-untyped-def]
    store, _officer = ready_store
    dialog = _preview(qtbot, store, dossier_code)
    # nothing remembered yet: A4, in "2 liên"
    assert [dialog.paper.itemData(i) for i in range(dialog.paper.count())] == ["A4", "A5", "roll80"]
    assert dialog.paper.isVisibleTo(dialog) and dialog.two_copies.isVisibleTo(dialog)
    assert dialog.paper.currentText() == "A4" and dialog.two_copies.isChecked()
    assert _page_widths_mm(dialog.document.pdf) == [210, 210] and dialog.page_count() == 2

    dialog.paper.setCurrentIndex(dialog.paper.findData("A5"))
    widths = _page_widths_mm(dialog.document.pdf)
    assert set(widths) == {148} and len(widths) % 2 == 0 and dialog.page_count() == len(widths)
    assert dialog.document.path.exists() and dialog.document.path.read_bytes() == dialog.document.pdf
    texts = page_texts(dialog.document.pdf)
    assert "Liên 1" in texts[0] and "Liên 2" in texts[len(widths) // 2]

    dialog.two_copies.setChecked(False)
    single = _page_widths_mm(dialog.document.pdf)
    assert set(single) == {148} and len(single) < len(widths) and len(single) == dialog.page_count()
    assert "Liên" not in " ".join(page_texts(dialog.document.pdf))

    dialog.paper.setCurrentIndex(dialog.paper.findData("roll80"))
    assert _page_widths_mm(dialog.document.pdf) == [80]
    assert dossier_code in page_texts(dialog.document.pdf)[0]
    assert dialog.paper.currentText() == "Giấy cuộn 80 mm"
    dialog.close_button.click()


def test_letters_offer_a4_and_a5_only_and_the_register_no_choice(qtbot, ready_store, dossier_code) -> None:  # type: ignore[no-untyped-def]
    store, _officer = ready_store
    show_print_preview(None, store, "control", dossier_code)
    dialog = visible_top_levels(PrintPreviewDialog)[0]
    qtbot.addWidget(dialog)
    assert [dialog.paper.itemData(i) for i in range(dialog.paper.count())] == ["A4", "A5"]
    assert not dialog.two_copies.isVisibleTo(dialog)
    dialog.paper.setCurrentIndex(1)
    assert set(_page_widths_mm(dialog.document.pdf)) == {148}
    dialog.close_button.click()

    day = MONDAY_9.date()
    show_print_preview(None, store, "register", date_from=day, date_to=day)
    dialog = visible_top_levels(PrintPreviewDialog)[0]
    qtbot.addWidget(dialog)
    assert not dialog.paper.isVisibleTo(dialog) and not dialog.two_copies.isVisibleTo(dialog)
    dialog.close_button.click()


def test_the_choice_is_remembered_per_form_after_printing(  # type: ignore[no-untyped-def]
    qtbot, ready_store, dossier_code, monkeypatch
) -> None:
    store, _officer = ready_store
    from desktop.ui import print_preview

    sent: list[tuple[Path | bytes, str]] = []
    monkeypatch.setattr(print_preview, "printer_problem", lambda name: None)
    monkeypatch.setattr(print_preview, "available_printers", lambda: ["Quay1"])
    dialogs: list[PrintPreviewDialog] = []

    def fake_print(path: Path | bytes, name: str, title: str) -> int:
        sent.append((path, name))
        assert not dialogs[0].paper.isEnabled() and not dialogs[0].two_copies.isEnabled()  # locked while sent
        return 1

    monkeypatch.setattr(print_preview, "print_pdf", fake_print)
    dialog = _preview(qtbot, store, dossier_code)
    dialogs.append(dialog)
    dialog.paper.setCurrentIndex(dialog.paper.findData("roll80"))
    dialog.two_copies.setChecked(False)
    dialog.print_button.click()
    assert sent == [(dialog.document.pdf, "Quay1")]  # from memory: the kept copy may be sealed
    dialogs.clear()  # the dialog deletes itself once printed

    again = _preview(qtbot, store, dossier_code, reprint=True)
    assert again.paper.currentData() == "roll80" and not again.two_copies.isChecked()
    assert _page_widths_mm(again.document.pdf) == [80]
    assert again.printers.currentText() == "Quay1"
    again.close_button.click()
    with store.session() as session:
        control = printing_service.remembered_choice(session, "control")
    assert control.paper == "A4" and control.printer == ""  # another form keeps its own choice


def test_paper_and_copies_are_reachable_from_the_keyboard(qtbot, ready_store, dossier_code) -> None:  # type: ignore[no-untyped-def]
    store, _officer = ready_store
    dialog = _preview(qtbot, store, dossier_code)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.paper_label.buddy() is dialog.paper
    QTest.keyClick(dialog, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # "&Khổ giấy:"
    assert QApplication.focusWidget() is dialog.paper
    QTest.keyClick(dialog.paper, Qt.Key.Key_Down)
    assert dialog.paper.currentData() == "A5" and set(_page_widths_mm(dialog.document.pdf)) == {148}
    pages = dialog.page_count()
    QTest.keyClick(dialog, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # "2 &liên" (animated click)
    qtbot.waitUntil(lambda: not dialog.two_copies.isChecked())
    assert dialog.page_count() < pages
    dialog.close_button.click()


@pytest.mark.usefixtures("threaded_tasks")
def test_a_paper_change_is_rendered_on_a_worker_thread(qtbot, ready_store, dossier_code, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store, _officer = ready_store
    from desktop.ui import print_preview

    threads: list[threading.Thread] = []

    def produce_recorded(*args: object) -> object:
        threads.append(threading.current_thread())
        return produce(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(print_preview, "produce", produce_recorded)
    show_print_preview(None, store, "receipt", dossier_code, two_copies=False)
    qtbot.waitUntil(lambda: len(visible_top_levels(PrintPreviewDialog)) == 1, timeout=30_000)
    dialog = visible_top_levels(PrintPreviewDialog)[0]
    qtbot.addWidget(dialog)
    dialog.paper.setCurrentIndex(dialog.paper.findData("A5"))
    assert not dialog.print_button.isEnabled() or not dialog.printers.count()  # busy while rebuilding
    qtbot.waitUntil(lambda: dialog.job.paper == "A5", timeout=30_000)
    assert set(_page_widths_mm(dialog.document.pdf)) == {148}
    assert len(threads) == 2 and all(t is not threading.main_thread() for t in threads)
    dialog.close_button.click()


@pytest.mark.usefixtures("threaded_tasks")
def test_a_profile_label_override_is_previewed_and_a_broken_label_is_reported(  # type: ignore[no-untyped-def]
    qtbot, ready_store, dossier_code
) -> None:
    store, _officer = ready_store
    override = store.profile.root / "forms" / "labels_vi.json"
    override.parent.mkdir()
    override.write_text(
        '{"receipt": {"title": "GIẤY BIÊN NHẬN HỒ SƠ", "received_from": "Nhận hồ sơ của ông/bà"}}',
        encoding="utf-8",
    )
    show_print_preview(None, store, "receipt", dossier_code)  # built on a worker thread
    qtbot.waitUntil(lambda: len(visible_top_levels(PrintPreviewDialog)) == 1, timeout=30_000)
    dialog = visible_top_levels(PrintPreviewDialog)[0]
    qtbot.addWidget(dialog)
    text = dialog.pdf.getAllText(0).text()
    assert "GIẤY BIÊN NHẬN HỒ SƠ" in text and "Tiếp nhận hồ sơ của: Nguyễn Văn Mẫu" in text
    assert dialog.label_warnings.isVisible()
    assert "nhãn 'receipt.received_from' bỏ mất chỗ điền {name}" in dialog.label_warnings.text()
    dialog.close_button.click()


def test_a_print_service_that_never_answers_does_not_freeze_the_preview(  # type: ignore[no-untyped-def]
    qtbot, ready_store, dossier_code, monkeypatch
) -> None:
    """libcups would wait for ever, holding Python's GIL, for a scheduler that accepts and never answers."""
    from desktop.forms import print_service

    store, _officer = ready_store
    monkeypatch.setattr(print_service, "_last", [])
    monkeypatch.setattr(print_service, "TIMEOUT", 0.5)
    with socket.create_server(("127.0.0.1", 0)) as silent:
        monkeypatch.setenv("CUPS_SERVER", f"127.0.0.1:{silent.getsockname()[1]}")
        dialog = _preview(qtbot, store, dossier_code)
        assert dialog.printers.count() == 0 and not dialog.print_button.isEnabled()
        assert "không phản hồi" in dialog.status.text() and str(dialog.document.path) in dialog.status.text()
        with pytest.raises(Exception, match="không phản hồi"):
            printing.print_pdf(dialog.document.path, "Quay1", "x")
        dialog.close_button.click()

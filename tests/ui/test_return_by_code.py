"""Returning a result by scanning the QR code of form 01 (the real key sequence of a USB reader in keyboard
mode, anywhere in the main window), or by typing the code (Ctrl+R): the return dialog of that dossier,
the owner pre-filled; a code that is not ours or a dossier not ready is said in Vietnamese."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from desktop.core.timeutil import VN_TZ
from desktop.services.accounts import SignedIn
from desktop.services.dossier_detail import DossierDetail
from desktop.services.followup import hand_over
from desktop.services.intake import receive_dossier
from desktop.services.result import record_result
from desktop.services.withdrawal import rate
from desktop.store.engine import Store
from desktop.store.models import Dossier
from desktop.ui.dossier.applicant_dialogs import RatingDialog
from desktop.ui.dossier.by_code import CodeDialog
from desktop.ui.dossier.result_dialogs import ReturnDialog
from desktop.ui.intake.burst import ScannerBurstFilter
from desktop.ui.main_window import MainWindow
from desktop.ui.print_preview import PrintPreviewDialog
from tests.factories import intake_draft
from tests.ui.helpers import type_text, visible_top_levels
from tests.ui.scanner import KeyboardScanner, ScanClock
from tests.ui.test_intake import main_window

MONDAY_9 = datetime(2026, 10, 5, 9, 0, tzinfo=VN_TZ)


@pytest.fixture
def window(qtbot: QtBot, ready_store: tuple[Store, SignedIn], vietnamese: None) -> Iterator[MainWindow]:
    yield main_window(qtbot, *ready_store)


@pytest.fixture
def clock(window: MainWindow) -> ScanClock:
    scan_clock = ScanClock()
    burst = window.findChild(ScannerBurstFilter, "returnByCodeScanner")
    assert burst is not None
    burst.clock = scan_clock
    return scan_clock


def _dossier(store: Store, officer: SignedIn, *, ready: bool) -> str:
    code = receive_dossier(store, officer, intake_draft(store), received_at=MONDAY_9).code
    hand_over(store, officer, code, "Công chức Tư pháp - Hộ tịch", at=MONDAY_9)
    if ready:
        record_result(store, officer, code, at=MONDAY_9.replace(day=6))
    return code


def _return_dialog(qtbot: QtBot) -> ReturnDialog:
    qtbot.waitUntil(lambda: len(visible_top_levels(ReturnDialog)) == 1)
    dialog = visible_top_levels(ReturnDialog)[0]
    assert isinstance(dialog, ReturnDialog)
    return dialog


def _message(qtbot: QtBot, window: MainWindow) -> str:
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "returnByCodeMessage") is not None)
    box = window.findChild(QMessageBox, "returnByCodeMessage")
    assert box is not None
    text = box.text()
    box.close()
    window.activateWindow()  # the keyboard back on the main window, as after clicking OK
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is not None)
    return text


@pytest.mark.parametrize("lookup", ["", "https://dichvucong.gialai.gov.vn/tra-cuu?ma={code}"])
def test_scanning_the_receipt_anywhere_opens_the_return_with_the_owner(
    qtbot: QtBot, window: MainWindow, clock: ScanClock, lookup: str
) -> None:
    code = _dossier(window.store, window.officer, ready=True)
    window.dossier_list.setFocus()
    KeyboardScanner(clock).scan(lookup.format(code=code) if lookup else code)
    dialog = _return_dialog(qtbot)
    assert dialog.detail.code == code
    assert dialog.receiver.text() == "Nguyễn Văn Mẫu" and dialog.receiver_kind.currentData() == "owner"
    assert dialog.receiver_id.text()  # the applicant's ID number
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: len(_ratings_of(window)) == 1)  # then the rating: declined here
    QTest.keyClick(_ratings_of(window)[0], Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(visible_top_levels(PrintPreviewDialog)) == 1)
    for preview in visible_top_levels(PrintPreviewDialog):
        preview.close()


def test_a_code_not_ours_or_a_dossier_not_ready_is_said_in_vietnamese(
    qtbot: QtBot, window: MainWindow, clock: ScanClock
) -> None:
    processing = _dossier(window.store, window.officer, ready=False)
    window.dossier_list.setFocus()
    KeyboardScanner(clock).scan(processing)
    assert f"Hồ sơ {processing} đang ở trạng thái 'Đang xử lý', không thể trả kết quả." in _message(
        qtbot, window
    )
    clock.now += 1
    KeyboardScanner(clock).scan("H99-261005-5999")
    assert "Không có hồ sơ mã H99-261005-5999" in _message(qtbot, window)
    clock.now += 1
    KeyboardScanner(clock).scan("8935049500018")  # a product barcode
    assert "không phải mã hồ sơ" in _message(qtbot, window)
    assert visible_top_levels(ReturnDialog) == []


def test_typing_the_code_after_ctrl_r(qtbot: QtBot, window: MainWindow) -> None:
    code = _dossier(window.store, window.officer, ready=True)
    QTest.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(visible_top_levels(CodeDialog)) == 1)
    ask = visible_top_levels(CodeDialog)[0]
    assert isinstance(ask, CodeDialog) and ask.focusWidget() is ask.code
    type_text(ask.code, code)
    ask.accept()
    assert _return_dialog(qtbot).receiver.text() == "Nguyễn Văn Mẫu"


def _ratings_of(window: MainWindow) -> list[RatingDialog]:
    """The visible rating dialogs of this window (one left open by an earlier test of the worker is not)."""

    def under(widget: object) -> bool:
        while widget is not None:
            if widget is window:
                return True
            widget = widget.parent()  # type: ignore[attr-defined]
        return False

    return [d for d in visible_top_levels(RatingDialog) if isinstance(d, RatingDialog) and under(d)]


@pytest.mark.parametrize("rated_before", [False, True])
def test_after_the_return_the_rating_is_asked_once_then_the_receipt(
    qtbot: QtBot, window: MainWindow, clock: ScanClock, rated_before: bool
) -> None:
    code = _dossier(window.store, window.officer, ready=True)
    if rated_before:  # rated at the reception already: one rating per dossier, nothing asked
        rate(window.store, window.officer, code, "satisfied")
    window.dossier_list.setFocus()
    KeyboardScanner(clock).scan(code)
    dialog = _return_dialog(qtbot)
    dialog.accept()
    if not rated_before:
        qtbot.waitUntil(lambda: len(_ratings_of(window)) == 1)
        assert visible_top_levels(PrintPreviewDialog) == []  # the citizen rates first
        QTest.keyClick(_ratings_of(window)[0], Qt.Key.Key_Escape)  # declines: not a rating
    qtbot.waitUntil(lambda: len(visible_top_levels(PrintPreviewDialog)) == 1)
    preview = visible_top_levels(PrintPreviewDialog)[0]
    assert isinstance(preview, PrintPreviewDialog) and preview.job.form == "handback"
    assert _ratings_of(window) == []
    with window.store.session() as session:
        rating = session.scalars(select(Dossier.rating).where(Dossier.code == code)).one()
    assert rating == (4 if rated_before else None)
    preview.close()


def test_with_real_worker_threads_the_dossier_is_read_once_and_the_tab_opens_filled(
    qtbot: QtBot, window: MainWindow, clock: ScanClock, threaded_tasks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The code is looked up and the dossier read off the GUI thread, once; its tab opens already showing
    it, with the dialog over it (before, the tab opened empty, read the dossier twice and painted twice:
    benchmarks/return_by_qr.py). The window is made before the worker threads start, so no list read of
    its own is still under way."""
    from desktop.services import dossier_detail
    from desktop.ui.dossier import view as view_module
    from desktop.ui.dossier.view import DossierView

    code = _dossier(window.store, window.officer, ready=True)
    reads: list[str] = []
    real = dossier_detail.load_detail

    def counted(store: Store, dossier_id: str, **kwargs: Any) -> DossierDetail:
        reads.append(dossier_id)
        return real(store, dossier_id, **kwargs)

    monkeypatch.setattr(dossier_detail, "load_detail", counted)
    monkeypatch.setattr(view_module, "load_detail", counted)
    window.dossier_list.setFocus()
    KeyboardScanner(clock).scan(code)
    assert window.findChild(DossierView) is None  # nothing opened before the dossier is read
    qtbot.waitUntil(lambda: (found := window.findChild(ReturnDialog)) is not None and found.isVisible())
    dialog = window.findChild(ReturnDialog)
    assert dialog is not None
    assert dialog.detail.code == code and dialog.receiver.text() == "Nguyễn Văn Mẫu"
    view = window.tabs.currentWidget()
    assert isinstance(view, DossierView) and view.detail is not None and view.detail.code == code
    assert window.tabs.tabText(window.tabs.currentIndex()) == code
    assert len(reads) == 1
    dialog.reject()


def test_the_screens_imported_in_the_background_after_sign_in_exist() -> None:
    """`desktop.ui.dossier.PRELOADED`: a name that no longer exists would fail on a worker, unseen."""
    import importlib

    from desktop.ui.dossier import PRELOADED

    assert all(importlib.import_module(name) for name in PRELOADED)

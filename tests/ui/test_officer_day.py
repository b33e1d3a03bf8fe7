"""Issue 16's story: an officer's day at the counter, by keyboard, in the real main window (offscreen).

Tuesday 08/12/2026 (a working day; the test pins its own clock and moves it like a real day, so it is not
one of the `dates` tests). Morning: 20 dossiers received at the intake view, all by keyboard, each citizen's
ID card read by the USB 2D reader (`tests/ui/scanner.py`); 5 of them are same-day procedures, 3 of those with a fee (one
paid at intake, two left to pay when the result is collected). Noon: the batch hand-over (Ctrl+Shift+H) and
its printed list. Afternoon: one dossier withdrawn (Ctrl+Shift+R), the 5 same-day results recorded (Ctrl+J)
from the "Due today" list (Ctrl+2), then 3 returned by scanning form 01's QR anywhere in the main window
(the fee first where one is owed, then the return with the owner pre-filled, its receipt, and the rating by
one key). The worklists' counts in the dock are checked after every step, as the officer sees them, and
the next morning. About 20 s of CPU (pytest's own start-up aside).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QTableView, QWidget

from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from desktop.ui.dossier.applicant_dialogs import RatingDialog, WithdrawDialog
from desktop.ui.dossier.batch import BatchHandOverDialog
from desktop.ui.dossier.pay_dialog import PayDialog
from desktop.ui.dossier.result_dialogs import ResultDialog, ReturnDialog
from desktop.ui.dossier.view import DossierView
from desktop.ui.dossier_model import STATUS
from desktop.ui.intake import IntakeView
from desktop.ui.intake.burst import ScannerBurstFilter
from desktop.ui.main_window import MainWindow
from desktop.ui.print_preview import PrintPreviewDialog
from desktop.ui.worklists import WorklistModel
from tests.clock import Clock
from tests.pdfcheck import decode, pdf_text
from tests.ui.helpers import visible_top_levels
from tests.ui.scanner import KeyboardScanner, ScanClock

pytestmark = [pytest.mark.usefixtures("vietnamese"), pytest.mark.slow]

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
MORNING = datetime(2026, 12, 8, 7, 30)  # Tuesday, the counter opens
# the day's procedures: 3 same-day attestations of a signature with a 10.000 đ fee, 2 free same-day birth
# registrations, 2 guardianships (3 working days) and 13 late birth registrations (5 working days)
SIGNATURE, BIRTH, GUARDIAN, LATE_BIRTH = "2.000884", "1.001193", "1.004837", "1.004884"
CARD = "06409{n:07d}||{name}|12031991|Nam|Thôn Đoàn Kết, Xã Ia Grai, Tỉnh Gia Lai|15082021"
NAMES = (
    "NGUYỄN VĂN AN", "TRẦN THỊ BÌNH", "LÊ VĂN CƯỜNG", "PHẠM THỊ DUNG", "HOÀNG VĂN ĐỨC",
    "VŨ THỊ HÀ", "ĐỖ VĂN HÙNG", "BÙI THỊ LAN", "ĐẶNG VĂN LONG", "NGÔ THỊ MAI",
    "DƯƠNG VĂN NAM", "LÝ THỊ NGA", "ĐINH VĂN PHÚC", "TRỊNH THỊ QUYÊN", "HỒ VĂN SƠN",
    "MAI THỊ THẢO", "LƯU VĂN TOÀN", "CAO THỊ UYÊN", "TÔ VĂN VINH", "KIỀU THỊ YẾN",
)  # fmt: skip
PLAN = (
    SIGNATURE, LATE_BIRTH, BIRTH, LATE_BIRTH, SIGNATURE, GUARDIAN, LATE_BIRTH, SIGNATURE, LATE_BIRTH, BIRTH,
    GUARDIAN, *[LATE_BIRTH] * 9,
)  # fmt: skip
# the three attestations come back for their result: (their place in PLAN, the rating's key)
RETURNS = ((0, Qt.Key.Key_1), (4, Qt.Key.Key_2), (7, Qt.Key.Key_3))
WORKLISTS = (
    "Chờ chuyển xử lý",
    "Đến hạn hôm nay",
    "Sắp đến hạn",
    "Quá hạn",
    "Chờ bổ sung",
    "Chờ nghĩa vụ tài chính",
    "Có kết quả – chờ trả",
    "Đã trả hôm nay",
    "Chờ tiếp nhận trực tuyến",
    "Cần xem lại",
)


@dataclass
class Day:
    """The officer's window, the test's clocks, and what the day printed."""

    qtbot: QtBot
    window: MainWindow
    clock: Clock
    keys: ScanClock
    fee_receipts: list[bytes] = field(default_factory=list)  # the fee receipts previewed (their PDFs)

    def counts(self) -> list[int]:
        """The count shown beside each worklist, in order: in the dock, or in the Worklists menu while the
        intake view has the dock's room."""
        worklists = self.window.worklists
        if worklists.dock.isVisible():
            texts = [worklists.nav.item(i).text() for i in range(worklists.nav.count())]
        else:
            texts = [action.text() for action in worklists.actions.values()]
        assert [t.rsplit(" (", 1)[0] for t in texts] == list(WORKLISTS)
        return [int(t.rsplit(" (", 1)[1].rstrip(")")) for t in texts]


@pytest.fixture
def day(
    qtbot: QtBot,
    ready_store: tuple[Store, SignedIn],
    clock: Clock,
) -> Day:
    clock.set(MORNING)
    store, officer = ready_store
    window = MainWindow(store, officer, workstation="1")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    keys = ScanClock()
    burst = window.findChild(ScannerBurstFilter, "returnByCodeScanner")
    assert burst is not None
    burst.clock = keys
    story = Day(qtbot, window, clock, keys)
    return story


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def key(k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), k, modifier)


def person_types(day: Day, text: str) -> None:
    """The officer types `text` into the focused field (capitals with Shift, Vietnamese letters as text
    events, never QTest's ASCII-only key clicks), 150 ms a key on the clock the scanner-burst filters read:
    at one instant a run of keys would look like a USB reader's burst to them."""
    KeyboardScanner(day.keys, per_key=0.15).scan(text, enter=False)


def preview(qtbot: QtBot, form: str, among: bool = False) -> PrintPreviewDialog:
    """The one print preview open, of `form` (`among`: the one of `form` among those open, e.g. the fee
    receipt's over the form 01 it follows)."""

    def of_form() -> list[PrintPreviewDialog]:
        shown = [d for d in visible_top_levels(PrintPreviewDialog) if isinstance(d, PrintPreviewDialog)]
        return [d for d in shown if d.job.form == form] if among else shown

    qtbot.waitUntil(lambda: len(of_form()) == 1)
    dialog = of_form()[0]
    assert dialog.job.form == form
    return dialog


def close_by_escape(day: Day, dialog: QWidget) -> None:
    """Esc on the dialog; the keyboard then goes back to the main window, as the window manager does (the
    offscreen platform has none)."""
    qtbot = day.qtbot
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is dialog.windowHandle())
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    others = visible_top_levels(QDialog)  # e.g. the receipt's preview under the payment dialog
    if others:
        others[-1].activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    else:
        back_to_window(day)


def receive(day: Day, view: IntakeView, n: int, procedure: str) -> tuple[str, bytes]:
    """One citizen at the intake view: the ID card read by the reader, the procedure's code typed, every
    paper received, Ctrl+S. Returns the new dossier's code and its receipt (form 01) as previewed."""
    qtbot = day.qtbot
    assert focused() is view.applicant.full_name  # ready for the next citizen
    KeyboardScanner(day.keys).scan(CARD.format(n=1234500 + n, name=NAMES[n]))
    assert view.applicant.full_name.text() == NAMES[n]
    assert focused() is view.applicant.phone  # the card filled the rest
    for _ in range(3):  # phone, e-mail, submitter: the procedure
        key(Qt.Key.Key_Tab)
    assert focused() is view.picker.search
    person_types(day, procedure)
    key(Qt.Key.Key_Return)
    assert view.picker.current is not None and view.picker.current.code == procedure
    key(Qt.Key.Key_R, CTRL | SHIFT)  # every paper received
    key(Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: view.last_saved is not None and view.last_saved.applicant_name == NAMES[n])
    assert view.last_saved is not None
    code = view.last_saved.code
    assert code in view.result.text()
    receipt = preview(qtbot, "receipt")
    return code, receipt.document.pdf


def pay(day: Day, dialog: PayDialog, code: str) -> None:
    """The fee dialog is on screen: Enter collects it in cash; its receipt is previewed, then closed (Esc)."""
    qtbot = day.qtbot
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.method)
    assert dialog.total.text() == "<b>10.000 đ</b>"
    QTest.keyClick(dialog.method, Qt.Key.Key_Return)  # cash
    qtbot.waitUntil(lambda: not dialog.isVisible())
    receipt = preview(qtbot, "fee_receipt", among=True)
    day.fee_receipts.append(receipt.document.pdf)
    text = pdf_text(receipt.document.pdf)
    assert "BIÊN LAI THU PHÍ" in text and code in text and "Mười nghìn đồng" in text
    close_by_escape(day, receipt)


def back_to_window(day: Day) -> None:
    """A dialog closed: the keyboard is back in the main window (the window manager's part, offscreen)."""
    day.window.activateWindow()
    day.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)


def open_worklist(day: Day, number: int, rows: int) -> QTableView:
    """Ctrl+number from wherever the officer is: the list's tab, `rows` dossiers, the keyboard on it."""
    key(Qt.Key(Qt.Key.Key_0.value + number), CTRL)
    page = day.window.worklists.page
    assert page is not None and day.window.tabs.currentWidget() is page
    assert len(page.model.rows) == rows and page.table.hasFocus()
    return page.table


def opened_view(day: Day, code: str | None = None) -> DossierView:
    """The dossier view on screen (of `code`), read."""
    day.qtbot.waitUntil(
        lambda: isinstance(v := day.window.tabs.currentWidget(), DossierView) and v.detail is not None
    )
    view = day.window.tabs.currentWidget()
    assert isinstance(view, DossierView)
    assert code is None or view.header.code.text() == code
    return view


def record_result(day: Day, left: int) -> None:
    """From "Due today" (Ctrl+2, `left` dossiers), Enter on the first, Ctrl+J: granted, its number, signer."""
    qtbot = day.qtbot
    back_to_window(day)
    open_worklist(day, 2, rows=left)
    key(Qt.Key.Key_Return)
    view = opened_view(day)
    assert view.header.status.text() == "Đang xử lý"
    key(Qt.Key.Key_J, CTRL)
    dialog = view.follow_up.dialog
    assert isinstance(dialog, ResultDialog)
    qtbot.waitUntil(lambda: focused() is dialog.kind)  # granted
    key(Qt.Key.Key_Tab)
    assert focused() is dialog.document_number
    person_types(day, f"{6 - left}/2026/CT")
    key(Qt.Key.Key_Tab)
    person_types(day, "Trần Văn Bình")
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.header.status.text() == "Đã xử lý xong")


def return_by_scan(day: Day, code: str, receipt: bytes, name: str, level: Qt.Key, ready: int) -> None:
    """The citizen hands over form 01; with "Result ready" (Ctrl+7) on screen the reader scans its QR: the
    fee first when still owed (Enter pays, Ctrl+K goes on), then the return dialog on the owner (Enter),
    the rating by one key, the hand-over receipt."""
    qtbot = day.qtbot
    back_to_window(day)
    open_worklist(day, 7, rows=ready)
    qr = next(text for kind, text in decode(receipt) if kind == "QRCode")  # form 01's QR, as printed
    assert code in qr
    KeyboardScanner(day.keys).scan(qr)
    view = opened_view(day, code)
    if isinstance(view.follow_up.dialog, PayDialog):  # the fee is still owed: the payment comes first
        pay(day, view.follow_up.dialog, code)
        back_to_window(day)
        assert view.isAncestorOf(focused())
        key(Qt.Key.Key_K, CTRL)
    dialog = view.follow_up.dialog
    assert isinstance(dialog, ReturnDialog) and dialog.isVisible()
    assert dialog.receiver_kind.currentData() == "owner" and dialog.receiver.text() == name
    qtbot.waitUntil(lambda: focused() is dialog.receiver_kind)
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.header.status.text() == "Đã trả kết quả")
    qtbot.waitUntil(lambda: len(visible_top_levels(RatingDialog)) == 1)
    rating = visible_top_levels(RatingDialog)[0]
    assert isinstance(rating, RatingDialog)
    qtbot.waitUntil(lambda: rating.isAncestorOf(focused()))
    key(level)
    if level == Qt.Key.Key_3:  # not satisfied: the reason is required
        assert focused() is rating.reason
        person_types(day, "Phải chờ lâu")
        key(Qt.Key.Key_Tab)
        key(Qt.Key.Key_Return)
    handback = preview(qtbot, "handback")
    assert f"Người nhận kết quả: {name} (chủ hồ sơ)" in pdf_text(handback.document.pdf)
    close_by_escape(day, handback)


def test_an_officers_day_by_keyboard(day: Day) -> None:
    qtbot, window = day.qtbot, day.window
    assert day.counts() == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]

    # -- morning, 07:30-10:40: twenty citizens at the intake view (Ctrl+N) ---------------------------------
    key(Qt.Key.Key_N, CTRL)
    intake = window.findChild(IntakeView, "intakeView")
    assert intake is not None
    intake.burst.clock = day.keys
    qtbot.waitUntil(lambda: focused() is intake.applicant.full_name)
    codes: list[str] = []
    receipts: dict[str, bytes] = {}
    for n, procedure in enumerate(PLAN):
        day.clock.set(MORNING + timedelta(minutes=10 * n))
        code, receipt = receive(day, intake, n, procedure)
        codes.append(code)
        if procedure == SIGNATURE:  # 10.000 đ: the payment dialog follows the receipt
            receipts[code] = receipt
            [dialog] = [d for d in intake.findChildren(PayDialog, "intakePayment") if d.isVisible()]
            if n == 0:
                pay(day, dialog, code)
            else:  # "I'll pay when I collect the result"
                close_by_escape(day, dialog)
        close_by_escape(day, preview(qtbot, "receipt"))
        assert focused() is intake.applicant.full_name
        assert day.counts()[0] == n + 1  # to hand over
    # to hand over 20; due today the 5 same-day ones; within 3 working days also the 2 guardianships
    assert day.counts() == [20, 5, 7, 0, 0, 0, 0, 0, 0, 0]
    assert len(day.fee_receipts) == 1

    # -- noon: the morning's dossiers go to the processing officer in one batch, with the signed list -------
    day.clock.set(MORNING.replace(hour=11, minute=30))
    key(Qt.Key.Key_H, CTRL | SHIFT)
    batch = window.findChild(BatchHandOverDialog, "batchHandOverDialog")
    assert batch is not None
    qtbot.waitUntil(lambda: focused() is batch.dossiers)
    assert batch.codes() == codes  # today's, all ticked
    key(Qt.Key.Key_Tab)
    assert focused() is batch.unit
    person_types(day, "Công chức Tư pháp - Hộ tịch")
    key(Qt.Key.Key_Tab)
    person_types(day, "Nguyễn Văn Nhận")
    key(Qt.Key.Key_Return)
    listing = preview(qtbot, "handover_list")
    text = pdf_text(listing.document.pdf)
    assert "Công chức Tư pháp - Hộ tịch" in text and all(code in text for code in codes)
    close_by_escape(day, listing)
    assert day.counts() == [0, 5, 7, 0, 0, 0, 0, 0, 0, 0]

    # -- 13:30: a guardianship is withdrawn: "Due soon" (Ctrl+3), its last row (Ctrl+End), Ctrl+Shift+R ------
    day.clock.set(MORNING.replace(hour=13, minute=30))
    back_to_window(day)
    open_worklist(day, 3, rows=7)
    key(Qt.Key.Key_End, CTRL)
    key(Qt.Key.Key_Return)
    view = opened_view(day, codes[PLAN.index(GUARDIAN, 6)])  # the later of the two appointments
    assert view.header.status.text() == "Đang xử lý"
    key(Qt.Key.Key_R, CTRL | SHIFT)
    withdraw = view.follow_up.dialog
    assert isinstance(withdraw, WithdrawDialog)
    qtbot.waitUntil(lambda: focused() is withdraw.requester)
    key(Qt.Key.Key_Return)  # the owner, the usual reason, the request kept on paper: Enter
    qtbot.waitUntil(lambda: view.header.status.text() == "Công dân yêu cầu rút hồ sơ")
    assert day.counts() == [0, 5, 6, 0, 0, 0, 0, 0, 0, 0]

    # -- 14:00-14:40: the 5 same-day results come back from processing ------------------------------------
    for done in range(5):
        day.clock.set(MORNING.replace(hour=14, minute=10 * done))
        record_result(day, left=5 - done)
        assert day.counts() == [0, 4 - done, 5 - done, 0, 0, 0, done + 1, 0, 0, 0]

    # -- 15:30-16:10: three citizens collect their result by showing form 01 --------------------------------
    for returned, (n, level) in enumerate(RETURNS):
        day.clock.set(MORNING.replace(hour=15, minute=30) + timedelta(minutes=20 * returned))
        return_by_scan(day, codes[n], receipts[codes[n]], NAMES[n], level, ready=5 - returned)
        assert day.counts() == [0, 0, 1, 0, 0, 0, 4 - returned, returned + 1, 0, 0]
    assert len(day.fee_receipts) == 3  # one at intake, two at the return
    back_to_window(day)
    page = open_worklist(day, 8, rows=3).model()
    assert isinstance(page, WorklistModel)
    assert sorted(row.code for row in page.rows) == sorted(codes[n] for n, _ in RETURNS)

    # -- what the day left: the dossier list's statuses, and the lists the next morning ---------------------
    key(Qt.Key.Key_F, CTRL)  # the dossier list, its search box
    model = window.dossier_list.model
    assert window.tabs.currentWidget() is window.dossier_list and model.rowCount() == 20
    statuses = Counter(str(model.index(row, STATUS).data()) for row in range(20))
    assert statuses == {
        "Đang xử lý": 14,
        "Công dân yêu cầu rút hồ sơ": 1,
        "Đã xử lý xong": 2,
        "Đã trả kết quả": 3,
    }
    day.clock.set(datetime(2026, 12, 9, 7, 30))  # Wednesday
    window.worklists.timer.timeout.emit()
    assert day.counts() == [0, 0, 1, 0, 0, 0, 2, 0, 0, 0]

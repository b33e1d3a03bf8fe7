"""The dossier view as the officer uses it: open from the list, read the header, act, print, scan."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select, update

from PySide6.QtCore import QCoreApplication, QDate, QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from desktop.core.timeutil import VN_TZ
from desktop.services.accounts import SignedIn
from desktop.services.attachments import attach_files, blob_store
from desktop.services.followup import hand_over
from desktop.services.intake import receive_dossier, refuse
from desktop.store.engine import Store
from desktop.store.events import typed
from desktop.store.models import Attachment, Dossier, Event
from desktop.ui.dossier import open_dossier
from desktop.ui.dossier.applicant_dialogs import RatingDialog
from desktop.ui.dossier.dialogs import (
    ApologyDialog,
    EndOfDayDialog,
    ExtendDialog,
    HandOverDialog,
    ReasonDialog,
    RegisterRangeDialog,
    SupplementDialog,
)
from desktop.ui.dossier.lines import DIGITISED
from desktop.ui.dossier.result_dialogs import ResultDialog, ReturnDialog
from desktop.ui.dossier.timeline import SENT
from desktop.ui.dossier.view import DossierView
from desktop.ui.main_window import MainWindow
from desktop.ui.print_preview import PrintPreviewDialog
from sync.events import AttachmentRemoved, ResultReady
from tests.factories import intake_draft
from tests.pdfcheck import pdf_text
from tests.scan_fixtures import sane_env_fixture  # noqa: F401
from tests.scan_samples import scanned, text_page
from tests.ui.helpers import type_text, visible_top_levels
from tests.ui.test_i18n import assert_all_vietnamese

MONDAY_9 = datetime(2026, 10, 5, 9, 0, tzinfo=VN_TZ)  # received then: overdue by now

pytestmark = pytest.mark.usefixtures("vietnamese")


@pytest.fixture
def window(qtbot, ready_store: tuple[Store, SignedIn]) -> MainWindow:  # type: ignore[no-untyped-def]
    store, officer = ready_store
    win = MainWindow(store, officer, workstation="1")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def code(ready_store: tuple[Store, SignedIn]) -> str:
    store, officer = ready_store
    return receive_dossier(store, officer, intake_draft(store), received_at=MONDAY_9).code


def _dossier_id(store: Store, code: str) -> str:
    with store.session() as session:
        return str(session.scalars(select(Dossier.id).where(Dossier.code == code)).one())


def _open(window: MainWindow, code: str) -> DossierView:
    return open_dossier(window, _dossier_id(window.store, code))


def _preview(qtbot) -> PrintPreviewDialog:  # type: ignore[no-untyped-def]
    dialogs = [d for d in visible_top_levels(PrintPreviewDialog) if isinstance(d, PrintPreviewDialog)]
    assert len(dialogs) == 1
    qtbot.addWidget(dialogs[0])
    return dialogs[0]


def _close_previews() -> None:
    for dialog in visible_top_levels(PrintPreviewDialog):
        dialog.close()


def test_enter_in_the_list_opens_the_dossier_with_its_header(qtbot, window: MainWindow, code: str) -> None:  # type: ignore[no-untyped-def]
    window.refresh()
    table = window.dossier_list.table
    table.setFocus()
    table.setCurrentIndex(window.dossier_list.model.index(0, 0))
    QTest.keyClick(table, Qt.Key.Key_Return)

    view = window.tabs.currentWidget()
    assert isinstance(view, DossierView)
    assert window.tabs.tabText(window.tabs.currentIndex()) == code
    header = view.header
    assert header.code.text() == code
    assert header.status.text() == "Được tiếp nhận"
    assert header.applicant.text().startswith("Nguyễn Văn Mẫu")
    assert header.received.text() == "09:00 05/10/2026"
    assert header.due.text().endswith("quá hạn") and header.due.property("overdue")  # received in October
    assert header.paused.text() == "Không"
    assert header.sync.text() == "1 thay đổi chờ gửi"
    assert header.digitised.text() == f"0/{view.lines.topLevelItemCount()} giấy tờ"
    assert view.timeline.topLevelItem(0).text(1) == "Tiếp nhận tại Bộ phận Một cửa"  # type: ignore[union-attr]
    assert_all_vietnamese(view)

    QTest.keyClick(table, Qt.Key.Key_Return)  # opening it again switches to the same tab
    assert window.tabs.count() == 2
    window.close_page(view)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    window.refresh()  # a closed dossier tab is no longer told about changes
    assert window.tabs.count() == 1


def test_request_supplement_changes_status_and_prints_form_02(qtbot, window: MainWindow, code: str) -> None:  # type: ignore[no-untyped-def]
    view = _open(window, code)
    assert view.detail is not None
    second = view.detail.lines[1]
    QTest.keyClick(view.lines, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Ctrl+B
    dialog = view.follow_up.dialog
    assert isinstance(dialog, SupplementDialog)
    assert_all_vietnamese(dialog)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()  # nothing ticked: refused in the dialog
    assert (
        dialog.isVisible()
        and dialog.error.text() == "Hãy đánh dấu ít nhất một giấy tờ, hoặc ghi tên giấy tờ khác."
    )
    dialog.set_checked(second.number)
    type_text(dialog.reason, "Bản sao chưa chứng thực")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    assert view.header.status.text() == "Yêu cầu bổ sung giấy tờ"
    assert view.header.paused.text().startswith("0 ngày")
    preview = _preview(qtbot)
    assert preview.document.form == "supplement"
    text = pdf_text(preview.document.pdf)
    assert second.name in text and "Bản sao chưa chứng thực" in text
    assert not view.follow_up.actions["supplement"].isEnabled()
    assert view.follow_up.actions["supplement_received"].isEnabled()
    assert view.timeline.topLevelItem(1).text(1) == "Yêu cầu bổ sung"  # type: ignore[union-attr]
    _close_previews()

    # the citizen lost the slip: Ctrl+L prints the letter that applies again, marked as a reprint
    QTest.keyClick(view.lines, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    again = _preview(qtbot)
    assert again.document.form == "supplement" and again.document.reprint
    text = pdf_text(again.document.pdf)
    assert "BẢN IN LẠI" in text and second.name in text
    _close_previews()

    # the papers come back: the clock runs again and the new appointment is printed on a receipt
    view.follow_up.actions["supplement_received"].trigger()
    box = view.follow_up.dialog
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()
    assert view.header.status.text() == "Được tiếp nhận"
    assert _preview(qtbot).document.form == "receipt"
    _close_previews()


def test_reprint_of_the_receipt_is_marked(qtbot, window: MainWindow, code: str) -> None:  # type: ignore[no-untyped-def]
    view = _open(window, code)
    QTest.keyClick(view.lines, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # Ctrl+P
    preview = _preview(qtbot)
    assert preview.document.form == "receipt" and preview.document.reprint
    assert "BẢN IN LẠI" in pdf_text(preview.document.pdf)
    _close_previews()


def test_extend_hand_over_stop_and_what_each_status_allows(qtbot, window: MainWindow, code: str) -> None:  # type: ignore[no-untyped-def]
    view = _open(window, code)
    enabled = {name for name, action in view.follow_up.actions.items() if action.isEnabled()}
    assert enabled == {
        "supplement",
        "refuse",
        "extend",
        "apologise",
        "stop",
        "hand_over",
        "withdraw",
        "rate",
        "undo",
        "reprint_receipt",
        "control_slip",
        "collect_fee",
    }

    view.follow_up.actions["extend"].trigger()
    extend = view.follow_up.dialog
    assert isinstance(extend, ExtendDialog)
    proposed = extend.new_due_at()
    type_text(extend.reason, "Chờ xác minh")
    extend.accept()
    assert proposed.strftime("%H:%M %d/%m/%Y") in view.header.due.text()
    assert "gia hạn" in view.header.due.text()
    assert _preview(qtbot).document.form == "apology"
    _close_previews()
    assert view.follow_up.actions["reprint_letter"].isEnabled()  # the apology can be printed again

    view.follow_up.actions["hand_over"].trigger()
    hand = view.follow_up.dialog
    assert isinstance(hand, HandOverDialog)
    type_text(hand.unit, "Công chức Tư pháp - Hộ tịch")
    hand.accept()
    assert view.header.status.text() == "Đang xử lý"
    assert "Công chức Tư pháp - Hộ tịch" in pdf_text(_preview(qtbot).document.pdf)
    _close_previews()
    assert not view.follow_up.actions["hand_over"].isEnabled()
    assert not view.follow_up.actions["return_result"].isEnabled()  # only once the result is ready

    view.follow_up.actions["stop"].trigger()
    stop = view.follow_up.dialog
    assert isinstance(stop, ReasonDialog)
    stop.accept()  # no reason: stays open
    assert stop.isVisible()
    type_text(stop.reason, "Công dân rút yêu cầu")
    stop.accept()
    assert view.header.status.text() == "Dừng xử lý"
    assert _preview(qtbot).document.form == "stop"
    _close_previews()
    enabled = {name for name, action in view.follow_up.actions.items() if action.isEnabled()}
    assert enabled == {"rate", "undo", "reprint_receipt", "reprint_letter", "control_slip"}
    view.follow_up.actions["refuse"].trigger()  # disabled: nothing opens
    assert view.follow_up.dialog is stop


def test_result_ready_then_returned_to_the_citizen(
    qtbot, window: MainWindow, code: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    hand_over(window.store, window.officer, code, "Công chức Tư pháp - Hộ tịch")
    view = _open(window, code)
    assert view.header.status.text() == "Đang xử lý"
    assert not view.follow_up.actions["return_result"].isEnabled()
    QTest.keyClick(view.lines, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)  # Ctrl+J
    ready = view.follow_up.dialog
    assert isinstance(ready, ResultDialog) and ready.focusWidget() is ready.kind
    assert_all_vietnamese(ready)
    ready.kind.setCurrentIndex(1)  # refused: the reason is required
    ready.accept()
    assert ready.isVisible() and "lý do" in ready.error.text()
    ready.kind.setCurrentIndex(0)
    type_text(ready.document_number, "25/QĐ-UBND")
    type_text(ready.scan, str(tmp_path / "khong-co.pdf"))
    ready.accept()
    assert ready.isVisible() and "Không có tệp" in ready.error.text()
    text_page(100).save(tmp_path / "ket-qua.png")
    ready.scan.setText(str(tmp_path / "ket-qua.png"))
    ready.accept()
    assert view.header.status.text() == "Đã xử lý xong"
    assert "có kết quả quá hạn" in view.header.due.text()  # received in October, ready today (December)
    assert "25/QĐ-UBND" in view.timeline.topLevelItem(view.timeline.topLevelItemCount() - 1).text(3)  # type: ignore[union-attr]
    with window.store.session() as session:
        last = session.scalars(select(Event).order_by(Event.seq.desc())).first()
        ready_event = typed(last) if last is not None else None
    assert isinstance(ready_event, ResultReady) and blob_store(window.store).exists(
        ready_event.result_file_sha256
    )

    # the result came after the appointment: Ctrl+K asks for the late apology first (form 04)
    QTest.keyClick(view.lines, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)  # Ctrl+K
    apology = view.follow_up.dialog
    assert isinstance(apology, ApologyDialog) and apology.focusWidget() is apology.reason
    assert_all_vietnamese(apology)
    type_text(apology.reason, "Chờ ý kiến của cơ quan thuế")
    apology.accept()
    assert apology.isVisible() and "người ký" in apology.error.text()
    type_text(apology.signer, "Trần Văn Bình, Chủ tịch UBND xã")
    apology.accept()
    letter = _preview(qtbot)
    assert letter.document.form == "apology"
    text = " ".join(pdf_text(letter.document.pdf).split())
    assert "Chờ ý kiến của cơ quan thuế" in text and "Trần Văn Bình" in text
    _close_previews()
    assert view.timeline.topLevelItem(view.timeline.topLevelItemCount() - 1).text(1) == "Xin lỗi vì trễ hạn"  # type: ignore[union-attr]

    QTest.keyClick(view.lines, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)  # Ctrl+K
    dialog = view.follow_up.dialog
    assert isinstance(dialog, ReturnDialog) and dialog.receiver.text() == "Nguyễn Văn Mẫu"
    assert dialog.focusWidget() is dialog.receiver_kind and not dialog.waybill.isEnabled()
    assert_all_vietnamese(dialog)
    dialog.receiver_kind.setCurrentIndex(2)  # someone else: name and ID cleared, required
    assert dialog.receiver.text() == "" and not dialog.authorisation.isEnabled()
    dialog.accept()
    assert dialog.isVisible() and "họ tên" in dialog.error.text()
    dialog.receiver_kind.setCurrentIndex(0)  # back to the owner: pre-filled again
    type_text(dialog.originals, "Bản chính giấy khai sinh")
    dialog.accept()
    assert view.header.status.text() == "Đã trả kết quả"
    assert view.timeline.topLevelItem(view.timeline.topLevelItemCount() - 1).text(1) == "Trả kết quả"  # type: ignore[union-attr]
    # the citizen is asked to rate the service at once, one key a level; the receipt follows
    assert visible_top_levels(PrintPreviewDialog) == []
    qtbot.waitUntil(lambda: len(visible_top_levels(RatingDialog)) == 1)
    rating = visible_top_levels(RatingDialog)[0]
    QTest.keyClick(rating, Qt.Key.Key_2)
    qtbot.waitUntil(
        lambda: (
            view.timeline.topLevelItem(view.timeline.topLevelItemCount() - 1).text(1) == "Người dân đánh giá"
        )
    )  # type: ignore[union-attr]
    preview = _preview(qtbot)
    assert preview.document.form == "handback"
    text = " ".join(pdf_text(preview.document.pdf).split())
    assert "Người nhận kết quả: Nguyễn Văn Mẫu (chủ hồ sơ)" in text and "Bản chính giấy khai sinh" in text
    _close_previews()


@pytest.mark.one_moment
def test_register_from_the_menu_with_a_date_range(qtbot, window: MainWindow, code: str) -> None:  # type: ignore[no-untyped-def]
    menu_action = window.findChild(QAction, "printRegister")
    assert menu_action in window.menu_dossier.actions()
    menu_action.trigger()
    dialogs = visible_top_levels(RegisterRangeDialog)
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert isinstance(dialog, RegisterRangeDialog)
    assert_all_vietnamese(dialog)
    dialog.date_from.setDate(QDate(2026, 10, 1))  # the month of the receipt (MONDAY_9), whatever today is
    dialog.date_to.setDate(QDate(2026, 10, 31))
    dialog.accept()
    preview = _preview(qtbot)
    assert preview.document.form == "register" and code in pdf_text(preview.document.pdf)
    _close_previews()


@pytest.mark.one_moment
def test_end_of_day_sheet_from_the_menu(qtbot, window: MainWindow, code: str) -> None:  # type: ignore[no-untyped-def]
    menu_action = window.findChild(QAction, "printEndOfDay")
    assert menu_action in window.menu_dossier.actions()
    menu_action.trigger()
    dialogs = visible_top_levels(EndOfDayDialog)
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert isinstance(dialog, EndOfDayDialog)
    assert_all_vietnamese(dialog)
    dialog.day_edit.setDate(QDate(2026, 10, 5))  # the day of the receipt (MONDAY_9), whatever today is
    dialog.accept()
    preview = _preview(qtbot)
    text = " ".join(pdf_text(preview.document.pdf).split())
    assert preview.document.form == "end_of_day" and "ngày 05/10/2026" in text
    assert "1 Hồ sơ tiếp nhận 1" in text and "Chưa đồng bộ hết với hệ thống tỉnh" in text
    _close_previews()


@pytest.mark.one_moment
@pytest.mark.sane
@pytest.mark.usefixtures("sane_env")
def test_import_into_a_paper_shows_it_digitised_and_viewable(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, code: str, tmp_path: Path
) -> None:
    view = _open(window, code)
    line = view.lines.topLevelItem(1)
    assert line is not None and line.text(DIGITISED) == "Chưa có"
    view.lines.setCurrentItem(line)
    QTest.keyClick(view.lines, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # Ctrl+I
    panel = view.scan_panel
    assert panel is not None and panel.isVisible()
    png = tmp_path / "giay-chung-sinh.png"
    scanned(text_page(150)).save(png, dpi=(150, 150))
    panel.import_files([png])
    assert panel.page_count() == 1
    view.lines.setCurrentItem(view.lines.topLevelItem(0))  # another paper before saving: the pages stay
    view.action_scan.trigger()
    assert panel.page_count() == 1 and panel.title.text().startswith("Quét cho giấy tờ số 2:")
    assert view.notice.text().startswith("Hãy lưu hoặc xoá các trang đã quét cho giấy tờ số 2")
    with qtbot.waitSignal(panel.attached):
        panel.save_button.click()

    line = view.lines.topLevelItem(1)
    assert line is not None and line.text(DIGITISED) == "✓ 1 trang"
    assert view.header.digitised.text().startswith("1/")
    assert view.timeline.topLevelItem(view.timeline.topLevelItemCount() - 1).text(1) == "Thêm bản số hoá"  # type: ignore[union-attr]
    view.lines.setCurrentItem(line.child(0))
    view.action_view.trigger()
    assert view.viewer is not None and view.viewer.page_count() == 1
    view.viewer.close()


@pytest.mark.one_moment
def test_a_change_the_province_rejected_shows_its_reason(qtbot, window: MainWindow, code: str) -> None:  # type: ignore[no-untyped-def]
    with window.store.transaction() as session:
        session.execute(update(Event).values(push_status="rejected", push_error="Mã hồ sơ không hợp lệ."))
    view = _open(window, code)
    assert view.header.sync.text() == "Tỉnh từ chối thay đổi #1: Mã hồ sơ không hợp lệ."
    assert view.timeline.topLevelItem(0).text(4) == "Bị từ chối: Mã hồ sơ không hợp lệ."  # type: ignore[union-attr]
    with window.store.transaction() as session:
        session.execute(update(Event).values(push_status="accepted", push_error=""))
    window.refresh()  # e.g. F5, or the end of a sync pass: open dossiers are read again
    assert view.header.sync.text() == "Đã gửi lên tỉnh"
    assert view.timeline.topLevelItem(0).text(4) == "Đã gửi"  # type: ignore[union-attr]
    with window.store.transaction() as session:  # a step from the province the rules could not settle
        session.execute(update(Dossier).values(review_note="Tỉnh ghi 'Đã xử lý xong'; tại một cửa: rút."))
    window.refresh()
    assert (
        view.header.sync.text() == "Cần xem lại: Tỉnh ghi 'Đã xử lý xong'; tại một cửa: rút.\nĐã gửi lên tỉnh"
    )


@pytest.mark.usefixtures("threaded_tasks")
def test_refusal_runs_off_the_gui_thread_and_prints_form_03(qtbot, window: MainWindow, code: str) -> None:  # type: ignore[no-untyped-def]
    view = _open(window, code)
    qtbot.waitUntil(lambda: view.detail is not None and view.follow_up.actions["refuse"].isEnabled())
    QTest.keyClick(view.lines, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # Ctrl+T
    dialog = view.follow_up.dialog
    assert isinstance(dialog, ReasonDialog)
    type_text(dialog.reason, "Hồ sơ không thuộc thẩm quyền của xã")
    dialog.accept()
    qtbot.waitUntil(lambda: view.header.status.text() == "Không được tiếp nhận")
    qtbot.waitUntil(lambda: len(visible_top_levels(PrintPreviewDialog)) == 1)
    preview = _preview(qtbot)
    assert preview.document.form == "refusal"
    assert "Hồ sơ không thuộc thẩm quyền của xã" in pdf_text(preview.document.pdf)
    _close_previews()


def test_a_stale_view_gets_the_services_refusal_and_reads_again(qtbot, window: MainWindow, code: str) -> None:  # type: ignore[no-untyped-def]
    view = _open(window, code)
    refuse(window.store, window.officer, code, "Nộp nhầm nơi")  # e.g. from another workstation
    assert view.follow_up.actions["extend"].isEnabled()  # the tab has not seen it yet
    view.follow_up.actions["extend"].trigger()
    dialog = view.follow_up.dialog
    assert isinstance(dialog, ExtendDialog)
    type_text(dialog.reason, "Chờ xác minh")
    dialog.accept()
    boxes = [b for b in visible_top_levels(QMessageBox) if b.objectName() == "errorMessage"]
    assert len(boxes) == 1 and "không thể gia hạn" in boxes[0].text()  # type: ignore[attr-defined]
    boxes[0].close()
    assert view.header.status.text() == "Không được tiếp nhận"
    assert not view.follow_up.actions["extend"].isEnabled()
    assert visible_top_levels(PrintPreviewDialog) == []


@pytest.mark.one_moment
def test_a_saved_scan_can_be_removed_with_confirmation(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, code: str, tmp_path: Path
) -> None:
    store = window.store
    png = tmp_path / "to-khai.png"
    scanned(text_page(150)).save(png, dpi=(150, 150))
    [result] = attach_files(store, code, [png], officer_id=window.officer.officer_id, document=1)
    view = _open(window, code)
    line = view.lines.topLevelItem(0)
    assert line is not None and line.text(DIGITISED) == "✓ 1 trang"
    view.lines.setCurrentItem(line)
    assert not view.action_remove.isEnabled()  # a paper's row: choose the scan itself
    view.lines.setCurrentItem(line.child(0))
    assert view.action_remove.isEnabled()
    QTest.keyClick(view.lines, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Del
    box = view.confirm_remove
    assert box is not None and box.isVisible()
    assert_all_vietnamese(box)
    box.button(QMessageBox.StandardButton.No).click()  # thought better of it
    assert view.lines.topLevelItem(0).text(DIGITISED) == "✓ 1 trang"  # type: ignore[union-attr]
    view.lines.setCurrentItem(view.lines.topLevelItem(0).child(0))  # type: ignore[union-attr]
    box = view.remove_selected()
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()

    line = view.lines.topLevelItem(0)
    assert line is not None and line.text(DIGITISED) == "Chưa có" and line.childCount() == 0
    assert view.header.digitised.text().startswith("0/")
    assert view.timeline.topLevelItem(view.timeline.topLevelItemCount() - 1).text(1) == "Xoá bản số hoá"  # type: ignore[union-attr]
    with store.session() as session:
        row = session.scalars(select(Attachment)).one()
        assert row.removed
        ev = session.scalars(select(Event).where(Event.type == "attachment_removed")).one()
        removed = typed(ev)
        assert isinstance(removed, AttachmentRemoved)
        assert (removed.sha256, removed.attachment_id) == (result.sha256, row.id)
    assert blob_store(store).path_for(result.sha256).exists()  # append-only: the file stays


def test_a_dossier_of_another_workstation_says_its_scans_could_not_be_fetched_and_whose_steps_it_shows(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, code: str, tmp_path: Path
) -> None:
    store = window.store
    png = tmp_path / "to-khai.png"
    scanned(text_page(150)).save(png, dpi=(150, 150))
    [result] = attach_files(store, code, [png], officer_id=window.officer.officer_id, document=1)
    blob_store(store).path_for(result.sha256).unlink()  # as on a workstation the dossier came down to
    with store.transaction() as session:  # its intake recorded at another workstation
        session.execute(
            update(Event)
            .where(Event.seq == 1)
            .values(push_status="remote")
            .execution_options(synchronize_session=False)
        )
    view = _open(window, code)
    qtbot.waitUntil(view.notice.isVisible, timeout=5000)
    assert view.notice.text().startswith(
        "Chưa tải được bản số hóa của hồ sơ từ máy chủ tỉnh (1 bản): máy trạm chưa"
    )
    first = view.timeline.topLevelItem(0)
    assert first is not None and first.text(SENT) == "Từ máy trạm khác"

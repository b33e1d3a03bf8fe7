"""Dialogs show all they say: a long error grows the connect dialog, and no title is cut."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QInputDialog

from desktop.core.errors import ValidationError
from desktop.services.sync_control import ConnectionSettings
from desktop.ui.dossier.dialogs import ReasonDialog
from desktop.ui.form_helpers import install_title_guard
from desktop.ui.sync.connect_dialog import ConnectDialog

LONG_ERROR = (
    "Máy chủ tỉnh trả lời rằng địa chỉ này không phải cổng tiếp nhận của hệ thống một cửa: hãy kiểm tra lại "
    "địa chỉ máy chủ do Sở Thông tin và Truyền thông cung cấp, chứng chỉ của tỉnh và máy chủ trung gian (proxy) "
    "của mạng xã; nếu vẫn không được, hãy gọi bộ phận hỗ trợ kỹ thuật của tỉnh và đọc cho họ mã lỗi ở trên. "
    "Tệp chứng chỉ đã chọn: /home/canbo/Tải về/chung-chi-so-thong-tin-va-truyen-thong-tinh-gia-lai/ca-bundle.pem"
)


def test_a_long_error_is_shown_whole_and_the_connect_dialog_grows_with_it(qtbot, ready_store, vietnamese):
    assert len(LONG_ERROR) >= 300
    store, _officer = ready_store
    dialog = ConnectDialog(store, ConnectionSettings(server_url="https://motcua.gialai.gov.vn"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    height_before = dialog.height()

    dialog._failed(ValidationError(LONG_ERROR, field="server_url"))  # as the worker reports a refusal
    label = dialog.error
    assert label.isVisible() and label.text() == LONG_ERROR and label.wordWrap()
    dialog.layout().activate()  # what the next paint does
    needed = label.heightForWidth(label.width())
    assert needed > 3 * label.fontMetrics().height()  # several lines at this width
    assert label.height() >= needed, "lines of the message are cut off"
    bottom = label.mapTo(dialog, label.rect().bottomLeft()).y()
    assert bottom <= dialog.height() and dialog.height() > height_before
    assert dialog.focusWidget() is dialog.server_url  # the field to correct
    assert dialog.connect_button.geometry().bottom() <= dialog.height()


@pytest.fixture
def title_guard(qapp: QApplication) -> Iterator[None]:
    qapp.setApplicationDisplayName("Một Cửa")  # as the application does: Qt appends it to titles
    guard = install_title_guard(qapp)
    yield
    qapp.removeEventFilter(guard)
    qapp.setApplicationDisplayName("")


def shown_title_width(widget) -> int:  # type: ignore[no-untyped-def]
    font = QFont(widget.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(f"{widget.windowTitle()} — Một Cửa")


@pytest.mark.usefixtures("title_guard")
def test_no_dialog_is_narrower_than_its_title(qtbot):
    ours = ReasonDialog(
        "Yêu cầu bổ sung, hoàn thiện hồ sơ và đề nghị gia hạn thời gian giải quyết", "Ghi lý do.", "Gửi"
    )
    qtbot_input = QInputDialog()  # Qt's own small dialog
    qtbot_input.setWindowTitle("Số bản cần in cho người nộp hồ sơ")
    for dialog in (ours, qtbot_input):
        qtbot.addWidget(dialog)
        assert dialog.sizeHint().width() < shown_title_width(dialog)  # it would have been cut
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.width() >= shown_title_width(dialog)

    ours.setWindowTitle(ours.windowTitle() + " (lần hai)")  # retitled while open
    assert ours.width() >= shown_title_width(ours)

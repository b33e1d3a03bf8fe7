"""The one place that turns exceptions into dialogs: what the officer reads for each kind of failure."""

from __future__ import annotations

import errno
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from desktop.core.errors import Interrupted, StorageError, SyncError, SyncErrorKind, ValidationError
from desktop.ui import errors
from tests.ui.helpers import visible_top_levels


def only_box() -> QMessageBox:
    (box,) = visible_top_levels(QMessageBox)
    return box


def close_all() -> None:
    for box in visible_top_levels(QMessageBox):
        box.close()


def test_environment_errors_show_their_vietnamese_message(qtbot, vietnamese):
    cases = [
        (
            StorageError("Cơ sở dữ liệu '/x/motcua.sqlite3' đang bị khóa.", "/x/motcua.sqlite3"),
            "Lỗi lưu trữ dữ liệu",
        ),
        (SyncError("Không kết nối được máy chủ của tỉnh.", SyncErrorKind.NETWORK), "Lỗi đồng bộ"),
        (ValidationError("Số định danh phải có 12 chữ số.", "id_number"), "Hãy kiểm tra thông tin nhập"),
    ]
    for exc, title in cases:
        errors.show_error(exc)
        box = only_box()
        assert box.text() == str(exc)
        assert box.windowTitle() == title
        assert box.icon() == QMessageBox.Icon.Warning
        close_all()


def test_full_disk_is_explained_not_crashed(qtbot, vietnamese):
    errors.show_error(OSError(errno.ENOSPC, "No space left on device", "/data/motcua.sqlite3"))
    box = only_box()
    assert box.objectName() == "errorMessage"
    assert box.text().startswith("Ổ đĩa / đã đầy") and "Dữ liệu đã lưu trước đó không bị mất" in box.text()
    close_all()


def test_interrupted_is_silent(qtbot):
    assert errors.show_error(Interrupted("hủy")) is None
    assert visible_top_levels(QMessageBox) == []


def test_a_bug_gets_the_crash_dialog_naming_the_log(qtbot, vietnamese, tmp_path: Path, caplog):
    log_path = tmp_path / "logs" / "motcua.log"
    errors.set_log_path(log_path)
    try:
        raise KeyError("unexpected")
    except KeyError:
        errors._excepthook(*sys.exc_info())  # what an exception escaping a Qt slot reaches
    finally:
        errors.set_log_path(None)
    box = only_box()
    assert box.objectName() == "crashDialog"
    assert str(log_path) in box.text()
    assert box.text().startswith("Đã xảy ra lỗi ngoài dự kiến")
    assert "KeyError" in box.detailedText()
    assert "unexpected error" in caplog.text
    close_all()


def test_user_message_gives_the_officer_words_never_a_bugs_text(qtbot, vietnamese, tmp_path: Path):
    refused = ValidationError("Số định danh phải có 12 chữ số.", "id_number")
    assert errors.user_message(refused) == "Số định danh phải có 12 chữ số."
    errors.set_log_path(tmp_path / "motcua.log")
    try:
        text = errors.user_message(KeyError("internal_detail"))
    finally:
        errors.set_log_path(None)
    assert text.startswith("Đã xảy ra lỗi ngoài dự kiến") and str(tmp_path / "motcua.log") in text
    assert "internal_detail" not in text and "KeyError" not in text


def test_excepthook_is_installed(qtbot, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    errors.install_excepthook()
    assert sys.excepthook is errors._excepthook

"""Qt's own dialogs (file chooser, print, page setup, colour) show Vietnamese: Qt ships none, qtbase_vi.ts has it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QColorDialog,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTabWidget,
    QWidget,
)

from desktop.ui import i18n

WORD = re.compile(r"[A-Za-z]{3,}")


def english_words() -> set[str]:
    """Words of Qt's English source strings that our Vietnamese does not keep (paper names like 'Legal' stay)."""
    messages = i18n.read_ts(i18n.ts_path(i18n.QT_SUPPLEMENT))
    kept = {w for m in messages for w in WORD.findall(m.translation.replace("&", ""))}
    return {w for m in messages for w in WORD.findall(m.source.replace("&", ""))} - kept


def dialog_texts(dialog: QWidget) -> list[str]:
    """What a person reads on the dialog: title, labels, buttons and their tips, choices, headers, menu items."""
    texts = [dialog.windowTitle()]
    for child in dialog.findChildren(QWidget):
        if not child.isVisibleTo(dialog):
            continue
        if isinstance(child, QLabel | QAbstractButton):
            texts += [child.text(), child.toolTip()]
        elif isinstance(child, QGroupBox):
            texts.append(child.title())
        elif isinstance(child, QComboBox):
            texts += [child.itemText(i) for i in range(child.count())]
        elif isinstance(child, QTabWidget):
            texts += [child.tabText(i) for i in range(child.count())]
        elif isinstance(child, QHeaderView) and child.model() is not None:
            texts += [str(child.model().headerData(i, child.orientation())) for i in range(child.count())]
    texts += [action.text() for action in dialog.findChildren(QAction)]  # context menus, toolbars
    return [
        t.replace("&", "") for t in texts if t and not Path(t).is_absolute()
    ]  # folder paths are not words


def mnemonics(dialog: QWidget) -> list[str]:
    """The Alt letters of the dialog's visible labels and buttons (menus have their own)."""
    found = []
    for child in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton):
        match = re.search(r"&([^&])", child.text().replace("&&", ""))
        if child.isVisibleTo(dialog) and match:
            found.append(match.group(1).lower())
    return found


def assert_vietnamese(dialog: QWidget, expected: set[str], system: frozenset[str] = frozenset()) -> None:
    """No English word on `dialog` (texts in `system` come from the OS, e.g. a CUPS driver's name)."""
    texts = [t for t in dialog_texts(dialog) if t not in system]
    english = english_words()
    assert {"Open", "Cancel", "Name", "Size", "Print", "Portrait"} <= english  # the check itself is armed
    found = sorted({w for text in texts for w in WORD.findall(text) if w in english})
    assert found == [], f"English on {type(dialog).__name__}: {found} in {texts}"
    assert expected <= set(texts)
    letters = mnemonics(dialog)
    assert len(letters) == len(set(letters)), f"Alt letters used twice: {sorted(letters)}"
    assert all(letter.isascii() for letter in letters), letters  # typeable on a US/Telex keyboard


@pytest.fixture
def shown(qtbot, vietnamese) -> Iterator[list[QDialog]]:
    dialogs: list[QDialog] = []
    yield dialogs
    for dialog in dialogs:
        dialog.close()


def show(qtbot, dialogs: list[QDialog], dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialogs.append(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_file_chooser_speaks_vietnamese(qtbot, shown, tmp_path):
    (tmp_path / "giay-to.pdf").write_bytes(b"%PDF-1.4")
    for mode, accept, special in (
        (
            QFileDialog.FileMode.ExistingFiles,
            QFileDialog.AcceptMode.AcceptOpen,
            {"Tên tệp:", "Loại tệp:", "Mở"},
        ),
        (QFileDialog.FileMode.Directory, QFileDialog.AcceptMode.AcceptOpen, {"Thư mục:", "Chọn"}),
        (QFileDialog.FileMode.AnyFile, QFileDialog.AcceptMode.AcceptSave, {"Tên tệp:", "Lưu"}),
    ):
        dialog = QFileDialog(None, "Chọn tệp", str(tmp_path), "Tài liệu (*.pdf);;Mọi thứ (*)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setFileMode(mode)
        dialog.setAcceptMode(accept)
        show(qtbot, shown, dialog)
        expected = {
            "Tìm trong:",
            "Lùi lại",
            "Xem chi tiết",
            "Tên",
            "Kích cỡ",
            "Ngày sửa",
            "Hủy",
            "Xóa",
            *special,
        }
        assert_vietnamese(dialog, expected)


def test_the_print_dialog_and_its_printer_properties_speak_vietnamese(qtbot, shown):
    printer = QPrinter()  # kept alive while the dialogs use it
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    dialog = show(qtbot, shown, QPrintDialog(printer))
    button(dialog, "Tùy &chọn >>").click()  # the copies, pages and colour settings
    cups = frozenset(  # what the CUPS printers of this machine (if any) name themselves and their papers
        text
        for info in QPrinterInfo.availablePrinters()
        for text in (info.printerName(), info.description(), info.location(), info.makeAndModel())
        + tuple(size.name() for size in info.supportedPageSizes())
    )
    assert_vietnamese(dialog, {"In", "Máy in", "Tên:", "Số bản:", "Phạm vi in", "In tất cả", "Hủy"}, cups)

    properties: list[QDialog] = []

    def check_properties() -> None:  # the modal "Properties" dialog: paper, page layout, job options
        opened = QApplication.activeModalWidget()
        assert isinstance(opened, QDialog) and opened is not dialog
        try:
            properties.append(dialog_texts(opened))
            assert_vietnamese(opened, {"Thuộc tính máy in", "Trang", "Khổ giấy:", "Đồng ý", "Hủy"}, cups)
        finally:
            opened.reject()

    QTimer.singleShot(0, check_properties)
    button(dialog, "Th&uộc tính").click()
    assert len(properties) == 1


def test_the_print_preview_speaks_vietnamese(qtbot, shown):
    printer = QPrinter()
    preview = show(qtbot, shown, QPrintPreviewDialog(printer))
    assert_vietnamese(
        preview, {"Xem trước khi in", "Khổ dọc", "Khổ ngang", "Thiết lập trang", "Trang sau", "In"}
    )


def button(dialog: QWidget, text: str) -> QAbstractButton:
    return next(b for b in dialog.findChildren(QAbstractButton) if b.text() == text)


def test_the_colour_dialog_speaks_vietnamese(qtbot, shown):
    dialog = QColorDialog()
    dialog.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog)
    show(qtbot, shown, dialog)
    assert_vietnamese(dialog, {"Chọn màu", "Màu cơ bản", "Đồng ý", "Hủy"})

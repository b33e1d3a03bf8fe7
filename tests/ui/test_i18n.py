"""The shipped Vietnamese translation is complete, compiled, and what the officer actually sees."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from desktop.core.status import LABELS_VI, Status
from desktop.ui import i18n
from desktop.ui.app import Startup
from desktop.ui.labels import status_labels
from desktop.ui.main_window import MainWindow


def test_catalogues_are_complete_in_sync_with_the_code_and_compiled():
    """Fails when a tr() string is missing from the .ts, untranslated, or the .qm was not rebuilt."""
    assert i18n.problems() == []


def test_status_labels_read_like_the_printed_forms(vietnamese):
    assert {status: label for status, label in status_labels().items()} == LABELS_VI
    assert set(status_labels()) == set(Status)


def english_sources() -> dict[str, str]:
    """English source text -> its translation, for every message whose translation differs."""
    sources = {}
    for ts in i18n.catalogues():
        for message in i18n.read_ts(ts):
            if message.translation != message.source:
                sources[message.source] = message.translation
    return sources


def visible_texts(widget: QWidget) -> list[str]:
    """Every piece of text a person can read on `widget` and its children, menus and headers included."""
    texts = [widget.windowTitle()]
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisibleTo(widget) and child is not widget:
            continue
        if isinstance(child, QLabel):
            texts.append(child.text())
        elif isinstance(child, QAbstractButton):
            texts.append(child.text())
        elif isinstance(child, QLineEdit):
            texts.append(child.placeholderText())
        elif isinstance(child, QGroupBox):
            texts.append(child.title())
        elif isinstance(child, QTabWidget):
            texts += [child.tabText(i) for i in range(child.count())]
    if isinstance(widget, QMainWindow):
        for menu in widget.menuBar().findChildren(QMenu):
            texts.append(menu.title())
            texts += [action.text() for action in menu.actions() if not action.isSeparator()]
        texts += [widget.statusBar().currentMessage()]
        if isinstance(widget, MainWindow):
            model = widget.dossier_list.model
            texts += [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [t for t in texts if t]


def assert_all_vietnamese(widget: QWidget) -> None:
    english = english_sources()
    untranslated = [text for text in visible_texts(widget) if text in english]
    assert untranslated == [], f"English text visible on {widget.objectName()}: {untranslated}"


def test_every_screen_of_the_start_up_shows_vietnamese(qtbot, startup: Startup, vietnamese, monkeypatch):
    startup.start()
    assert_all_vietnamese(startup.window)  # first-run setup
    assert "Mở &dữ liệu mẫu" in visible_texts(startup.window)

    from desktop.services.accounts import complete_setup
    from tests.conftest import DEMO_SETUP

    complete_setup(startup.store, DEMO_SETUP)
    startup.show_login()
    assert_all_vietnamese(startup.window)
    assert "Đă&ng nhập" in visible_texts(startup.window)

    startup.window.username.setText(DEMO_SETUP.username)
    startup.window.password.setText(DEMO_SETUP.password)
    qtbot.mouseClick(startup.window.sign_in_button, Qt.MouseButton.LeftButton)
    window = startup.window
    assert isinstance(window, MainWindow)
    assert_all_vietnamese(window)
    texts = visible_texts(window)
    assert {"&Tệp", "&Hồ sơ", "Đồng &bộ", "Trợ &giúp"} <= set(texts)

    about = window.show_about()
    assert_all_vietnamese(about)
    assert "phiên bản" in about.text()
    # Qt's own button comes from our qtbase supplement, since Qt ships no Vietnamese
    assert [b.text() for b in about.buttons()] == ["Đồng ý"]
    about.close()


def test_qt_standard_buttons_are_vietnamese(qtbot, vietnamese):
    box = QMessageBox(
        QMessageBox.Icon.Question, "t", "x", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    )
    qtbot.addWidget(box)
    box.setDetailedText("chi tiết")
    texts = {b.text() for b in box.buttons()}
    assert {"&Có", "&Không", "Xem chi tiết…"} <= texts


def test_english_when_asked(qtbot, qapp, monkeypatch):
    monkeypatch.setenv("MOTCUA_LANG", "en")
    assert i18n.install_translators(qapp) == []
    assert QApplication.translate("MainWindow", "&File") == "&File"

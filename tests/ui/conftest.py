"""Fixtures of the pytest-qt tests: background tasks run inline (deterministic) unless a test opts out."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.ui import tasks
from desktop.ui.app import Startup
from desktop.ui.i18n import install_translators


def pytest_itemcollected(item: pytest.Item) -> None:
    """The offscreen platform cannot raise a popup (a completer's list) or let it grab the keyboard: it
    says so as a warning, which would fail every test that types into a field with a popup completer."""
    item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)"))


@pytest.fixture(autouse=True)
def synchronous_tasks() -> Iterator[None]:
    """`desktop.ui.tasks` runs work inline in UI tests; use the `threaded_tasks` fixture to opt out."""
    tasks.set_synchronous(True)
    yield
    tasks.set_synchronous(False)


@pytest.fixture(autouse=True)
def no_question_left() -> Iterator[None]:
    """A main window closed at a test's end with changes not sent asks (`desktop.ui.sync.close_guard`, even
    before the first connection): that question is closed here, not left over the next test's windows."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.objectName() == "syncBeforeQuit" and widget.isVisible():
            widget.close()


@pytest.fixture
def threaded_tasks(synchronous_tasks: None) -> Iterator[None]:
    """Real worker threads for this test (wait with qtbot.waitUntil / waitSignal). At the end the workers are
    joined and what they relayed to the GUI thread is delivered here, not in a later test of this worker
    (a late sync pass once opened its result box over the next test's dialogs); boxes it opened are closed."""
    tasks.set_synchronous(False)
    yield
    tasks.shutdown(wait=True)
    QCoreApplication.sendPostedEvents()
    QCoreApplication.processEvents()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            widget.close()


@pytest.fixture
def vietnamese(qapp: QApplication) -> Iterator[None]:
    """The shipped Vietnamese translations installed, as in the real application."""
    installed = install_translators(qapp, "vi")
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.English))


@pytest.fixture
def startup(qapp: QApplication, data_dir: Path) -> Iterator[Startup]:
    """The application's start-up driver on a fresh profile; its windows and store are closed after."""
    driver = Startup(data_dir)
    yield driver
    for widget in QApplication.topLevelWidgets():
        widget.close()
    driver.close_store()
    root = logging.getLogger()  # the application's log file, which start-up opened in this profile
    for handler in list(root.handlers):
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename).is_relative_to(data_dir):
            root.removeHandler(handler)
            handler.close()

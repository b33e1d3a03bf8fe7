"""The one place that turns exceptions into dialogs (style §13-16, design §6).

- `Interrupted`: silent (the user cancelled).
- Environment problems the officer can act on (`AppError` and its subtypes: a locked, full or read-only
  store, a damaged file, a foreign file, no network, a rejected input; an untranslated SQLite error or
  `OSError` that `desktop.store.faults` names, such as a full disk): a warning with a clear Vietnamese
  message. Core messages are already Vietnamese; only titles are translated here.
- Anything else is a bug: it is logged with its traceback and a crash dialog names the log file.

Dialogs are opened non-blocking (`open()`), so a background failure never nests an event loop and tests
can find the box among the top-level widgets. `install_excepthook` routes uncaught exceptions in Qt slots
here too. A screen that shows a problem its own way (a status line, a result box) takes the text from
`user_message(exc)` and opens any warning box through `warn`, never `str(exc)` or its own `QMessageBox`.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.core.errors import AppError, Interrupted, StorageError, SyncError, ValidationError

log = logging.getLogger(__name__)

_where: dict[str, Path | None] = {"log": None}


def set_log_path(path: Path | None) -> None:
    """Remember which log file the crash dialog names."""
    _where["log"] = path


def _storage_fault(exc: BaseException) -> str | None:
    """The message of a storage fault that reached the GUI untranslated (an SQLite error, an OSError such as
    a full disk while a scan is stored), named by `desktop.store.faults`; None when it is none."""
    from desktop.store.faults import classify
    from desktop.store.profile import DB_NAME

    filename = getattr(exc, "filename", None)
    log_path = _where["log"]
    if isinstance(filename, str) and filename:
        path = Path(filename)
    elif log_path is not None:  # <profile>/logs/motcua.log: the error is about the profile's database
        path = log_path.parent.parent / DB_NAME
    else:
        path = Path.cwd()
    fault = classify(exc, path)
    return str(fault) if fault is not None else None


def describe(exc: BaseException) -> tuple[str, str] | None:
    """(title, message) for an environment error, or None when `exc` is a bug."""
    if isinstance(exc, StorageError):
        return QCoreApplication.translate("errors", "Data storage problem"), str(exc)
    if isinstance(exc, SyncError):
        return QCoreApplication.translate("errors", "Synchronisation problem"), str(exc)
    if isinstance(exc, ValidationError):
        return QCoreApplication.translate("errors", "Please check the input"), str(exc)
    if isinstance(exc, AppError):
        return QCoreApplication.translate("errors", "Cannot continue"), str(exc)
    message = _storage_fault(exc)
    if message is not None:
        return QCoreApplication.translate("errors", "Data storage problem"), message
    return None


def _parent(parent: QWidget | None) -> QWidget | None:
    if parent is not None:
        return parent
    return QApplication.activeWindow()


_open_boxes: set[QMessageBox] = set()


def _open(box: QMessageBox) -> None:
    """Open non-blocking; keep a parentless box alive until it is closed."""
    _open_boxes.add(box)
    box.finished.connect(lambda _result: _open_boxes.discard(box))
    box.open()


def warn(title: str, message: str, parent: QWidget | None = None, name: str = "errorMessage") -> QMessageBox:
    """Open a warning box (non-blocking) with an already Vietnamese message; `name` is its objectName."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, _parent(parent)
    )
    box.setObjectName(name)
    _open(box)
    return box


def _crash_text() -> str:
    log_path = _where["log"]
    where = str(log_path) if log_path is not None else QCoreApplication.translate("errors", "(no log file)")
    return QCoreApplication.translate(
        "errors",
        "An unexpected error occurred. Your saved data is safe.\n"
        "Please send the log file to technical support:\n{log}",
    ).format(log=where)


def user_message(exc: BaseException) -> str:
    """What to tell the officer about `exc`: its message when it is an environment problem, else (a bug,
    never its English text) that an unexpected error occurred and where the log is."""
    described = describe(exc)
    return described[1] if described is not None else _crash_text()


def show_error(exc: BaseException, parent: QWidget | None = None) -> QMessageBox | None:
    """Show `exc` the way its kind deserves; returns the (already open) box, or None when silent."""
    if isinstance(exc, Interrupted):
        return None
    described = describe(exc)
    if described is None:
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
        return show_crash(exc, parent)
    title, message = described
    if isinstance(exc, ValidationError):  # the message may quote what was typed: citizen data
        log.info("input refused (field %s)", exc.field or "-")
    else:
        log.warning("%s: %s", type(exc).__name__, message)
    return warn(title, message, parent)


def show_crash(exc: BaseException, parent: QWidget | None = None) -> QMessageBox:
    """The crash dialog: an apology, where the log is, and the traceback under "Show Details"."""
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("errors", "Unexpected error"),
        _crash_text(),
        QMessageBox.StandardButton.Ok,
        _parent(parent),
    )
    box.setObjectName("crashDialog")
    box.setDetailedText("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    _open(box)
    return box


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt) or QApplication.instance() is None:
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    show_error(exc)


def install_excepthook() -> None:
    """Show uncaught exceptions (e.g. raised in a Qt slot) through `show_error` instead of stderr."""
    sys.excepthook = _excepthook

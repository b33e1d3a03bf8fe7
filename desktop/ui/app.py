"""GUI bootstrap: QApplication, translations, logging, the store, then setup -> sign-in -> main window.

`run_gui(data_dir)` is what `motcua` runs without a sub-command. `Startup` drives the screens and is what
the tests use (`Startup(data_dir).start()` on the test's QApplication, no `exec()`).

The demo profile lives beside the real one, in `<data-dir>-demo` (by default
`~/.local/share/motcua-demo`), so training data never mixes with real dossiers and the real profile's
backups never carry it. "Open demo profile" on the first-run screen creates it once (demo commune and
officer, then `desktop.services.demo.seed_demo`) and shows its credentials on the sign-in screen; it can
also be opened directly with `motcua --data-dir ~/.local/share/motcua-demo`.

For benchmarks and smoke tests only: `MOTCUA_AUTOLOGIN=username:password` signs in without the dialog
(the password is still checked), and `MOTCUA_EXIT_WHEN_READY=1` quits as soon as the first screen is up:
the main window with the first page of its list, or else the setup/sign-in dialog.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from desktop import __version__
from desktop.core.errors import AppError, StorageError
from desktop.logs import setup_logging
from desktop.resources import resource
from desktop.services.accounts import SignedIn, needs_setup, sign_in
from desktop.store import settings
from desktop.store.engine import Store, default_data_dir, folder_error, open_store, prepare_profile
from desktop.ui import errors, tasks
from desktop.ui.form_helpers import install_title_guard
from desktop.ui.i18n import install_translators

log = logging.getLogger(__name__)

DEMO_SUFFIX = "-demo"
DEMO_DOSSIERS = 2000
EXIT_STORAGE = 2


def demo_dir_for(data_dir: Path | None) -> Path:
    """Where the demo profile of a profile lives: a sibling folder named `<name>-demo`."""
    root = (Path(data_dir) if data_dir is not None else default_data_dir()).expanduser().resolve()
    if root.name.endswith(DEMO_SUFFIX):
        return root
    return root.with_name(root.name + DEMO_SUFFIX)


class Startup(QObject):
    """Opens a profile and walks the officer through setup and sign-in to the main window."""

    main_window_ready = Signal(object)  # MainWindow

    def __init__(self, data_dir: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.store: Store | None = None
        self.is_demo = False
        self.exit_code = 0
        self.window: QWidget | None = None  # the screen currently shown
        self.log_path: Path | None = None
        self.quit_when_list_loaded = False

    # ---- profile -------------------------------------------------------------------------------------

    def start(self) -> bool:
        """Open the profile and show the first screen; False when an error message is all there is."""
        try:
            return self._start()
        except AppError as exc:  # e.g. the settings of a damaged file cannot be read
            self.exit_code = EXIT_STORAGE
            errors.show_error(exc)
            return False

    def _start(self) -> bool:
        if not self._open(self.data_dir):
            return False
        autologin = os.environ.get("MOTCUA_AUTOLOGIN", "")
        if autologin and self.store is not None and not needs_setup(self.store):
            username, _, password = autologin.partition(":")
            try:
                officer = sign_in(self.store, username, password)
            except Exception as exc:
                errors.show_error(exc)
                self.exit_code = EXIT_STORAGE
                return False
            self.show_main(officer)
            return True
        self._first_screen()
        return True

    def _open(self, data_dir: Path | None) -> bool:
        try:
            profile = prepare_profile(data_dir)
            try:
                self.log_path = setup_logging(profile.logs_dir)
            except OSError as exc:  # e.g. logs/ left read-only by a copy or another account
                raise folder_error(profile.logs_dir, exc) from exc
            errors.set_log_path(self.log_path)
            log.info("Một Cửa %s starting on profile %s", __version__, profile.root)
            self.store = open_store(profile.root)
        except StorageError as exc:
            self.exit_code = EXIT_STORAGE
            errors.show_error(exc)
            return False
        self.is_demo = profile.root.name.endswith(DEMO_SUFFIX)
        return True

    def _first_screen(self) -> None:
        assert self.store is not None
        if needs_setup(self.store):
            self.show_setup()
        else:
            self.show_login()

    def close_store(self) -> None:
        if self.store is not None:
            tasks.shutdown(wait=True)
            self.store.close()
            self.store = None

    # ---- screens -------------------------------------------------------------------------------------

    def _replace_window(self, window: QWidget) -> None:
        """Show `window`, then close the previous screen (in that order, so the app does not quit)."""
        previous, self.window = self.window, window
        window.show()
        window.activateWindow()
        if previous is not None and previous is not window:
            previous.close()
            previous.deleteLater()

    def show_setup(self) -> None:
        from desktop.ui.setup_dialog import SetupDialog

        assert self.store is not None
        dialog = SetupDialog(self.store)
        dialog.completed.connect(lambda officer: self.show_login(username=officer.username))
        dialog.demo_requested.connect(self.open_demo)
        self._replace_window(dialog)

    def show_login(self, username: str = "", hint: str = "") -> None:
        from desktop.ui.login_dialog import LoginDialog

        assert self.store is not None
        unit_name = self._unit_name()
        if self.is_demo and not hint:
            hint = self._demo_hint()
            username = username or self._demo_username()
        dialog = LoginDialog(self.store, unit_name=unit_name, username=username, hint=hint)
        dialog.signed_in.connect(self.show_main)
        self._replace_window(dialog)

    def show_main(self, officer: SignedIn) -> None:
        from desktop.ui.main_window import MainWindow

        assert self.store is not None
        with self.store.session() as session:
            workstation = settings.get(session, settings.WORKSTATION)
        window = MainWindow(self.store, officer, workstation=workstation)
        window.sign_out_requested.connect(lambda: self.show_login(username=officer.username))
        if os.environ.get("MOTCUA_EXIT_WHEN_READY"):
            self.quit_when_list_loaded = True
            window.dossier_list.model.loaded.connect(lambda _n: QTimer.singleShot(0, QApplication.quit))
        self._replace_window(window)
        window.dossier_list.search.setFocus()
        log.info("officer %s signed in", officer.officer_id)
        self.main_window_ready.emit(window)

    def _unit_name(self) -> str:
        from desktop.store.models import Unit

        assert self.store is not None
        with self.store.session() as session:
            unit_id = settings.get(session, settings.UNIT_ID)
            unit = session.get(Unit, int(unit_id)) if unit_id else None
            return unit.name if unit is not None else ""

    # ---- demo profile ---------------------------------------------------------------------------------

    def _demo_username(self) -> str:
        from desktop.services import demo

        return demo.DEMO_USERNAME

    def _demo_hint(self) -> str:
        from desktop.services import demo

        return self.tr(
            "Demo profile with synthetic dossiers.\nUsername: {username} — password: {password}"
        ).format(username=demo.DEMO_USERNAME, password=demo.DEMO_PASSWORD)

    def open_demo(self) -> None:
        """Switch to the demo profile, creating and seeding it the first time."""
        from desktop.services import demo

        target = demo_dir_for(self.data_dir)
        self.close_store()
        if not self._open(target):
            self._open(self.data_dir)  # back to the profile being set up
            return
        store = self.store
        assert store is not None
        if not needs_setup(store):
            self.show_login()
            return
        progress = tasks.Progress()
        dialog = QProgressDialog(self.tr("Creating the demo profile…"), self.tr("Cancel"), 0, DEMO_DOSSIERS)
        dialog.setObjectName("demoProgress")
        dialog.setWindowTitle(self.tr("Demo profile"))
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(progress.cancel)

        def show_progress(done: int, total: int, _text: str) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)

        progress.changed.connect(show_progress)
        self._replace_window(dialog)

        def work() -> None:
            demo.seed_demo(store, dossiers=DEMO_DOSSIERS, progress=progress)

        def done(_result: None) -> None:
            self.show_login()

        def failed(exc: BaseException) -> None:
            self.show_setup()
            errors.show_error(exc)

        tasks.run_write(work, done, failed, owner=self)


def run_gui(data_dir: Path | None) -> int:
    """Start the counter application on the profile in `data_dir` (None: the default folder)."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("motcua")
    app.setApplicationDisplayName("Một Cửa")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource("icons", "motcua.svg"))))
    translators = install_translators(app)
    title_guard = install_title_guard(app)  # no dialog narrower than its title
    errors.install_excepthook()
    startup = Startup(data_dir)
    try:
        startup.start()
    except Exception as exc:  # a bug: the crash dialog names the log (when it could be opened)
        errors.show_error(exc)
        startup.exit_code = 1
    if os.environ.get("MOTCUA_EXIT_WHEN_READY") and not startup.quit_when_list_loaded:
        QTimer.singleShot(0, app.quit)  # the first dialog (or error message) is up
    try:
        code = app.exec()
    finally:
        startup.close_store()
        del translators, title_guard
    return startup.exit_code or int(code)

"""GUI bootstrap: QApplication, translations, logging, the store, then setup -> sign-in -> main window.

`run_gui(data_dir)` is what `motcua` runs without a sub-command. `Startup` drives the screens and is what
the tests use (`Startup(data_dir).start()` on the test's QApplication, no `exec()`).

The demo profile lives beside the real one, in `<data-dir>-demo` (by default
`~/.local/share/motcua-demo`), so training data never mixes with real dossiers and the real profile's
backups never carry it. "Open demo profile" on the first-run screen creates it once (demo commune and
officer, then `desktop.services.demo.seed_demo`) and shows its credentials on the sign-in screen; it can
also be opened directly with `motcua --data-dir ~/.local/share/motcua-demo`.

For benchmarks and smoke tests only: `MOTCUA_AUTOLOGIN=username:password` signs in without the dialog,
at once (the password is still checked, as on the sign-in screen; the main window then shows before the
store has opened, its list read from the database file, and the store opens after its first page), and `MOTCUA_EXIT_WHEN_READY=1` quits
as soon as the first screen is up: the main window with the first page of its list, or else the
setup/sign-in dialog (or an error message); it prints "motcua: ready" then, and "motcua: store open"
when the store has opened in the background, for benchmarks/startup.py.
"""

from __future__ import annotations

import logging
import os
import sys
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from desktop import __version__
from desktop.core.errors import AppError, StorageError
from desktop.resources import resource
from desktop.store.peek import peek
from desktop.store.profile import Profile, default_data_dir, folder_error, prepare_profile
from desktop.ui import errors, tasks
from desktop.ui.form_helpers import install_title_guard
from desktop.ui.i18n import install_translators

if TYPE_CHECKING:  # the ORM is imported once the first screen is up (desktop.store.peek)
    from desktop.services.credentials import SignedIn
    from desktop.store.engine import Store
    from desktop.ui.main_window import MainWindow
    from desktop.ui.sign_in import SignInAttempt

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


def _open_profile(profile: Profile) -> Store:
    """Open the profile's log, then its store (SQLAlchemy, the engine, migrations): on the worker while
    the sign-in screen is up, else before the first screen."""
    from desktop.logs import setup_logging  # logging.handlers: not before the first screen either
    from desktop.store.engine import open_store

    try:
        log_path = setup_logging(profile.logs_dir)
    except OSError as exc:  # e.g. logs/ left read-only by a copy or another account
        raise folder_error(profile.logs_dir, exc) from exc
    errors.set_log_path(log_path)
    log.info("Một Cửa %s starting on profile %s", __version__, profile.root)
    return open_store(profile.root)


def _benchmark_mark(what: str) -> None:
    """MOTCUA_EXIT_WHEN_READY: a line benchmarks/startup.py times ("motcua: ready", "motcua: store open")."""
    if sys.stdout is not None:  # None under pythonw on Windows
        print(f"motcua: {what}", flush=True)


class Startup(QObject):
    """Opens a profile and walks the officer through setup and sign-in to the main window.

    A profile already set up shows the sign-in screen at once, from a read-only peek at its database
    (`desktop.store.peek`); the store (SQLAlchemy, the engine, migrations) opens on the writer thread
    meanwhile, and a problem found then is shown over the sign-in screen. A new profile opens the store
    first, then shows the first-run setup.
    """

    main_window_ready = Signal(object)  # MainWindow

    def __init__(self, data_dir: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.store: Store | None = None
        self.is_demo = False
        self.exit_code = 0
        self.window: QWidget | None = None  # the screen currently shown
        self.unit_name = ""
        self.workstation = ""  # from the peek, for a main window shown before the store is open
        self.exit_when_ready = bool(os.environ.get("MOTCUA_EXIT_WHEN_READY"))
        self.benchmark_marks = self.exit_when_ready
        self._opening: Future[Store] | None = None  # the store being opened in the background
        self.profile: Profile | None = None  # set up (from the peek), its store opening in the background
        self._attempt: SignInAttempt | None = None  # MOTCUA_AUTOLOGIN's
        self._early: MainWindow | None = None  # built, hidden, while the password is checked
        self._recording = False  # a main window is up whose sign-in waits for the store to be recorded
        self._quit_when_recorded = False
        self._encryption_tried = False  # a plain database with a store key is encrypted at start, once

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
        profile = self._prepare(self.data_dir)
        if profile is None:
            return False
        from desktop.ui import store_unlock

        if not store_unlock.unlock(
            profile
        ):  # an encrypted store, its key not in the keyring: the recovery key
            self.exit_code = EXIT_STORAGE
            return False
        if not self._encryption_tried and store_unlock.can_encrypt(profile):  # once, after the update
            self._encryption_tried = True
            store_unlock.encrypt_with_progress(profile, self._replace_window, self._start_after_encrypting)
            return True
        state = peek(profile)
        if not state.ready:  # not set up yet, or something only the store can explain
            if not self._open(profile.root):
                return False
            self._first_screen()
            return True
        self.unit_name, self.is_demo, self.workstation = state.unit_name, state.demo, state.workstation
        self.profile = profile
        autologin = os.environ.get("MOTCUA_AUTOLOGIN", "")
        username, _, password = autologin.partition(":")
        if (
            autologin and state.current
        ):  # the main window first, from the file; the store after its first page
            self._sign_in_directly(username, password)
            return True
        if not autologin:
            self.show_login(username=state.last_username)

        def open_in_background() -> None:
            self._open_in_background()
            if autologin:
                self._sign_in_directly(username, password)

        if tasks.is_synchronous():
            open_in_background()
        else:  # once the screen is painted: the worker's imports then leave it alone
            QTimer.singleShot(0, open_in_background)
        return True

    def _start_after_encrypting(self) -> None:
        if not self.start():
            QApplication.exit(self.exit_code or 1)

    def _open_in_background(self) -> None:
        """Open the peeked profile's store on the writer thread (once)."""
        profile = self.profile
        if self._opening is not None or self.store is not None or profile is None:
            return
        self._opening = tasks.run_write(
            lambda: _open_profile(profile), self._opened, self._open_failed, owner=self
        )

    def _prepare(self, data_dir: Path | None) -> Profile | None:
        """The profile folder checked; None after an error message."""
        try:
            profile = prepare_profile(data_dir)
        except StorageError as exc:
            self.exit_code = EXIT_STORAGE
            errors.show_error(exc)
            return None
        self.is_demo = profile.root.name.endswith(DEMO_SUFFIX)
        return profile

    def _open(self, data_dir: Path | None) -> bool:
        """Open the log and the store on the GUI thread (a new profile, the demo profile); False after a
        message."""
        profile = self._prepare(data_dir)
        if profile is None:
            return False
        try:
            self.store = _open_profile(profile)
        except StorageError as exc:
            self.exit_code = EXIT_STORAGE
            errors.show_error(exc)
            return False
        self._tell_if_damaged(self.store)
        return True

    def _tell_if_damaged(self, store: Store) -> None:
        """A damaged store opened read-only: say so at start; reading and printing go on."""
        if store.damaged is not None:
            errors.show_error(store.damaged, self.window)

    def _opened(self, store: Store) -> None:
        from desktop.ui.login_dialog import LoginDialog

        if self.benchmark_marks:  # also after "ready": the main window may show before the store opens
            _benchmark_mark("store open")
        self.store = store
        self._tell_if_damaged(store)
        if self._attempt is not None:
            self._attempt.set_store(store)
        if isinstance(self.window, LoginDialog):
            self.window.set_store(store)

    def _open_failed(self, exc: BaseException) -> None:
        """The store could not be opened after all: the message over the first screen, then quit."""
        self._fail_over_window(exc, EXIT_STORAGE if isinstance(exc, StorageError) else 1)

    def _fail_over_window(self, exc: BaseException, code: int) -> None:
        """The message over the screen shown (none: alone), then that screen closes."""
        self.exit_code = code
        if self._recording:
            self._recorded()
        window = self.window
        box = errors.show_error(exc, window)
        if window is not None:
            if box is None:
                window.close()
            else:
                box.finished.connect(window.close)
        self.first_screen_up()

    def _sign_in_directly(self, username: str, password: str) -> None:
        """MOTCUA_AUTOLOGIN: the password checked as the sign-in screen would, without the screen."""
        from desktop.ui.sign_in import SignInAttempt

        early = self.store is None and self._opening is None  # the peek found the schema current
        candidate = None
        if early:
            from desktop.services.credentials import officer_named

            assert self.profile is not None
            candidate = officer_named(self.profile, username)
        self._attempt = SignInAttempt(username, password, self.store, self.profile, self)
        if early:
            self._attempt.accepted.connect(self.show_main)  # the main window before the store is open
        self._attempt.succeeded.connect(self._signed_in)
        self._attempt.failed.connect(self._sign_in_failed)
        self._attempt.store_ready.connect(self._load_main_window)
        self._attempt.start()
        if candidate is not None:  # Argon2 runs without the GIL: build the main window meanwhile
            self._early = self._make_main(candidate)

    def _sign_in_failed(self, exc: BaseException) -> None:
        early, self._early = self._early, None
        if early is not None:
            early.deleteLater()
        self._fail_over_window(exc, EXIT_STORAGE)

    def _signed_in(self, officer: SignedIn) -> None:
        """The sign-in is recorded: the main window, or the store for the one shown before it opened."""
        from desktop.ui.main_window import MainWindow

        window = self.window
        if window is None:
            self.show_main(officer)
        elif isinstance(window, MainWindow) and not window.has_store and self.store is not None:
            window.attach_store(self.store)
            log.info("officer %s signed in", officer.officer_id)  # the log is open now
        # else: signed out before the store opened; the sign-in screen stays
        if self._recording:
            self._recorded()

    def _load_main_window(self) -> None:
        """Import the main window's modules while the password is checked (Argon2 runs without the GIL)."""
        import desktop.ui.main_window  # noqa: F401

    def _first_screen(self) -> None:
        from desktop.services.accounts import needs_setup

        assert self.store is not None
        if needs_setup(self.store):
            self.show_setup()
        else:
            self.show_login(username=peek(self.store.profile).last_username)

    def close_store(self) -> None:
        """Wait for the workers (a store still opening too), then close the store."""
        tasks.shutdown(wait=True)
        opening, self._opening = self._opening, None
        if self.store is None and opening is not None and opening.done() and opening.exception() is None:
            opening.result().close()  # opened after the application was asked to quit
        if self.store is not None:
            self.store.close()
            self.store = None

    def first_screen_up(self) -> None:
        """The first screen (or its error message) is up: MOTCUA_EXIT_WHEN_READY quits here."""
        if not self.exit_when_ready:
            return
        self.exit_when_ready = False

        def ready() -> None:  # once the event loop runs, as for the bare window of benchmarks/startup.py
            _benchmark_mark("ready")
            if self._recording:  # the main window showed before the store: quit once the sign-in is recorded
                self._quit_when_recorded = True
            else:
                QApplication.quit()

        QTimer.singleShot(0, ready)

    def _recorded(self) -> None:
        """The sign-in of a main window shown before the store was open is recorded (or has failed)."""
        self._recording = False
        if self._quit_when_recorded:
            QApplication.quit()

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
        dialog.completed.connect(self._set_up)
        dialog.demo_requested.connect(self.open_demo)
        self._replace_window(dialog)
        self.first_screen_up()

    def _set_up(self, officer: SignedIn) -> None:
        """After the first-run setup: the store key made and the new database encrypted at once (with or
        without a keyring to keep the key), then the sign-in screen under the recovery key, shown once."""
        recovery = self._protect_new_profile()
        self.show_login(username=officer.username)
        if recovery is not None and self.store is not None:
            from desktop.ui.recovery_key_dialog import RecoveryKeyDialog

            RecoveryKeyDialog(self.store, recovery, self.window).open()

    def _protect_new_profile(self) -> str | None:
        """The recovery key of the store key just made (None: a demo profile, one that has a key, or the
        start-of-day checks switched off for tests); the database is encrypted before anyone signs in
        (a failure leaves it plain and says so: the next start encrypts it)."""
        from desktop.ui.backup_dialog import START_CHECKS

        if self.is_demo or self.store is None or os.environ.get(START_CHECKS, "1") == "0":
            return None
        from desktop.services import store_key
        from desktop.store.engine import encrypt

        profile = self.store.profile
        recovery = store_key.ensure_store_key(profile)
        if recovery is None:
            return None
        self.close_store()  # the conversion needs the file closed
        try:
            encrypt(profile, backup=False)
        except AppError as exc:
            errors.show_error(exc)
        return recovery if self._open(profile.root) else None

    def show_login(self, username: str = "", hint: str = "") -> None:
        """The sign-in screen; before the store is open when started from the peek."""
        from desktop.ui.login_dialog import LoginDialog

        if self.store is not None:
            self.unit_name = self._unit_name()
        if self.is_demo and not hint:
            from desktop.services.demo_account import DEMO_PASSWORD, DEMO_USERNAME

            hint = self.tr(
                "Demo profile with synthetic dossiers.\nUsername: {username} — password: {password}"
            ).format(username=DEMO_USERNAME, password=DEMO_PASSWORD)
            username = username or DEMO_USERNAME
        dialog = LoginDialog(
            self.store, unit_name=self.unit_name, username=username, hint=hint, profile=self.profile
        )
        dialog.signed_in.connect(self.show_main)
        dialog.checking.connect(self._load_main_window)
        self._replace_window(dialog)
        self.first_screen_up()

    def _make_main(self, officer: SignedIn) -> MainWindow:
        """The main window, not shown yet; before the store is open, its list read from the file."""
        from desktop.ui.main_window import MainWindow

        workstation = self.workstation
        if self.store is not None:
            from desktop.store import settings

            with self.store.session() as session:
                workstation = settings.get(session, settings.WORKSTATION)
        window = MainWindow(self.store, officer, workstation=workstation, profile=self.profile)
        window.sign_out_requested.connect(
            lambda: self.show_login(username="" if window.switching else officer.username)
        )
        return window

    def show_main(self, officer: SignedIn) -> None:
        early, self._early = self._early, None
        if early is not None and early.officer == officer:
            window = early
        else:
            if early is not None:
                early.deleteLater()
            window = self._make_main(officer)
        model = window.dossier_list.model
        model.loaded.connect(lambda _n: self._main_window_up())
        self._replace_window(window)
        if model.first_load_done:  # read while the password was checked
            self._main_window_up()
        window.dossier_list.search.setFocus()
        if self.store is None:
            self._recording = True  # logged once recorded, in _signed_in
        else:
            log.info("officer %s signed in", officer.officer_id)
        self.main_window_ready.emit(window)

    def _main_window_up(self) -> None:
        """The main window shows its first page: the store opens now if it has not (it would have slowed
        that page down), after the window is painted."""
        self.first_screen_up()
        if self.store is None and tasks.is_synchronous():
            self._open_in_background()
        elif self.store is None:
            QTimer.singleShot(0, self._open_in_background)

    def _unit_name(self) -> str:
        from desktop.store import settings
        from desktop.store.models import Unit

        assert self.store is not None
        with self.store.session() as session:
            unit_id = settings.get(session, settings.UNIT_ID)
            unit = session.get(Unit, int(unit_id)) if unit_id else None
            return unit.name if unit is not None else ""

    # ---- demo profile ---------------------------------------------------------------------------------

    def open_demo(self) -> None:
        """Switch to the demo profile, creating and seeding it the first time."""
        from desktop.services import demo
        from desktop.services.accounts import needs_setup

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
        from PySide6.QtWidgets import QProgressDialog

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
    started = False
    try:
        started = startup.start()
    except Exception as exc:  # a bug: the crash dialog names the log (when it could be opened)
        errors.show_error(exc)
        startup.exit_code = 1
    if not started:
        startup.first_screen_up()  # the error message is all there is
    try:
        code = app.exec()
    finally:
        startup.close_store()
        del translators, title_guard
    return startup.exit_code or int(code)

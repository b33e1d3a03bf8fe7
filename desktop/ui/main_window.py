"""The main window: menus, a tabbed central area whose first tab is the dossier list, and the status bar.

Seams for the feature views (keep this file small; put each view in its own module):
- `open_page(widget, title)` shows a view in a new closable tab (or switches to it if already open);
  `close_page(widget)` closes it. The dossier list tab is permanent.
- `action_new_dossier` (Ctrl+N, menu "Dossier") and `action_sync_now` (F9, menu "Sync") are enabled by
  the intake view and by `desktop.ui.sync` (once this workstation is enrolled); `action_sync_screen` (F8,
  menu "Sync") by `desktop.ui.sync` with the store.
- `menu_file`, `menu_dossier`, `menu_sync`, `menu_help`: add further actions there.
- `dossier_list.dossier_activated(dossier_id)`: the officer opened a dossier from the list.
- `worklists` (`desktop.ui.worklists`): the side list of worklists with their counts, Ctrl+1…8.
- `refresh()` re-reads the list and the pending count after a change; `sync_status` is driven by
  `self.sync.controller` (`desktop.ui.sync`), which also pushes a change recorded while online.

Signing in at once (the password given as the application starts), the window may show before the store
has opened: made with `store=None` and the profile, its list reads the database file as it is
(`desktop.store.peek.read_only`; the schema checked current by the peek), and the features above are
installed by `attach_store()` once the store is open. Nothing here imports SQLAlchemy until then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from desktop import __version__
from desktop.ui.dossier_list import DossierListPage
from desktop.ui.form_helpers import fit_to_screen
from desktop.ui.shortcuts import HELP_KEY, show_help_sheet
from desktop.ui.sync_status import SyncStatusWidget, separator

if TYPE_CHECKING:
    from desktop.services.credentials import SignedIn
    from desktop.store.engine import Store
    from desktop.store.profile import Profile
    from desktop.ui.sync import SyncUi


class MainWindow(QMainWindow):
    """The counter's main window for one signed-in officer."""

    sign_out_requested = Signal()

    def __init__(
        self,
        store: Store | None,
        officer: SignedIn,
        workstation: str = "",
        parent: QWidget | None = None,
        *,
        profile: Profile | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._store = store
        self.officer = officer
        self.sync: SyncUi | None = None  # with the store
        self.switching = False  # signing out for another officer (the sign-in screen comes up empty)
        self.setWindowTitle(officer.unit_name)  # Qt appends " — Một Cửa" (the application display name)
        fit_to_screen(self, 1180, 720, margin=0)

        self.dossier_list = DossierListPage(store, self, profile=profile)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("pages")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setTabBarAutoHide(True)  # the tab bar appears once a second page is open
        self.tabs.tabCloseRequested.connect(lambda i: self.close_page(self.tabs.widget(i)))
        self.tabs.addTab(self.dossier_list, self.tr("Dossiers"))
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.setCentralWidget(self.tabs)

        self._build_menus()
        self._build_status_bar(workstation)
        self.dossier_list.model.loaded.connect(self._show_count)
        if store is None:
            self.dossier_list.reload()
        else:
            self.attach_store(store)

    def attach_store(self, store: Store) -> None:
        """Install the features that work on the store (once it is open, when the window showed first)."""
        from desktop.ui.dashboard import install_dashboard
        from desktop.ui.dossier import install_dossier_view
        from desktop.ui.intake import install_intake
        from desktop.ui.report_menu import install_reports
        from desktop.ui.sync import install_sync
        from desktop.ui.unit_menu import install_admin_entries
        from desktop.ui.worklists import install_worklists

        first = self._store is None
        self._store = store
        self.dossier_list.model.set_store(store)
        self.sync = install_sync(self)  # connect, F9, status bar, close prompt (issue 7)
        if first:
            self.refresh_pending()  # the list is shown already
        else:
            self.refresh()
        install_intake(self)  # Ctrl+N: the intake view (issue 4)
        install_dossier_view(self)  # Enter in the list: the dossier view; register (form 07)
        install_admin_entries(self)  # File → Unit information…, the catalogue's entries (administrators)
        self.worklists = install_worklists(self)  # the side list of worklists, Ctrl+1…8 (issue 16)
        from desktop.ui.officer_menu import install_officer_menu
        from desktop.ui.screen_lock import install_screen_lock

        install_officer_menu(self)  # File → Officers… (administrators), Switch officer…; read-only limits
        self.screen_lock = install_screen_lock(self)  # idle lock, File → Lock screen (issue 18)
        self.dashboard = install_dashboard(self)  # Reports → Dashboard, F7 (issue 17)
        install_reports(self)  # Reports → Make a report… (issue 17)
        from desktop.ui.backup_dialog import install_backup

        # File → Back up…, the reminder, the daily snapshot (administrators, issue 18)
        self.backup_reminder = install_backup(self)

    @property
    def store(self) -> Store:
        """The open store (the features are installed with it, `attach_store`)."""
        assert self._store is not None, "the store is not open yet"
        return self._store

    @property
    def has_store(self) -> bool:
        return self._store is not None

    # ---- seams ---------------------------------------------------------------------------------------

    def open_page(self, widget: QWidget, title: str) -> None:
        """Show `widget` in its own closable tab (switch to it when it is already open)."""
        index = self.tabs.indexOf(widget)
        if index < 0:
            index = self.tabs.addTab(widget, title)
        self.tabs.setCurrentIndex(index)

    def close_page(self, widget: QWidget | None) -> None:
        """Close a page opened with `open_page` (the dossier list stays)."""
        if widget is None or widget is self.dossier_list:
            return
        index = self.tabs.indexOf(widget)
        if index >= 0:
            self.tabs.removeTab(index)
            widget.deleteLater()

    def refresh(self) -> None:
        """Re-read the dossier list and the number of changes waiting to be sent."""
        self.dossier_list.reload()
        self.refresh_pending()

    def refresh_pending(self) -> None:
        """Re-read the pending count and the last sync; a change recorded while online is pushed soon."""
        if self.sync is not None:
            self.sync.controller.refresh()

    def sign_out(self, *, switching: bool = False) -> None:
        """Keep the open intake as this officer's draft (offered back at their next sign-in), record the
        sign-out, then ask for the sign-in screen (`switching`: for another officer, no name filled in)."""
        intake = self.findChild(QWidget, "intakeView")
        if intake is not None:
            intake.autosave_now()  # type: ignore[attr-defined]
        if self._store is not None:
            from desktop.services.audit import SIGN_OUT, record_apart
            from desktop.ui import tasks

            store, officer_id = self._store, self.officer.officer_id
            tasks.run_write(lambda: record_apart(store, SIGN_OUT, officer_id, officer_id))
        self.switching = switching
        self.sign_out_requested.emit()

    def switch_officer(self) -> None:
        self.sign_out(switching=True)

    # ---- construction -------------------------------------------------------------------------------

    def _action(self, text: str, shortcut: QKeySequence | str | None = None, name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setObjectName(name)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu(self.tr("&File"))
        self.action_sign_out = self._action(self.tr("Sign &out"), "Ctrl+Shift+L", "signOut")
        self.action_sign_out.triggered.connect(self.sign_out)
        self.action_quit = self._action(self.tr("&Quit"), "Ctrl+Q", "quit")
        self.action_quit.triggered.connect(self.close)
        self.menu_file.addAction(self.action_sign_out)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.action_quit)

        self.menu_dossier = bar.addMenu(self.tr("&Dossier"))
        self.action_new_dossier = self._action(self.tr("&New dossier…"), "Ctrl+N", "newDossier")
        self.action_new_dossier.setEnabled(False)  # enabled by the intake view
        self.action_search = self._action(self.tr("&Search"), "Ctrl+F", "search")
        self.action_search.triggered.connect(self._show_search)
        self.action_refresh = self._action(self.tr("&Refresh list"), "F5", "refresh")
        self.action_refresh.triggered.connect(self.refresh)
        for action in (self.action_new_dossier, self.action_search, self.action_refresh):
            self.menu_dossier.addAction(action)
        self.menu_dossier.addMenu(self.dossier_list.sort_menu)

        self.menu_sync = bar.addMenu(self.tr("S&ync"))
        self.action_sync_now = self._action(self.tr("Sync &now"), "F9", "syncNow")
        self.action_sync_now.setEnabled(False)  # enabled by desktop.ui.sync once enrolled
        self.menu_sync.addAction(self.action_sync_now)
        self.action_sync_screen = self._action(self.tr("Sync &screen…"), "F8", "syncScreen")
        self.action_sync_screen.setEnabled(False)  # opened by desktop.ui.sync once the store is open
        self.menu_sync.addAction(self.action_sync_screen)

        self.menu_help = bar.addMenu(self.tr("&Help"))
        self.action_keys = self._action(self.tr("&Keyboard shortcuts"), HELP_KEY, "keyboardShortcuts")
        self.action_keys.triggered.connect(lambda: show_help_sheet(self.current_keyboard_window()))
        self.menu_help.addAction(self.action_keys)
        self.action_about = self._action(self.tr("&About Một Cửa"), None, "about")
        self.action_about.triggered.connect(self.show_about)
        self.menu_help.addAction(self.action_about)

    def current_keyboard_window(self) -> QWidget:
        """The window F1 describes: the dialog in front, else this window."""
        active = QApplication.activeWindow()
        return active if active is not None and active.isVisible() else self

    def _build_status_bar(self, workstation: str) -> None:
        status = self.statusBar()
        self.officer_label = QLabel(self)
        self.officer_label.setObjectName("officerLabel")
        self.show_workstation(workstation)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.sync_status = SyncStatusWidget(self)
        status.addWidget(self.officer_label)
        status.addWidget(separator(self))
        status.addWidget(self.count_label)
        status.addPermanentWidget(self.sync_status)

    def show_workstation(self, workstation: str) -> None:
        """The officer and this workstation's number in the status bar (again after it changed)."""
        who = self.tr("Officer: {name} ({username})").format(
            name=self.officer.full_name, username=self.officer.username
        )
        if workstation:
            who += " · " + self.tr("workstation {n}").format(n=workstation)
        self.officer_label.setText(who)

    def _show_count(self, count: int) -> None:
        if self.dossier_list.model.search:
            self.count_label.setText(self.tr("{n} dossier(s) found").format(n=f"{count:,}".replace(",", ".")))
        else:
            self.count_label.setText(self.tr("{n} dossier(s)").format(n=f"{count:,}".replace(",", ".")))

    def _show_search(self) -> None:
        self.tabs.setCurrentWidget(self.dossier_list)
        self.dossier_list.focus_search()

    def show_about(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("aboutDialog")
        box.setWindowTitle(self.tr("About Một Cửa"))
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.setText(self.tr("<b>Một Cửa Desktop</b> version {version}").format(version=__version__))
        box.setInformativeText(
            self.tr(
                "Receiving dossiers at the one-stop counter of {unit}, offline first, "
                "synchronised with the provincial system."
            ).format(unit=self.officer.unit_name)
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.open()
        return box

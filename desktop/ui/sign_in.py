"""One sign-in attempt, whether or not the store is open yet (the sign-in screen shows before it is).

With the store open, `accounts.sign_in` checks the password on the writer thread. Before that, the
password is checked against the profile's database read-only (`credentials.check_credentials`, on the
pool), so Argon2, which releases the GIL, runs beside the ORM's import; once the store is handed over with
`set_store()`, `accounts.finish_sign_in` records the sign-in. Either way the result comes as
`succeeded(SignedIn)` or `failed(exception)`, on the GUI thread. `store_ready` is emitted once the store
is there while the attempt is still running: the moment to load the main window's modules. A password
accepted while the store is still closed is also announced at once, as `accepted(SignedIn)` (the main
window may show from the database read as it is, `desktop.ui.app`); `succeeded` follows once the store
has opened and recorded the sign-in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.ui import tasks

if TYPE_CHECKING:
    from desktop.services.accounts import SignedIn
    from desktop.store.engine import Store
    from desktop.store.profile import Profile


class SignInAttempt(QObject):
    succeeded = Signal(object)  # SignedIn
    accepted = Signal(object)  # SignedIn: the password is right, the store not open yet
    failed = Signal(object)  # BaseException
    store_ready = Signal()

    def __init__(
        self,
        username: str,
        password: str,
        store: Store | None,
        profile: Profile | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._username, self._password = username, password
        self._store, self._profile = store, profile
        self._officer: SignedIn | None = None  # accepted before the store was open
        self._running = False

    def start(self) -> None:
        self._running = True
        if self._store is not None:
            self._check(self._store)
        elif self._profile is not None:
            from desktop.services.credentials import check_credentials

            profile, username, password = self._profile, self._username, self._password
            tasks.run_query(
                lambda: check_credentials(profile, username, password), self._accepted, self._fail, owner=self
            )
        # else: nothing to check against until set_store()

    def set_store(self, store: Store) -> None:
        """The store is open: go on with the attempt, if one is under way."""
        if self._store is not None:
            return
        self._store = store
        if not self._running:
            return
        if self._profile is None:
            self._check(store)
            return
        if self._officer is not None:
            self._finish(store, self._officer.officer_id)
        self.store_ready.emit()

    def _check(self, store: Store) -> None:
        from desktop.services.accounts import sign_in

        username, password = self._username, self._password
        tasks.run_write(lambda: sign_in(store, username, password), self._succeed, self._fail, owner=self)
        self.store_ready.emit()  # Argon2 now runs on the writer

    def _accepted(self, officer: SignedIn) -> None:
        self._officer = officer
        if self._store is not None:
            self._finish(self._store, officer.officer_id)
        else:
            self.accepted.emit(officer)

    def _finish(self, store: Store, officer_id: int) -> None:
        from desktop.services.accounts import finish_sign_in

        password = self._password
        tasks.run_write(
            lambda: finish_sign_in(store, officer_id, password), self._succeed, self._fail, owner=self
        )

    def _succeed(self, officer: SignedIn) -> None:
        self._running = False
        self.succeeded.emit(officer)

    def _fail(self, exc: BaseException) -> None:
        self._running = False
        self.failed.emit(exc)

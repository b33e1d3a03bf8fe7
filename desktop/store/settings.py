"""Profile settings as typed accessors over the key/value `settings` table.

The key names import without SQLAlchemy (`desktop.store.peek` reads them before the ORM is loaded).
`read_value`/`write_value` are the one implementation of the store's key/value tables: `settings` here,
`sync_state` in `sync.client.config`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desktop.store.models import Setting, SyncState

WORKSTATION = "workstation_number"
UNIT_ID = "unit_id"
SERVER_URL = "server_url"
CA_BUNDLE = "ca_bundle"
PROXY_URL = "proxy_url"
SETUP_DONE = "setup_done"
END_OF_DAY = "end_of_day_sync"
UPLOAD_RATE = "upload_rate_kbit"  # the sync's upload cap in kbit/s; "" or 0 = no cap (sync.client.http)
REGISTER_BOOK = "register_book"  # the tracking register's current "Quyển số", copied onto new dossiers
AUTO_LOCK_MINUTES = "auto_lock_minutes"  # idle minutes before the window locks (desktop.services.officers)
LAST_VERIFIED_BACKUP = (
    "last_verified_backup"  # ISO time of the newest backup verified (desktop.services.backup)
)
SNAPSHOTS_KEPT = "snapshots_kept"  # how many daily automatic snapshots are kept (default 7)
CALENDAR_SCHEDULE = "calendar_schedule"  # JSON: the imported schedule (desktop.store.calendar_repo)
# JSON list of procedure codes the unit administrator hid from the intake picker on this workstation
# (kept by code across catalogue versions; desktop.services.procedure_visibility)
HIDDEN_PROCEDURES = "hidden_procedures"
# "1" on a demo profile (synthetic dossiers, `desktop.services.demo`): it never enrols with or syncs to a
# real provincial server, only a training one, and its records travel marked as demo (`MoRong.demo`)
DEMO_PROFILE = "demo_profile"
# SHA-256 of the shipped catalogue file last seen (desktop.store.catalogue.refresh_shipped): a new release's
# catalogue is loaded once, at the first sign-in after the update
SHIPPED_CATALOGUE = "shipped_catalogue_sha256"

_Row = TypeVar("_Row", "Setting", "SyncState")  # the key/value tables (models.KeyValue)


def read_value(session: Session, table: type[_Row], key: str, default: str = "") -> str:
    """The value of `key` in a key/value table, or `default`."""
    row = session.get(table, key)
    return row.value if row is not None else default


def write_value(session: Session, table: type[_Row], key: str, value: str) -> None:
    """Set `key` in a key/value table (added or replaced; the caller commits)."""
    row = session.get(table, key)
    if row is None:
        session.add(table(key=key, value=value))
    else:
        row.value = value


def get(session: Session, key: str, default: str = "") -> str:
    from desktop.store.models import Setting

    return read_value(session, Setting, key, default)


def put(session: Session, key: str, value: str) -> None:
    from desktop.store.models import Setting

    write_value(session, Setting, key, value)


def is_demo(session: Session) -> bool:
    return get(session, DEMO_PROFILE) == "1"


def mark_demo(session: Session) -> None:
    """Mark the profile as holding demo data; never undone (real and demo data must not mix)."""
    put(session, DEMO_PROFILE, "1")

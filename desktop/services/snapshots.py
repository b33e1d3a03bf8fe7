"""The daily automatic snapshots (sealed backups in the profile's `snapshots/` folder, the last N kept) and
the reminder when the last verified backup is older than 7 days.

A snapshot is taken at the administrator's first window of the day (`desktop.ui.backup_dialog`), not at
sign-out: a counter PC is often switched off at the wall, and a snapshot then would delay closing or never
finish; at the start it runs in the background while the officer works and holds the whole previous day.
"""

from __future__ import annotations

from datetime import date, datetime

from desktop.core.timeutil import now_local, today_local
from desktop.services import backup, store_key
from desktop.store import settings
from desktop.store.engine import Store

REMIND_AFTER_DAYS = 7
DEFAULT_SNAPSHOTS = 7
SNAPSHOTS_DIR = "snapshots"


def days_since_verified_backup(store: Store, today: date | None = None) -> int | None:
    """Days since the last verified backup when it is older than REMIND_AFTER_DAYS (or there is none:
    -1); None when it is recent enough."""
    with store.session() as session:
        value = settings.get(session, settings.LAST_VERIFIED_BACKUP)
    today = today or today_local()
    try:
        days = (today - datetime.fromisoformat(value).date()).days
    except ValueError:
        return -1
    return days if days > REMIND_AFTER_DAYS else None


def snapshots_kept(store: Store) -> int:
    with store.session() as session:
        value = settings.get(session, settings.SNAPSHOTS_KEPT, str(DEFAULT_SNAPSHOTS))
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_SNAPSHOTS


def daily_snapshot(
    store: Store, key: store_key.StoreKey, now: datetime | None = None, *, record: bool = True
) -> backup.BackupInfo | None:
    """Today's automatic snapshot in the profile's `snapshots/` folder, unless there is one already; the
    oldest beyond the setting's number (default 7) are removed, only once the new one is verified."""
    now = now or now_local()
    folder = store.profile.root / SNAPSHOTS_DIR
    folder.mkdir(exist_ok=True)
    if any(folder.glob(f"*-{now:%Y%m%d}-*{backup.SUFFIX}")):
        return None
    made = backup.create_backup(store, folder, key, now=now, record=False)
    backup.verify_backup(made.path, against=store, record=False)
    if record:
        backup.mark_verified(store, made)
    for old in sorted(folder.glob(f"*{backup.SUFFIX}"))[: -snapshots_kept(store)]:
        old.unlink(missing_ok=True)
    return made

"""A read-only look at a profile's database with the standard library's sqlite3, before SQLAlchemy loads.

The sign-in screen shows before the store is open (the ORM takes longer to import than Qt takes to show a
window): this peek tells whether the profile is set up, the commune's name for the screen's title, whether
it is a demo profile, this workstation's number, the username last signed in here (the screen offers it)
and whether its schema is the one this version writes;
`officer_password` reads an officer's hash for a password submitted before the store is open, and
`officer_record` what the main window shows of them (it may show before the store is open too).
It never writes the database (`mode=ro`). A file that is not a database, damaged, or locked by another
program raises `StorageError` with the store's own message; anything it cannot make sense of (a schema it
does not know, a profile not set up yet) leaves the decision to opening the store (`ready=False`), whose
checks report a database that is newer or not ours.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from desktop.store import cipher, settings
from desktop.store.faults import classify
from desktop.store.profile import SCHEMA_VERSION, Profile, check_database_file

TIMEOUT_S = 5.0  # how long a read waits for another program's exclusive lock


@dataclass(frozen=True)
class ProfileState:
    """`ready`: set up, so the sign-in screen may show while the store opens; else open the store first.
    `current`: its schema is this version's, so it may be read as it is before the store has opened (and
    checked it); `demo`: marked as a demo profile (`settings.DEMO_PROFILE`)."""

    ready: bool
    unit_name: str = ""
    demo: bool = False
    workstation: str = ""
    current: bool = False
    last_username: str = ""  # the active officer who signed in last on this workstation (profile)


@contextmanager
def read_only(db: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection; SQLite's environment errors (locked, damaged) become StorageError."""
    try:
        conn = cipher.connect(db, "mode=ro", timeout=TIMEOUT_S)
        try:
            yield conn
        finally:
            conn.close()
    except cipher.DATABASE_ERRORS as exc:
        fault = classify(exc, db)
        if fault is None:
            raise
        raise fault from exc


def _state(conn: sqlite3.Connection) -> ProfileState:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version == 0:
        return ProfileState(ready=False)  # new, or not ours: the migrations tell which
    keys = (settings.SETUP_DONE, settings.UNIT_ID, settings.WORKSTATION, settings.DEMO_PROFILE)
    found = dict(conn.execute("SELECT key, value FROM settings WHERE key IN (?, ?, ?, ?)", keys).fetchall())
    if found.get(settings.SETUP_DONE) != "1":
        return ProfileState(ready=False)
    row = conn.execute("SELECT name FROM units WHERE id = ?", (found.get(settings.UNIT_ID, ""),)).fetchone()
    last = conn.execute(
        "SELECT username FROM officers WHERE active = 1 AND last_login_at IS NOT NULL "
        "ORDER BY last_login_at DESC LIMIT 1"
    ).fetchone()
    return ProfileState(
        ready=True,
        unit_name=str(row[0]) if row else "",
        demo=found.get(settings.DEMO_PROFILE) == "1",
        workstation=found.get(settings.WORKSTATION, ""),
        current=version == SCHEMA_VERSION,
        last_username=str(last[0]) if last else "",
    )


def peek(profile: Profile) -> ProfileState:
    """Whether the profile is set up (and its commune), read without writing; StorageError if unusable."""
    db = profile.db_path
    check_database_file(db)
    if not db.is_file() or db.stat().st_size == 0:
        return ProfileState(ready=False)
    try:
        with read_only(db) as conn:
            return _state(conn)
    except cipher.DATABASE_ERRORS:  # e.g. a newer schema without these tables: opening the store explains
        return ProfileState(ready=False)


def officer_password(profile: Profile, username: str) -> tuple[int, str] | None:
    """The id and password hash of the active officer `username` (any case), read-only; None if none.

    The same match as `accounts.sign_in` makes through the ORM (SQLite's lower() on the column).
    """
    with read_only(profile.db_path) as conn:
        row = conn.execute(
            "SELECT id, password_hash FROM officers WHERE lower(username) = ? AND active = 1 LIMIT 1",
            (username.lower(),),
        ).fetchone()
    return (int(row[0]), str(row[1])) if row else None


def officer_record(profile: Profile, officer_id: int) -> tuple[int, str, str, str, int, str, str] | None:
    """Officer `officer_id` and their unit as `SignedIn` holds them (id, username, full name, role, unit
    id, unit code, unit name), read-only; None if there is no such officer."""
    with read_only(profile.db_path) as conn:
        row = conn.execute(
            "SELECT o.id, o.username, o.full_name, o.role, u.id, u.code, u.name "
            "FROM officers AS o JOIN units AS u ON u.id = o.unit_id WHERE o.id = ?",
            (officer_id,),
        ).fetchone()
    if row is None:
        return None
    return (int(row[0]), str(row[1]), str(row[2]), str(row[3]), int(row[4]), str(row[5]), str(row[6]))

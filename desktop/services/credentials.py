"""Officers' passwords (Argon2 hashes), and checking one before the store is open.

Nothing here imports SQLAlchemy: the sign-in screen shows while the ORM is still loading, and a password
submitted meanwhile is checked against the profile's database read-only (`desktop.store.peek`), so that
Argon2 (which releases the GIL) runs beside the ORM's import instead of after it. `accounts.sign_in`
is the same check through the store.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from argon2.exceptions import InvalidHashError, VerificationError

from desktop.core.errors import ValidationError
from desktop.core.text import clean
from desktop.store.peek import officer_password, officer_record
from desktop.store.profile import Profile
from sync.common.passwords import hasher

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SignedIn:
    """The officer at the counter, as plain data (no live ORM object)."""

    officer_id: int
    username: str
    full_name: str
    role: str
    unit_id: int
    unit_code: str
    unit_name: str


WRONG = "Sai tên đăng nhập hoặc mật khẩu."  # the same for an unknown user and a wrong password


def wrong_password() -> ValidationError:
    return ValidationError(WRONG, "password")


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches; None (no such officer) costs the same time and is False."""
    if password_hash is None:
        hasher().hash(password)  # same cost either way
        return False
    try:
        return bool(hasher().verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """The hash was made with weaker parameters than today's: store a new one at sign-in."""
    return bool(hasher().check_needs_rehash(password_hash))


def check_credentials(profile: Profile, username: str, password: str) -> SignedIn:
    """The active officer `username` if `password` is theirs, read without the store; ValidationError
    otherwise (`accounts.finish_sign_in` then records the sign-in through the store)."""
    officer_id = accepted(officer_password(profile, clean(username)), password)
    record = officer_record(profile, officer_id)
    if record is None:  # deleted since its password was read
        raise wrong_password()
    return SignedIn(*record)


def officer_named(profile: Profile, username: str) -> SignedIn | None:
    """The active officer `username` as the main window shows them, password unchecked (the window is
    built, hidden, while Argon2 checks it); None if there is none."""
    found = officer_password(profile, clean(username))
    record = officer_record(profile, found[0]) if found is not None else None
    return SignedIn(*record) if record is not None else None


def accepted(found: tuple[int, str | None] | None, password: str) -> int:
    """The officer id of `found` (its id and password hash; None: no such active officer) when `password` is
    theirs; ValidationError otherwise, after the same Argon2 cost either way."""
    if found is None:
        verify_password(None, password)  # same cost either way
        log.warning("sign-in refused: unknown username")  # never what was typed: it may be a password
        raise wrong_password()
    officer_id, password_hash = found
    if not verify_password(password_hash, password):
        log.warning("sign-in refused: wrong password for officer %s", officer_id)
        raise wrong_password()
    return officer_id

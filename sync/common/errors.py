"""The Qt-free exception hierarchy.

The UI maps these to translated dialogs in one place (`desktop/ui/errors.py`); the command line prints
`str(exc)` and exits with code 2 for user errors. Messages passed to these exceptions are Vietnamese,
because they reach the officer unchanged from the command line as well.
"""

from __future__ import annotations

from enum import Enum


class AppError(Exception):
    """Root of every error the application expects and explains to the user."""


class ValidationError(AppError):
    """Input that breaks a rule: a malformed date, an invalid ID number, a negative amount."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(AppError):
    """A dossier code, procedure or officer that does not exist."""


class StorageError(AppError):
    """The environment around the local store: disk full, read-only, locked, corrupt, too new."""

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class SyncErrorKind(Enum):
    NETWORK = "network"
    AUTH = "auth"
    CONFLICT = "conflict"
    SERVER = "server"
    REJECTED = "rejected"


class SyncError(AppError):
    """A failed exchange with the provincial server."""

    def __init__(self, message: str, kind: SyncErrorKind, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.retry_after = retry_after


class Interrupted(AppError):
    """The user cancelled a long operation; never shown as an error."""

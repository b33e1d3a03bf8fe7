"""`sync.common.errors` (the Qt-free exception hierarchy), shared with the reference server, under its old name,
plus the storage faults of the counter's own store (`desktop.store.faults` names them and writes their
messages)."""

from sync.common.errors import (
    AppError,
    Interrupted,
    NotFoundError,
    StorageError,
    SyncError,
    SyncErrorKind,
    ValidationError,
)


class DamagedStoreError(StorageError):
    """The database file is damaged: it is opened read-only at most and never written."""


class DiskFullError(StorageError):
    """The drive holding the profile is full: nothing was written, nothing already saved is lost."""


class NotWritableError(StorageError):
    """Read-only media, or no permission to write the profile's folder or database."""


class StoreLockedError(StorageError):
    """Another program held the database's lock for longer than the busy timeout."""


class LostStoreError(StorageError):
    """An empty or zero-byte database where a profile existed: refused, never re-created."""


__all__ = [
    "AppError",
    "DamagedStoreError",
    "DiskFullError",
    "Interrupted",
    "LostStoreError",
    "NotFoundError",
    "NotWritableError",
    "StorageError",
    "StoreLockedError",
    "SyncError",
    "SyncErrorKind",
    "ValidationError",
]

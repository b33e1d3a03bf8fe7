"""`sync.common.errors` (the Qt-free exception hierarchy), shared with the reference server, under its old name."""

from sync.common.errors import (
    AppError,
    Interrupted,
    NotFoundError,
    StorageError,
    SyncError,
    SyncErrorKind,
    ValidationError,
)

__all__ = [
    "AppError",
    "Interrupted",
    "NotFoundError",
    "StorageError",
    "SyncError",
    "SyncErrorKind",
    "ValidationError",
]

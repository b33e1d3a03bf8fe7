"""Moved to `desktop.core.sealed` (the blob store and the sync client, below the services, seal with it too).

Kept so that code written against the old place still imports; new code imports `desktop.core.sealed`.
"""

from __future__ import annotations

from desktop.core.sealed import (
    ALTERED,
    CHUNK,
    MAGIC,
    NOT_SEALED,
    TRUNCATED,
    WRONG_KEY,
    Header,
    SealedError,
    SealedReader,
    SealedWriter,
    StoreKey,
    file_key_for,
    read_header,
)

__all__ = [
    "ALTERED",
    "CHUNK",
    "MAGIC",
    "NOT_SEALED",
    "TRUNCATED",
    "WRONG_KEY",
    "Header",
    "SealedError",
    "SealedReader",
    "SealedWriter",
    "StoreKey",
    "file_key_for",
    "read_header",
]

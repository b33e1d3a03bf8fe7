"""`sync.common.text` (NFC, cleaning, search folding), shared with the reference server, under its old name."""

from sync.common.text import (
    clean,
    fold,
    nfc,
)

__all__ = [
    "clean",
    "fold",
    "nfc",
]

"""Text normalisation shared by storage, search, printing and the wire.

Every string a person types or a scanner sends is NFC-normalised before it is stored, printed or sent
(reportlab does no shaping, so NFD text prints with loose accents). Search folds Vietnamese to plain
lowercase ASCII-ish letters: SQLite's FTS5 `remove_diacritics` does not fold đ/Đ, so we fold ourselves
into a dedicated column and fold queries the same way.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """NFC-normalise `text`."""
    return unicodedata.normalize("NFC", text)


def clean(text: str, max_length: int | None = None) -> str:
    """NFC, without control characters, runs of white space collapsed, trimmed, optionally truncated."""
    text = _SPACES.sub(" ", _CONTROL.sub("", nfc(text))).strip()
    if max_length is not None:
        text = text[:max_length]
    return text


def fold(text: str) -> str:
    """Fold Vietnamese text for diacritics-insensitive search: đ->d, marks dropped, lowercase."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()

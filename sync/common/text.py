"""Text normalisation shared by storage, search, printing and the wire.

Every string a person types or a scanner sends is NFC-normalised before it is stored, printed or sent
(reportlab does no shaping, so NFD text prints with loose accents). Search folds Vietnamese to plain
lowercase ASCII-ish letters: SQLite's FTS5 `remove_diacritics` does not fold đ/Đ, so we fold ourselves
into a dedicated column and fold queries the same way.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # C0 and C1 control characters, tabs and newlines too
# invisible characters that would split a name for search or reverse the text on screen: soft hyphen,
# zero-width space/joiners, word joiner, byte order mark, and the bidirectional marks, embeddings,
# overrides and isolates
_INVISIBLE = re.compile(r"[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """NFC-normalise `text`."""
    return unicodedata.normalize("NFC", text)


def clean(text: str, max_length: int | None = None) -> str:
    """NFC; control characters become a space ("NGUYỄN\\x01VĂN" -> "NGUYỄN VĂN"), zero-width and bidi
    characters are removed; runs of white space collapsed, trimmed, optionally truncated."""
    text = nfc(_CONTROL.sub(" ", _INVISIBLE.sub("", text)))  # removed first, so "e\u200b\u0302" composes
    text = _SPACES.sub(" ", text).strip()
    if max_length is not None:
        text = text[:max_length]
    return text


def fold(text: str) -> str:
    """Fold Vietnamese text for diacritics-insensitive search: đ->d, marks dropped, lowercase."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()


def kilobytes(count: int) -> str:
    """A byte count for the officer: "0 KB", "37 KB", "1.234 KB" (Vietnamese thousands separator)."""
    return f"{(count + 1023) // 1024:,} KB".replace(",", ".")

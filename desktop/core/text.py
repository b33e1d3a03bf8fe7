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


# Vietnamese alphabetical order (the Latin letters Vietnamese does not use, f j w z, in their Latin places)
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
# tones in dictionary order: none, huyền, hỏi, ngã, sắc, nặng
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_TONES = "".join(_TONE_RANK)


def collation_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """A sort key in Vietnamese dictionary order, without ICU: ă, â, đ, ê, ô, ơ, ư are letters of their
    own (after a, a, d, e, o, o, u), case is ignored, and words differing only by tone go ngang, huyền,
    hỏi, ngã, sắc, nặng ("ma, mà, mả, mã, má, mạ"). Word by word: "Hà Tĩnh" before "Hải Phòng".
    Other characters (spaces, digits, punctuation) go before the letters, in code point order."""
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFD", nfc(text).lower()):
        if char in _TONE_RANK:
            if tones:
                tones[-1] = _TONE_RANK[char]
            continue
        if unicodedata.combining(char) and letters:  # breve, circumflex, horn: a letter of its own
            base = _ALPHABET[letters[-1]] if letters[-1] < len(_ALPHABET) else ""
            composed = unicodedata.normalize("NFC", base + char)
            if composed in _LETTER_RANK:
                letters[-1] = _LETTER_RANK[composed]
            continue
        rank = _LETTER_RANK.get(char)
        letters.append(rank if rank is not None else -0x110000 + ord(char))
        tones.append(0)
    return tuple(letters), tuple(tones), nfc(text)

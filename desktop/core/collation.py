"""Vietnamese alphabetical order as a plain string key, so SQLite can sort and index it byte by byte.

The Vietnamese alphabet orders letters with a modifier after their base letter (a < ă < â < b, d < đ,
e < ê, o < ô < ơ, u < ư) and compares tones only when the letters are equal, in the dictionary order
ngang, huyền, hỏi, ngã, sắc, nặng ("ma" < "mà" < "mả" < "mã" < "má" < "mạ"). Case is ignored.

`sort_key(text)` encodes each letter as its base letter plus a modifier digit, then, after a separator
that sorts before everything, the tone digits. Comparing two keys as byte strings (SQLite's BINARY
collation) therefore gives the Vietnamese order, and an index on a key column serves `ORDER BY` directly.
No ICU is needed: the rules above are all Vietnamese adds to the Latin order.
"""

from __future__ import annotations

import unicodedata

_MODIFIERS = {"\u0306": "1", "\u0302": "2", "\u031b": "3"}  # breve (ă), circumflex (â ê ô), horn (ơ ư)
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}  # huyền … nặng
_SEPARATOR = "\x01"  # below every encoded character: "an" sorts before "anh" whatever their tones


def sort_key(text: str, max_letters: int = 60) -> str:
    """The Vietnamese collation key of `text`, counting at most `max_letters` letters (for index size)."""
    letters: list[str] = []
    tones: list[str] = []
    for char in unicodedata.normalize("NFD", " ".join(text.lower().split())):
        if char in _MODIFIERS and letters:
            letters[-1] = letters[-1][0] + _MODIFIERS[char]
        elif char in _TONES:
            if tones:
                tones[-1] = _TONES[char]
        elif unicodedata.category(char) == "Mn":
            continue  # any other mark: ignored
        else:
            if len(letters) == max_letters:
                break
            letters.append(("d1" if char == "đ" else char + "0") if char != " " else " ")
            tones.append("0")
    return "".join(letters) + _SEPARATOR + "".join(tones)

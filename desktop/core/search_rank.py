"""How well a typed query matches a name, for type-ahead lists that must show the obvious first (issue 21).

Text is compared folded (`fold`: no diacritics, đ = d, lower case) and cut into words (punctuation dropped).
A name matches when every typed word occurs in it; the last typed word may be unfinished, so it counts as a
whole word when it begins one. The tiers, best first:

0. the code or the whole name is what was typed;
1. the typed words end the name ("khai tu" -> "Đăng ký khai tử"): nothing is left over after them;
2. the typed words appear together, as whole words ("khai tu" in "Đăng ký khai tử lưu động");
3. every typed word is a whole word of the name, in any order;
4. the typed words merely occur inside longer words.

Within a tier, callers order by use, then by how many words the name has beyond those typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.text import fold

_WORD = re.compile(r"\w+")


def words(text: str) -> tuple[str, ...]:
    return split(fold(text))


def split(folded: str) -> tuple[str, ...]:
    """The words of a text already folded."""
    return tuple(_WORD.findall(folded))


@dataclass(frozen=True)
class Query:
    text: str  # folded, single-spaced
    words: tuple[str, ...]

    @classmethod
    def of(cls, typed: str) -> Query:
        return cls(" ".join(fold(typed).split()), words(typed))


def _same(typed: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """`name` is `typed`, word for word, the last typed word possibly unfinished."""
    return (
        len(typed) == len(name) and typed[:-1] == name[:-1] and bool(typed) and name[-1].startswith(typed[-1])
    )


def tier(query: Query, code: str, name_words: tuple[str, ...], folded: str) -> int | None:
    """The match tier of a name (see the module), None when it does not match at all."""
    typed = query.words
    if not query.text:
        return 4
    if not typed or not all(word in folded for word in typed):  # most names stop here: keep it first
        return None
    code = code.lower()
    if query.text == code or typed == name_words:
        return 0
    if code.startswith(query.text):
        return 1
    n = len(typed)
    if n <= len(name_words) and _same(typed, name_words[-n:]):
        return 1
    if any(_same(typed, name_words[i : i + n]) for i in range(len(name_words) - n + 1)):
        return 2
    if all(word in name_words for word in typed[:-1]) and any(w.startswith(typed[-1]) for w in name_words):
        return 3
    return 4

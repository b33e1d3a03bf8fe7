"""The short names officers type for a procedure: its initials ("Đăng ký khai sinh" -> "dkks"), also without
a leading verb the whole catalogue shares ("ks", without "đăng ký"; "bstlht", without "cấp"), besides the
short names the catalogue itself gives (`Procedure.details["short_names"]`, e.g. "ks").

Initials are taken from the folded words (`desktop.core.search_rank.words`: no diacritics, đ = d), letters
only: numbers ("Mẫu 01") add nothing. An initialism needs two letters at least.
"""

from __future__ import annotations

from desktop.core.text import fold

# leading words dropped for a second, shorter initialism (each, when the name starts with it)
LEADING = (("dang", "ky"), ("cap",), ("thu", "tuc"), ("giai", "quyet"))


def initialisms(name_words: tuple[str, ...]) -> tuple[str, ...]:
    """The name's initials, then those without its leading verb (see `LEADING`), each of 2+ letters."""
    letters = [w for w in name_words if w.isalpha()]
    found = ["".join(w[0] for w in letters)]
    for lead in LEADING:
        if tuple(letters[: len(lead)]) == lead:
            found.append("".join(w[0] for w in letters[len(lead) :]))
    return tuple(dict.fromkeys(s for s in found if len(s) >= 2))


def abbreviations(
    name_words: tuple[str, ...], short_names: tuple[str, ...] = ()
) -> tuple[frozenset[str], frozenset[str]]:
    """(the catalogue's short names, the initialisms of the name's folded words), folded and single-spaced."""
    given = frozenset(" ".join(fold(s).split()) for s in short_names if s.strip())
    return given, frozenset(initialisms(name_words))

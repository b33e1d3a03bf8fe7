"""The derived columns of a dossier row that the list searches and sorts by, computed in one place.

`list_values(...)` gives `search_text` (the folded applicant name, ID number and phone, dossier code,
procedure name, and the submitter's name, ID number and phone: what the FTS5 index holds) and the
Vietnamese collation keys of the applicant, the submitter and the procedure (`desktop.core.collation`),
each indexed so the list sorts in SQL. Intake, the demo seeder and the schema migration that backfilled
existing rows all call it, so a dossier is found and ordered the same way whichever way it was written.

The submitter (người nộp hồ sơ) is the person who brought the dossier when it is not the applicant:
`shown_submitter` is empty when no one else was recorded or the recorded name is the applicant's own.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from desktop.core.collation import sort_key
from desktop.core.text import fold
from desktop.core.timeutil import VN_TZ

NAME_LETTERS = 40  # letters of a name the sort key keeps (longer names tie and follow receipt order)


def stored_time(value: datetime) -> str:
    """How a moment is stored in the time columns (`models.LocalDateTime`: ISO, +07:00, microseconds; a
    naive value is taken as Vietnam time), so the list's comparisons against them are exact."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=VN_TZ)
    return value.astimezone(VN_TZ).isoformat(timespec="microseconds")


def read_time(value: str | None) -> datetime | None:
    """A time column read as text (a raw SQL row: `stored_time`'s form); None for an empty one."""
    return datetime.fromisoformat(value) if value else None


def build_search_text(*parts: str) -> str:
    """The folded text a dossier is found by, from its searchable fields (empty ones skipped)."""
    return " ".join(_fold_part(part) for part in parts if part)


def _fold_part(part: str) -> str:
    # ASCII needs no decomposition (codes, numbers); names and procedure names repeat, so cache them
    return " ".join(part.lower().split()) if part.isascii() else _fold_cached(part)


@lru_cache(maxsize=65536)
def _fold_cached(part: str) -> str:
    return fold(part)


@lru_cache(maxsize=65536)
def _name_key(name: str) -> str:
    return sort_key(name, NAME_LETTERS)


@lru_cache(maxsize=4096)
def _procedure_key(name: str, code: str) -> str:
    # the code after the name keeps each procedure's dossiers together when long names share a prefix
    return sort_key(name, NAME_LETTERS) + "\x01" + code


def shown_submitter(submitter_name: str, applicant_name: str) -> str:
    """The submitter worth showing beside the applicant ('' when it is the applicant themself)."""
    if not submitter_name.strip() or fold(submitter_name) == fold(applicant_name):
        return ""
    return submitter_name


def list_values(
    *,
    code: str,
    applicant_name: str,
    id_number: str,
    phone: str,
    procedure_code: str,
    procedure_name: str,
    submitter_name: str = "",
    submitter_id_number: str = "",
    submitter_phone: str = "",
) -> dict[str, str]:
    """`search_text`, `applicant_key`, `submitter_key` and `procedure_key` of a dossier row."""
    submitter = shown_submitter(submitter_name, applicant_name)
    search = build_search_text(applicant_name, id_number, phone, code, procedure_name)
    extra = build_search_text(submitter, submitter_id_number, submitter_phone) if submitter else ""
    return {
        "search_text": f"{search} {extra}" if extra else search,
        "applicant_key": _name_key(applicant_name),
        "submitter_key": _name_key(submitter) if submitter else "",
        "procedure_key": _procedure_key(procedure_name, procedure_code),
    }

"""Read queries of the dossier list, shared by `motcua dossiers` and the GUI's lazily paging Qt model.

The list is ordered newest received first (`received_at DESC`, then `rowid DESC` so ties have a stable
order). Rows come back as plain frozen dataclasses, never live ORM objects, so a worker thread can hand
them to the GUI.

Search goes through the FTS5 table `dossier_fts` over `dossiers.search_text`, which holds the folded
applicant name, ID number, phone, dossier code and procedure name (`build_search_text`). The user's text
is folded the same way (`desktop.core.text.fold`, so "duc" finds "Đức"), split into the tokens FTS5's
unicode61 tokenizer would make, and every word becomes a quoted prefix phrase: FTS5 operators and
punctuation typed by the user (`"`, `*`, `(`, `-`, `AND` …) are never interpreted as query syntax.

The SQL is written by hand (through SQLAlchemy's `text`) because the fast plans depend on SQLite
specifics the ORM does not express: the page of rowids is chosen on the `received_at` index alone and
only then joined to applicants and procedures, so deep offsets and large result sets stay cheap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop.core.text import fold
from desktop.store.models import LocalDateTime

_TOKEN = re.compile(r"[^\W_]+")  # what unicode61 keeps: letters and digits; the rest separates tokens
_DIGITS_ONLY = re.compile(r"^[\d\s.\-+()/]+$")
MAX_WORDS = 8


@dataclass(frozen=True, slots=True)
class DossierRow:
    """One line of the dossier list. `rowid` is the list position key used by `fetch_after`."""

    id: str
    code: str
    applicant_name: str
    procedure_code: str
    procedure_name: str
    status: str
    status_code: int
    received_at: datetime
    due_at: datetime | None
    rowid: int = 0


def build_search_text(applicant_name: str, id_number: str, phone: str, code: str, procedure_name: str) -> str:
    """The folded text a dossier is found by; store it in `Dossier.search_text`."""
    parts = (applicant_name, id_number, phone, code, procedure_name)
    return " ".join(_fold_part(part) for part in parts if part)


def _fold_part(part: str) -> str:
    # ASCII needs no decomposition (codes, numbers); names and procedure names repeat, so cache them
    return " ".join(part.lower().split()) if part.isascii() else _fold_cached(part)


@lru_cache(maxsize=65536)
def _fold_cached(part: str) -> str:
    return fold(part)


def match_expression(search: str) -> str | None:
    """The FTS5 MATCH expression for what the user typed, or None when there is nothing to look for.

    Each word is folded, split into index tokens and written as a quoted phrase, so nothing the user types
    is parsed as FTS5 syntax. The last word is the one being typed: it matches as a prefix ("nguy" finds
    "Nguyễn", "0912" finds "0912345678"); earlier words match whole words, which keeps FTS5 from merging
    the hit lists of every word sharing a prefix (the costly part of a prefix query on 500,000 rows). A number typed with separators ("0912 345 678", "+84 912…") is also looked up
    with its digits joined, since phones and ID numbers are stored as one token.
    """
    folded = fold(search)
    if not folded:
        return None
    words = [tokens for tokens in (_TOKEN.findall(w) for w in folded.split(" ")[:MAX_WORDS]) if tokens]
    phrases = [_phrase(tokens, prefix=i == len(words) - 1) for i, tokens in enumerate(words)]
    if not phrases:
        return None
    expression = " ".join(phrases)
    if _DIGITS_ONLY.match(folded) and (sum(map(len, words)) > 1 or folded.startswith("+")):
        digits = "".join(ch for ch in folded if ch.isdigit())
        alternatives = [digits]
        if digits.startswith("84") and len(digits) >= 10:
            alternatives.append("0" + digits[2:])  # +84 912 345 678 -> 0912345678
        extra = [_phrase([d]) for d in alternatives if _phrase([d]) != expression]
        expression = " OR ".join([f"({expression})", *extra])
    return expression


def _phrase(tokens: Sequence[str], prefix: bool = True) -> str:
    return '"' + " ".join(tokens) + '"' + ("*" if prefix else "")


_COLUMNS = (
    "d.rowid, d.id, d.code, a.full_name, p.code, p.name, d.status, d.status_code, d.received_at, d.due_at"
)
_ORDER = "ORDER BY received_at DESC, rowid DESC"


def _row(values: Sequence[Any]) -> DossierRow:
    due = values[9]
    return DossierRow(
        id=values[1],
        code=values[2],
        applicant_name=values[3],
        procedure_code=values[4],
        procedure_name=values[5],
        status=values[6],
        status_code=int(values[7]),
        received_at=datetime.fromisoformat(values[8]),
        due_at=datetime.fromisoformat(due) if due else None,
        rowid=int(values[0]),
    )


def _fetch(session: Session, page_sql: str, params: dict[str, Any]) -> list[DossierRow]:
    """Join the chosen page of dossier rowids to applicants and procedures, keeping the list order."""
    sql = (
        f"SELECT {_COLUMNS} FROM ({page_sql}) AS page "
        "JOIN dossiers AS d ON d.rowid = page.rid "
        "JOIN applicants AS a ON a.id = d.applicant_id "
        "JOIN procedures AS p ON p.id = d.procedure_id "
        "ORDER BY d.received_at DESC, d.rowid DESC"
    )
    return [_row(values) for values in session.execute(text(sql), params)]


_HITS = "SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH :match"
# Enough newest hits to fill the first pages even when receipt order and insertion order differ a little.
CANDIDATES = 2000
MAX_CANDIDATES = 20000


def count_dossiers(session: Session, search: str = "") -> int:
    """How many dossiers the list shows (all of them, or the hits of `search`)."""
    expression = match_expression(search)
    if expression is None:
        sql, params = "SELECT count(*) FROM dossiers", {}
    else:
        sql, params = f"SELECT count(*) FROM ({_HITS})", {"match": expression}
    return int(session.execute(text(sql), params).scalar_one())


def fetch_page(session: Session, offset: int, limit: int, search: str = "") -> list[DossierRow]:
    """Rows `offset .. offset+limit-1` of the list (random access, e.g. for a scrolled view)."""
    params: dict[str, Any] = {"limit": max(0, limit), "offset": max(0, offset)}
    expression = match_expression(search)
    if expression is None:
        return _fetch(
            session, f"SELECT rowid AS rid FROM dossiers {_ORDER} LIMIT :limit OFFSET :offset", params
        )
    params["match"] = expression
    need = params["offset"] + params["limit"]
    if need <= MAX_CANDIDATES:
        rows = _from_candidates(session, params, max(CANDIDATES, 4 * need), "")
        if rows is not None:
            return rows
    return _by_index(session, params, "")


def fetch_after(session: Session, after: DossierRow | None, limit: int, search: str = "") -> list[DossierRow]:
    """The `limit` rows that follow `after` in the list (keyset paging; the first page when None)."""
    params: dict[str, Any] = {"limit": max(0, limit), "offset": 0}
    keyset = ""
    if after is not None:
        keyset = "(received_at, rowid) < (:after_received, :after_rowid)"
        params["after_received"] = _stored_time(after.received_at)
        params["after_rowid"] = after.rowid
    expression = match_expression(search)
    if expression is None:
        where = f"WHERE {keyset}" if keyset else ""
        return _fetch(session, f"SELECT rowid AS rid FROM dossiers {where} {_ORDER} LIMIT :limit", params)
    params["match"] = expression
    if after is None:
        rows = _from_candidates(session, params, max(CANDIDATES, 4 * params["limit"]), "")
    else:
        rows = _from_candidates(session, params, CANDIDATES, keyset, complete_only=True)
    return rows if rows is not None else _by_index(session, params, keyset)


def _from_candidates(
    session: Session, params: dict[str, Any], cap: int, keyset: str, complete_only: bool = False
) -> list[DossierRow] | None:
    """The page chosen among the `cap` newest hits by rowid, or None when that cannot be proven exact.

    FTS5 hands out hits in rowid order cheaply, and rowids follow the order dossiers were received in, so
    the newest hits by rowid are, nearly always, the newest by receipt time. This is checked, not assumed:
    when there were more hits than candidates, no hit outside the candidates (rowid below theirs) may be
    newer than the page's last row; the caller falls back to the index walk otherwise. The full-text
    query runs once; the candidates go back to SQLite as a literal list of integers.
    """
    hits = list(
        session.execute(
            text(
                "SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH :match ORDER BY rowid DESC LIMIT :cap"
            ),
            {"match": params["match"], "cap": cap},
        ).scalars()
    )
    complete = len(hits) < cap
    if not hits or (complete_only and not complete):
        return [] if not hits else None
    where = f"rowid IN ({','.join(str(int(h)) for h in hits)})" + (f" AND {keyset}" if keyset else "")
    rows = _fetch(
        session,
        f"SELECT rowid AS rid FROM dossiers WHERE {where} {_ORDER} LIMIT :limit OFFSET :offset",
        params,
    )
    if complete:
        return rows  # every hit was a candidate: exact
    if len(rows) < params["limit"]:
        return None
    last = rows[-1]
    newer_outside = session.execute(
        text(
            "SELECT 1 FROM dossiers AS d INDEXED BY ix_dossiers_received_at "
            "WHERE (d.received_at, d.rowid) > (:last_received, :last_rowid) AND d.rowid < :lowest "
            "AND EXISTS (SELECT 1 FROM dossier_fts WHERE dossier_fts MATCH :match AND dossier_fts.rowid = d.rowid) "
            "LIMIT 1"
        ),
        {
            "match": params["match"],
            "last_received": _stored_time(last.received_at),
            "last_rowid": last.rowid,
            "lowest": min(hits),
        },
    ).first()
    return None if newer_outside else rows


def _by_index(session: Session, params: dict[str, Any], keyset: str) -> list[DossierRow]:
    """Exact for any data: walk the received_at index newest first, keeping the hits (a set built once)."""
    where = f"rowid IN ({_HITS})" + (f" AND {keyset}" if keyset else "")
    page = (
        f"SELECT rowid AS rid FROM dossiers INDEXED BY ix_dossiers_received_at WHERE {where} {_ORDER} "
        "LIMIT :limit OFFSET :offset"
    )
    return _fetch(session, page, params)


def _stored_time(value: datetime) -> str:
    """The ISO string `LocalDateTime` stores, so comparisons against the column are exact."""
    stored = LocalDateTime().process_bind_param(value, None)
    assert stored is not None
    return stored

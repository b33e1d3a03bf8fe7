"""Read queries of the dossier list, shared by `motcua dossiers` and the GUI's lazily paging Qt model.

The list is ordered newest received first (`received_at DESC`, then `rowid DESC` so ties have a stable
order). Rows come back as plain frozen dataclasses, never live ORM objects, so a worker thread can hand
them to the GUI.

Search goes through the FTS5 table `dossier_fts` over `dossiers.search_text`, which holds the folded
applicant name, ID number, phone, dossier code and procedure name (`build_search_text`). The user's text
is folded the same way (`desktop.core.text.fold`, so "duc" finds "Đức"), split into the tokens FTS5's
unicode61 tokenizer would make, and every word becomes a quoted prefix phrase: FTS5 operators and
punctuation typed by the user (`"`, `*`, `(`, `-`, `AND` …) are never interpreted as query syntax.

The SQL is written by hand because the fast plans depend on SQLite specifics the ORM does not express:
the page of rowids is chosen on the `received_at` index alone and only then joined to applicants and
procedures, so deep offsets and large result sets stay cheap. It runs on a store's session (through
SQLAlchemy's `text`) or on a plain `sqlite3` connection: the main window's first page can be read that
way before the store has opened (`desktop.store.peek.read_only`), and this module imports no SQLAlchemy.

The GUI's list can also sort by any column (`Order`; the keys of `SORT_COLUMNS`) and keep one status
(`status`). Each sort column is indexed (names by their Vietnamese collation key, `desktop.store.list_keys`)
and ordered `<column>, rowid` in one direction, so a page is a walk along one index. When a search or a
status leaves few dossiers (at most `SORT_LIMIT`, counted with an early stop), those are sorted instead
(`_ordered`), since walking the index would read past many rows that do not match.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeAlias, cast

from desktop.core.status import Status
from desktop.core.text import fold
from desktop.store import cipher
from desktop.store.list_keys import build_search_text, read_time, stored_time

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# where the list is read from: a store's session, or a plain (read-only) sqlite3 connection
Reader: TypeAlias = "Session | sqlite3.Connection"

__all__ = [
    "NEWEST",
    "Reader",
    "SORT_COLUMNS",
    "DossierRow",
    "Order",
    "build_search_text",
    "count_dossiers",
    "fetch_after",
    "fetch_page",
    "match_expression",
]

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
    submitter_name: str = ""  # who brought the dossier, when not the applicant (`shown_submitter`)
    finished_at: datetime | None = None  # the end of processing: result ready, or the terminal status
    extended_due_at: datetime | None = None
    returned_at: datetime | None = None
    rating: int | None = None
    fees_paid: int = 0  # VND collected (`fees_paid`)


# The fees collected on a dossier, in VND (the one place that says where this comes from): the sum of its
# collected fee lines, so a dossier whose intake lines are paid and whose `after` lines are still due counts
# only what was paid; a row from before fee lines existed (no line at all) counts its flat fee once a
# payment was recorded.
FEES_PAID_SQL = (
    "coalesce((SELECT sum(f.amount) FROM fee_lines f WHERE f.dossier_id = d.id AND f.state = 'collected'), "
    "CASE WHEN d.payment_channel != '' AND NOT EXISTS (SELECT 1 FROM fee_lines g WHERE g.dossier_id = d.id) "
    "THEN d.fee_amount END, 0)"
)


@dataclass(frozen=True, slots=True)
class Order:
    """A sort of the list: a key of `SORT_COLUMNS`, newest/last first when `descending`."""

    column: str = "received"
    descending: bool = True


NEWEST = Order()
# list column -> the indexed dossiers column it sorts by
SORT_COLUMNS: dict[str, str] = {
    "code": "code",
    "applicant": "applicant_key",
    "submitter": "submitter_key",
    "procedure": "procedure_key",
    "status": "status_code",
    "received": "received_at",
    "due": "due_at",
}
SORT_LIMIT = 5000  # a search or status with at most this many dossiers is sorted rather than walked


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
    "d.rowid, d.id, d.code, a.full_name, p.code, p.name, d.status, d.status_code, d.received_at, d.due_at, "
    "CASE WHEN d.submitter_key = '' THEN '' ELSE d.submitter_name END, "
    "coalesce(d.result_ready_at, d.finished_at), d.extended_due_at, d.returned_at, d.rating, " + FEES_PAID_SQL
)
_ORDER = "ORDER BY received_at DESC, rowid DESC"


def _rows(session: Reader, sql: str, params: dict[str, Any]) -> Iterable[Sequence[Any]]:
    """The rows of `sql` with its `:name` parameters, on either kind of reader."""
    if isinstance(session, sqlite3.Connection | cipher.CipherConnection):
        return cast("sqlite3.Connection", session).execute(sql, params).fetchall()
    from sqlalchemy import text

    return session.execute(text(sql), params).all()


def _one(session: Reader, sql: str, params: dict[str, Any]) -> Any:
    """The single value `sql` returns."""
    [[value]] = _rows(session, sql, params)
    return value


def _row(values: Sequence[Any]) -> DossierRow:
    return DossierRow(
        id=values[1],
        code=values[2],
        applicant_name=values[3],
        procedure_code=values[4],
        procedure_name=values[5],
        status=values[6],
        status_code=int(values[7]),
        received_at=datetime.fromisoformat(values[8]),
        due_at=read_time(values[9]),
        rowid=int(values[0]),
        submitter_name=values[10],
        finished_at=read_time(values[11]),
        extended_due_at=read_time(values[12]),
        returned_at=read_time(values[13]),
        rating=values[14],
        fees_paid=int(values[15] or 0),
    )


def _order_sql(order: Order, table: str = "") -> str:
    direction = "DESC" if order.descending else "ASC"
    return f"ORDER BY {table}{SORT_COLUMNS[order.column]} {direction}, {table}rowid {direction}"


def _fetch(session: Reader, page_sql: str, params: dict[str, Any], order: Order = NEWEST) -> list[DossierRow]:
    """Join the chosen page of dossier rowids to applicants and procedures, keeping the list order."""
    sql = (
        f"SELECT {_COLUMNS} FROM ({page_sql}) AS page "
        "JOIN dossiers AS d ON d.rowid = page.rid "
        "JOIN applicants AS a ON a.id = d.applicant_id "
        "JOIN procedures AS p ON p.id = d.procedure_id "
        f"{_order_sql(order, 'd.')}"
    )
    return [_row(values) for values in _rows(session, sql, params)]


_HITS = "SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH :match"
_OF_STATUS = "SELECT rowid FROM dossiers INDEXED BY ix_dossiers_status_due WHERE status = :status"
# Enough newest hits to fill the first pages even when receipt order and insertion order differ a little.
CANDIDATES = 2000
MAX_CANDIDATES = 20000


def count_dossiers(session: Reader, search: str = "", status: str = "") -> int:
    """How many dossiers the list shows (all of them, or the hits of `search`; of one `status` if given).

    A search within one status counts whichever side is cheap: the few hits (looked up by rowid), the few
    dossiers of a rare status (from the status index), or, when both are many, the hits minus those in
    every other status, since a common status (most dossiers are returned) leaves few in the others.
    """
    expression = match_expression(search)
    where, params = _filters(expression, status)
    if expression is None or not status:
        if expression is not None:
            sql = f"SELECT count(*) FROM ({_HITS})"  # the full-text index alone
        else:
            sql = "SELECT count(*) FROM dossiers" + (f" WHERE {' AND '.join(where)}" if where else "")
    elif _at_most(session, _HITS, params, SORT_LIMIT):
        sql = f"SELECT count(*) FROM dossiers NOT INDEXED WHERE {' AND '.join(where)}"
    elif _at_most(session, _OF_STATUS, params, SORT_LIMIT):
        sql = f"SELECT count(*) FROM dossiers INDEXED BY ix_dossiers_status_due WHERE status = :status AND +{where[0]}"
    else:
        others = ", ".join(f"'{s.value}'" for s in Status if s.value != status)
        sql = (
            f"SELECT (SELECT count(*) FROM ({_HITS})) - (SELECT count(*) FROM dossiers "
            f"INDEXED BY ix_dossiers_status_due WHERE status IN ({others}) AND +{where[0]})"
        )
    return int(_one(session, sql, params))


def fetch_page(
    session: Reader,
    offset: int,
    limit: int,
    search: str = "",
    *,
    status: str = "",
    order: Order = NEWEST,
) -> list[DossierRow]:
    """Rows `offset .. offset+limit-1` of the list (random access, e.g. for a scrolled view), in `order`,
    only the hits of `search` and only dossiers in `status` ('' for every status)."""
    params: dict[str, Any] = {"limit": max(0, limit), "offset": max(0, offset)}
    expression = match_expression(search)
    if order.column not in SORT_COLUMNS:
        raise ValueError(f"unknown sort column {order.column!r}")
    if expression is None or order != NEWEST:
        return _ordered(session, params, expression, status, order)
    params["match"] = expression
    kept = ""
    if status:  # among the newest hits too; the check that none outside is newer ignores it (stricter)
        params["status"], kept = status, "+status = :status"  # the candidates by rowid, not the status index
        if _at_most(session, _OF_STATUS, params, SORT_LIMIT):
            return _ordered(session, params, expression, status, order)  # a rare status: few among the newest
    need = params["offset"] + params["limit"]
    if need <= MAX_CANDIDATES:
        rows = _from_candidates(session, params, max(CANDIDATES, 4 * need), kept)
        if rows is not None:
            return rows
    return _ordered(session, params, expression, status, order) if status else _by_index(session, params, "")


def _filters(expression: str | None, status: str) -> tuple[list[str], dict[str, Any]]:
    where: list[str] = []
    params: dict[str, Any] = {}
    if expression is not None:
        where.append(f"rowid IN ({_HITS})")
        params["match"] = expression
    if status:
        where.append("status = :status")
        params["status"] = status
    return where, params


def _ordered(
    session: Reader, params: dict[str, Any], expression: str | None, status: str, order: Order
) -> list[DossierRow]:
    """A page in any order: along the sort column's index, or by sorting the few dossiers that match."""
    where, filters = _filters(expression, status)
    params = {**params, **filters}
    order_sql = _order_sql(order)
    if not where:
        page = f"SELECT rowid AS rid FROM dossiers {order_sql} LIMIT :limit OFFSET :offset"
        return _fetch(session, page, params, order)
    few_hits = expression is not None and _at_most(session, _HITS, params, SORT_LIMIT)
    few_of_status = bool(status) and _at_most(session, _OF_STATUS, params, SORT_LIMIT)
    if few_hits:  # look the hits up by rowid, then sort them
        source, conditions = "dossiers NOT INDEXED", where
    elif few_of_status:  # the status's rows from its index, then sort them
        source = "dossiers INDEXED BY ix_dossiers_status_due"
        conditions = [f"+{c}" if c.startswith("rowid") else c for c in where]
    else:  # many match: walk the sort column's index (a unary + keeps SQLite from using another)
        source, conditions = "dossiers", [f"+{c}" for c in where]
    page = (
        f"SELECT rowid AS rid FROM {source} WHERE {' AND '.join(conditions)} {order_sql} "
        "LIMIT :limit OFFSET :offset"
    )
    return _fetch(session, page, params, order)


def _at_most(session: Reader, select_sql: str, params: dict[str, Any], limit: int) -> bool:
    """Whether `select_sql` returns at most `limit` rows (it stops reading after `limit + 1`)."""
    sql = f"SELECT count(*) FROM ({select_sql} LIMIT {int(limit) + 1})"
    return int(_one(session, sql, params)) <= limit


def fetch_after(session: Reader, after: DossierRow | None, limit: int, search: str = "") -> list[DossierRow]:
    """The `limit` rows that follow `after` in the list (keyset paging; the first page when None)."""
    params: dict[str, Any] = {"limit": max(0, limit), "offset": 0}
    keyset = ""
    if after is not None:
        keyset = "(received_at, rowid) < (:after_received, :after_rowid)"
        params["after_received"] = stored_time(after.received_at)
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
    session: Reader, params: dict[str, Any], cap: int, keyset: str, complete_only: bool = False
) -> list[DossierRow] | None:
    """The page chosen among the `cap` newest hits by rowid, or None when that cannot be proven exact.

    FTS5 hands out hits in rowid order cheaply, and rowids follow the order dossiers were received in, so
    the newest hits by rowid are, nearly always, the newest by receipt time. This is checked, not assumed:
    when there were more hits than candidates, no hit outside the candidates (rowid below theirs) may be
    newer than the page's last row; the caller falls back to the index walk otherwise. The full-text
    query runs once; the candidates go back to SQLite as a literal list of integers.
    """
    hits = [
        row[0]
        for row in _rows(
            session,
            "SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH :match ORDER BY rowid DESC LIMIT :cap",
            {"match": params["match"], "cap": cap},
        )
    ]
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
    newer_outside = _rows(
        session,
        "SELECT 1 FROM dossiers AS d INDEXED BY ix_dossiers_received_at "
        "WHERE (d.received_at, d.rowid) > (:last_received, :last_rowid) AND d.rowid < :lowest "
        "AND EXISTS (SELECT 1 FROM dossier_fts WHERE dossier_fts MATCH :match AND dossier_fts.rowid = d.rowid) "
        "LIMIT 1",
        {
            "match": params["match"],
            "last_received": stored_time(last.received_at),
            "last_rowid": last.rowid,
            "lowest": min(hits),
        },
    )
    return None if newer_outside else rows


def _by_index(session: Reader, params: dict[str, Any], keyset: str) -> list[DossierRow]:
    """Exact for any data: walk the received_at index newest first, keeping the hits (a set built once)."""
    where = f"rowid IN ({_HITS})" + (f" AND {keyset}" if keyset else "")
    page = (
        f"SELECT rowid AS rid FROM dossiers INDEXED BY ix_dossiers_received_at WHERE {where} {_ORDER} "
        "LIMIT :limit OFFSET :offset"
    )
    return _fetch(session, page, params)

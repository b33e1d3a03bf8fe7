"""`motcua dossiers [--search TEXT] [--json] [--limit N]`: the dossier list, newest received first.

By default an aligned table for a person (status in Vietnamese, times as dd/mm/yyyy HH:MM); with `--json`
exactly one JSON array of objects with `code`, `applicant`, `procedure_code`, `status` (the local status
name), `received_at`, `due_at`, `finished_at` (the end of processing: result ready, or refused, stopped, withdrawn),
`extended_due_at` (the apology's new appointment) and `returned_at` (ISO 8601 with the +07:00 offset, or
null), `rating` (or null) and `fees_paid` (VND collected); and every field an indicator is computed from
(`motcua report indicators`, `desktop.core.indicators`): `status_code`, `channel`, `current_due` (the
appointment in force), `pauses` ([start, end or null] of each supplement pause), `supplements` (their
count), `sync_status`, `synced` (the province has it: not pending or rejected), `digitised` (a scan on each
required paper), `rating_level` and `due_changes` ([recorded at, the appointment in force before] of each
extension or return of supplement papers: the due at a past period's end, `desktop.store.due_history`). `--limit 0` lists everything,
read in keyset pages so memory stays flat on a large profile. Uses the same queries as the GUI's list.

Nothing is created or written: a missing database is reported, a damaged one gives the store's message
(exit code 2, file untouched).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from desktop.core.errors import StorageError, ValidationError
from desktop.core.indicators import RATING_LEVELS
from desktop.core.status import label_vi
from desktop.core.timeliness import current_due
from desktop.store.engine import DB_NAME, Store, open_store, profile_root, translate_storage_errors
from desktop.store.indicators import UNSYNCED, ReportFields, report_fields
from desktop.store.queries import DossierRow, count_dossiers, fetch_after

DEFAULT_LIMIT = 50
PAGE = 1000
WIDTHS = {"applicant": 28, "status": 22}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "dossiers", help="liệt kê hồ sơ (mới tiếp nhận trước)", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--search",
        default="",
        metavar="TEXT",
        help="tìm theo tên, số định danh, SĐT (của chủ hồ sơ hoặc người nộp), mã hồ sơ, thủ tục",
    )
    parser.add_argument("--json", action="store_true", help="in một mảng JSON")
    parser.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"số hồ sơ tối đa (mặc định {DEFAULT_LIMIT}; 0: tất cả)",
    )
    parser.set_defaults(func=run)


def open_existing(data_dir: Path | None) -> Store:
    """Open the profile's store without creating a database where there is none."""
    root = profile_root(data_dir)
    db = root / DB_NAME
    if not db.exists():
        raise StorageError(
            f"Chưa có cơ sở dữ liệu '{db}': hãy chạy `motcua` để thiết lập lần đầu "
            "(hoặc `motcua demo seed` để tạo hồ sơ mẫu).",
            str(db),
        )
    return open_store(root)


def iter_rows(store: Store, search: str, limit: int) -> Iterator[DossierRow]:
    """Up to `limit` rows (all when 0), fetched page by page."""
    last: DossierRow | None = None
    remaining = limit if limit > 0 else None
    while remaining is None or remaining > 0:
        size = PAGE if remaining is None else min(PAGE, remaining)
        with translate_storage_errors(store.profile.db_path), store.session() as session:
            rows = fetch_after(session, last, size, search)
        yield from rows
        if len(rows) < size:
            return
        last = rows[-1]
        if remaining is not None:
            remaining -= len(rows)


def as_json(row: DossierRow, extra: ReportFields | None = None) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "code": row.code,
        "applicant": row.applicant_name,
        "procedure_code": row.procedure_code,
        "status": row.status,
        "received_at": row.received_at.isoformat(),
        "due_at": _iso(row.due_at),
        "finished_at": _iso(row.finished_at),
        "extended_due_at": _iso(row.extended_due_at),
        "returned_at": _iso(row.returned_at),
        "rating": row.rating,
        "fees_paid": row.fees_paid,
        "status_code": row.status_code,
        "current_due": _iso(current_due(row.due_at, row.extended_due_at)),
        "rating_level": RATING_LEVELS.get(row.rating) if row.rating is not None else None,
    }
    if extra is not None:
        fields |= {
            "channel": extra.channel,
            "sync_status": extra.sync_status,
            "synced": extra.sync_status not in UNSYNCED,
            "digitised": extra.digitised,
            "supplements": len(extra.pauses),
            "pauses": [[start.isoformat(), _iso(end)] for start, end in extra.pauses],
            "due_changes": [[moment.isoformat(), _iso(before)] for moment, before in extra.due_changes],
        }
    return fields


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def write_json(store: Store, rows: Iterator[DossierRow], out: TextIO) -> None:
    """One JSON array, streamed a page at a time (each page's report fields read in one query); nothing is
    written when the first page cannot be read."""
    first = True
    for page in _pages(rows):
        with translate_storage_errors(store.profile.db_path), store.session() as session:
            extra = report_fields(session, [row.id for row in page])
        for row in page:
            item = json.dumps(as_json(row, extra.get(row.id)), ensure_ascii=False)
            out.write(("[\n" if first else ",\n") + item)
            first = False
    out.write("[]\n" if first else "\n]\n")


def _pages(rows: Iterator[DossierRow]) -> Iterator[list[DossierRow]]:
    page: list[DossierRow] = []
    for row in rows:
        page.append(row)
        if len(page) == PAGE:
            yield page
            page = []
    if page:
        yield page


def _status(row: DossierRow) -> str:
    try:
        return label_vi(row.status)
    except ValueError:
        return row.status


def fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def write_table(rows: list[DossierRow], out: TextIO) -> None:
    headers = ["Mã hồ sơ", "Chủ hồ sơ", "Thủ tục", "Trạng thái", "Tiếp nhận", "Hẹn trả"]
    lines = [
        [
            row.code,
            fit(row.applicant_name, WIDTHS["applicant"]),
            row.procedure_code,
            fit(_status(row), WIDTHS["status"]),
            f"{row.received_at:%d/%m/%Y %H:%M}",
            f"{row.due_at:%d/%m/%Y %H:%M}" if row.due_at else "",
        ]
        for row in rows
    ]
    widths = [max(len(cell) for cell in column) for column in zip(headers, *lines, strict=False)]
    for cells in [headers, ["-" * w for w in widths], *lines]:
        out.write("  ".join(cell.ljust(w) for cell, w in zip(cells, widths, strict=True)).rstrip() + "\n")


def thousands(n: int) -> str:
    """12345 -> "12.345" (Vietnamese digit grouping)."""
    return f"{n:,}".replace(",", ".")


def run(args: argparse.Namespace) -> int:
    if args.limit < 0:
        raise ValidationError("--limit phải là số không âm (0: tất cả).", "limit")
    store = open_existing(args.data_dir)
    try:
        rows = iter_rows(store, args.search, args.limit)
        if args.json:
            write_json(store, rows, sys.stdout)
            return 0
        listed = list(rows)
        with translate_storage_errors(store.profile.db_path), store.session() as session:
            total = count_dossiers(session, args.search)
        if listed:
            write_table(listed, sys.stdout)
        what = f" khớp với “{args.search}”" if args.search.strip() else ""
        print(f"{thousands(len(listed))}/{thousands(total)} hồ sơ{what}.")
        return 0
    finally:
        store.close()

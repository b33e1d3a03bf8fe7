"""`motcua worklist NAME [--json] [--limit N]`: one of the officer's worklists (lifecycle §5), by due, oldest first.

NAME is one of to-hand-over, due-today, due-soon, overdue, waiting-supplement, financial, ready,
returned-today, online-waiting (submitted on the public portal, to accept or refuse), or needs-review (dossiers flagged "Cần xem lại" by a step from the province the lifecycle
rules could not settle; `--json`: `code`, `applicant`, `status`, `review_note` with both facts). A table (code, applicant, procedure, status, due, and the list's own column: the hand-over
deadline, the working days waited, the return time or whether the appointment has passed), or with `--json`
one JSON array of objects with `code`, `applicant`, `procedure_code`, `procedure`, `status`, `received_at`,
`due_at` (the current appointment: extended, else the original), `late`, `days_waiting`,
`handover_deadline` and `returned_at` (ISO 8601 with +07:00, or null). An unknown NAME exits 2 naming the
valid ones. Nothing is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from desktop.commands.dossiers import fit, open_existing, thousands
from desktop.core.errors import ValidationError
from desktop.core.status import label_vi
from desktop.core.worklists import TITLES_VI, Worklist, parse_worklist
from desktop.services.worklists import (
    NEEDS_REVIEW,
    WorklistPage,
    WorklistRow,
    load_worklist,
    needs_review,
)
from desktop.store.engine import translate_storage_errors

DEFAULT_LIMIT = 500
WIDTHS = {"applicant": 28, "procedure": 12, "status": 22}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "worklist",
        help="danh sách công việc (đến hạn, quá hạn, chờ trả …)",
        description=__doc__.split("\n\n")[0],
    )
    parser.add_argument("name", metavar="NAME", help=", ".join(w.value for w in Worklist))
    parser.add_argument("--json", action="store_true", help="in một mảng JSON")
    parser.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"số hồ sơ tối đa (mặc định {DEFAULT_LIMIT})",
    )
    parser.set_defaults(func=run)


def _time(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def as_json(row: WorklistRow) -> dict[str, Any]:
    return {
        "code": row.code,
        "applicant": row.applicant_name,
        "procedure_code": row.procedure_code,
        "procedure": row.procedure_name,
        "status": row.status,
        "received_at": _time(row.received_at),
        "due_at": _time(row.due),
        "late": row.late,
        "days_waiting": row.days_waiting,
        "handover_deadline": _time(row.handover_deadline),
        "returned_at": _time(row.returned_at),
    }


def own_column(worklist: Worklist) -> str:
    """The header of the list's own column."""
    if worklist is Worklist.TO_HAND_OVER:
        return "Hạn chuyển"
    if worklist in (Worklist.WAITING_SUPPLEMENT, Worklist.READY, Worklist.ONLINE_WAITING):
        return "Số ngày chờ"
    if worklist is Worklist.RETURNED_TODAY:
        return "Trả lúc"
    if worklist is Worklist.NEEDS_REVIEW:
        return "Cần xem lại"
    return "Quá hạn"


def own_value(worklist: Worklist, row: WorklistRow) -> str:
    if worklist is Worklist.TO_HAND_OVER and row.handover_deadline is not None:
        return f"{row.handover_deadline:%d/%m/%Y %H:%M}" + (" (trễ)" if row.late else "")
    if worklist in (Worklist.WAITING_SUPPLEMENT, Worklist.READY, Worklist.ONLINE_WAITING):
        return "" if row.days_waiting is None else str(row.days_waiting)
    if worklist is Worklist.RETURNED_TODAY:
        return f"{row.returned_at:%H:%M}" if row.returned_at else ""
    if worklist is Worklist.NEEDS_REVIEW:
        return row.review_note
    return "quá hạn" if row.late else ""


def _status(status: str) -> str:
    try:
        return label_vi(status)
    except ValueError:
        return status


def write_table(page: WorklistPage, out: TextIO) -> None:
    headers = ["Mã hồ sơ", "Chủ hồ sơ", "Thủ tục", "Trạng thái", "Hẹn trả", own_column(page.worklist)]
    lines = [
        [
            row.code,
            fit(row.applicant_name, WIDTHS["applicant"]),
            row.procedure_code,
            fit(_status(row.status), WIDTHS["status"]),
            f"{row.due:%d/%m/%Y %H:%M}" if row.due else "",
            own_value(page.worklist, row),
        ]
        for row in page.rows
    ]
    widths = [max(len(cell) for cell in column) for column in zip(headers, *lines, strict=False)]
    for cells in [headers, ["-" * w for w in widths], *lines]:
        out.write("  ".join(cell.ljust(w) for cell, w in zip(cells, widths, strict=True)).rstrip() + "\n")


def _review(args: argparse.Namespace) -> int:
    store = open_existing(args.data_dir)
    try:
        with translate_storage_errors(store.profile.db_path):
            rows = needs_review(store, args.limit)
    finally:
        store.close()
    if args.json:
        listed = [
            {"code": r.code, "applicant": r.applicant_name, "status": r.status, "review_note": r.review_note}
            for r in rows
        ]
        json.dump(listed, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for row in rows:
        print(f"{row.code}  {fit(row.applicant_name, WIDTHS['applicant'])}  {_status(row.status)}")
        print(f"    {row.review_note}")
    print(f"Cần xem lại: {thousands(len(rows))} hồ sơ.")
    return 0


def run(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise ValidationError("--limit phải là số dương.", "limit")
    if args.name.strip() == NEEDS_REVIEW:
        return _review(args)
    worklist = parse_worklist(args.name)
    store = open_existing(args.data_dir)
    try:
        with translate_storage_errors(store.profile.db_path):
            page = load_worklist(store, worklist, limit=args.limit)
    finally:
        store.close()
    if args.json:
        json.dump([as_json(row) for row in page.rows], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    if page.rows:
        write_table(page, sys.stdout)
    print(f"{TITLES_VI[page.worklist]}: {thousands(len(page.rows))}/{thousands(page.total)} hồ sơ.")
    return 0

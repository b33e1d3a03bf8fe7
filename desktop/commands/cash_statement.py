"""`motcua cash-statement [--date dd/mm/yyyy] [--officer USERNAME] [--pdf FILE]`: an officer's daily
statement of the fees collected: one line per receipt line, then the total and the receipts used and
cancelled, and the PDF's path: the copy kept under the profile's `printed/` (sealed in a profile with a
store key), or `--pdf FILE`, a clear PDF written there."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("cash-statement", help="bảng kê thu phí, lệ phí trong ngày của một cán bộ")
    parser.add_argument("--date", default=None, metavar="dd/mm/yyyy", help="ngày thu (mặc định: hôm nay)")
    parser.add_argument("--officer", default=None, metavar="USERNAME", help="cán bộ thu (mặc định: duy nhất)")
    parser.add_argument("--pdf", type=Path, default=None, metavar="FILE", help="ghi bảng kê ra tệp PDF")
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from desktop.core.fees import KINDS, METHODS, money
    from desktop.core.timeutil import today_local
    from desktop.core.validation import parse_date
    from desktop.services.fee_documents import print_cash_statement
    from desktop.store.engine import open_store

    day = parse_date(args.date, "date") if args.date else today_local()
    store = open_store(args.data_dir)
    try:
        printed, view = print_cash_statement(store, day, args.officer, args.pdf)
    finally:
        store.close()
    for row in view.rows:
        mark = "\tđã hủy" if row.cancelled else ""
        print(f"{row.number}\t{row.dossier_code}\t{row.fee_name}\t{KINDS[row.kind]}\t{METHODS[row.method]}\t"
              f"{money(row.amount)}{mark}")  # fmt: skip
    print(f"Tổng cộng\t{money(view.total)}")
    print(f"Biên lai đã dùng\t{len(view.numbers)}\tđã hủy\t{len(view.cancelled)}")
    print(f"PDF\t{args.pdf or printed.path}")
    return 0

"""`motcua dossier obligation-met CODE --document-number N [--amount N] [--place TEXT]`: the applicant paid
the financial obligation (status 6 → 4, `desktop.services.obligation`)."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.dossier._common import acting, add_officer


def register(verbs: Any) -> None:
    parser = verbs.add_parser("obligation-met", help="ghi nhận đã hoàn thành nghĩa vụ tài chính")
    parser.add_argument("code", metavar="CODE", help="mã hồ sơ")
    parser.add_argument("--document-number", required=True, metavar="N", help="số chứng từ nộp tiền")
    parser.add_argument("--amount", default="", metavar="N", help="số tiền đã nộp (mặc định: theo thông báo)")
    parser.add_argument("--place", default="", metavar="TEXT", help="nơi nộp (kho bạc, ngân hàng, …)")
    add_officer(parser)
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from desktop.core.status import label_vi
    from desktop.services.obligation import obligation_met, parse_amount

    amount = parse_amount(args.amount) if args.amount else None
    with acting(args) as (store, officer):
        state = obligation_met(
            store, officer, args.code, args.document_number, amount=amount, place=args.place
        )
    print(f"{state.code}\t{label_vi(state.status)}")
    return 0

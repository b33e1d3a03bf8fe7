"""`motcua dossier obligation CODE --notice N --body TEXT --amount N [--notice-date D] [--pay-by D]`: record
the body's notice of a financial obligation (status 4 → 6, `desktop.services.obligation`)."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.dossier._common import acting, add_officer


def register(verbs: Any) -> None:
    parser = verbs.add_parser(
        "obligation", help="ghi nhận thông báo nghĩa vụ tài chính (thuế, phí) của hồ sơ"
    )
    parser.add_argument("code", metavar="CODE", help="mã hồ sơ")
    parser.add_argument("--notice", required=True, metavar="N", help="số thông báo")
    parser.add_argument("--body", required=True, metavar="TEXT", help="cơ quan ra thông báo")
    parser.add_argument("--amount", required=True, metavar="N", help="số tiền phải nộp (đồng)")
    parser.add_argument(
        "--notice-date", default="", metavar="dd/mm/yyyy", help="ngày thông báo (mặc định: hôm nay)"
    )
    parser.add_argument("--pay-by", default="", metavar="dd/mm/yyyy", help="hạn nộp")
    add_officer(parser)
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from desktop.core.status import label_vi
    from desktop.core.validation import parse_date
    from desktop.services.obligation import parse_amount, request_obligation

    amount = parse_amount(args.amount)
    notice_date = parse_date(args.notice_date, "notice_date", "Ngày thông báo") if args.notice_date else None
    pay_by = parse_date(args.pay_by, "pay_by", "Hạn nộp") if args.pay_by else None
    with acting(args) as (store, officer):
        state = request_obligation(
            store, officer, args.code, args.notice, args.body, amount, notice_date=notice_date, pay_by=pay_by
        )
    print(f"{state.code}\t{label_vi(state.status)}\t{amount}")
    return 0

"""`motcua dossier pay CODE [--method cash|transfer] [--copies N] [--amount VND] [--exempt CODE] [--pdf FILE]`.

Collects a dossier's due fees and prints one line per receipt (number, kind, amount); `--copies` counts the
lines charged per copy or page, `--amount` checks the sum handed over, `--pdf` writes the receipts (one page
each; a copy is kept under the profile's `printed/`, sealed in a profile with a store key); `--exempt` instead sets the due lines that list that exemption of the catalogue to 0 with its
ground. Nothing due, an unknown method or exemption, a negative, non-numeric or wrong `--amount`, a bad
`--copies`: a Vietnamese message, exit 2, nothing changed.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.commands.dossier._common import acting, add_officer, list_receipts


def register(verbs: Any) -> None:
    parser = verbs.add_parser("pay", help="thu phí, lệ phí của hồ sơ và cấp biên lai")
    parser.add_argument("code", metavar="CODE", help="mã hồ sơ")
    parser.add_argument(
        "--method", default="cash", metavar="cash|transfer", help="tiền mặt (mặc định) hoặc chuyển khoản"
    )
    parser.add_argument(
        "--exempt", default="", metavar="CODE", help="miễn theo mã trường hợp miễn của danh mục, thay vì thu"
    )
    parser.add_argument(
        "--copies",
        type=str,
        default=None,
        metavar="N",
        help="số bản sao / số trang (khoản thu theo bản, theo trang)",
    )
    parser.add_argument(
        "--amount", default=None, metavar="VND", help="số tiền công dân nộp (kiểm tra với số phải thu)"
    )
    parser.add_argument("--pdf", type=Path, default=None, metavar="FILE", help="ghi biên lai ra tệp PDF")
    add_officer(parser)
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from desktop.core.fees import money, parse_amount
    from desktop.services.fees import check_method, collect_fees, describe, exempt_fees

    check_method(args.method)
    amount = parse_amount(args.amount) if args.amount is not None else None
    copies = _copies(args.copies) if args.copies is not None else None
    with acting(args) as (store, officer):
        if args.exempt:
            print(f"{args.code}\t{describe(exempt_fees(store, officer, args.code, args.exempt))}")
            return 0
        payment = collect_fees(store, officer, args.code, args.method, copies=copies, amount=amount)
        if args.pdf is not None:
            from desktop.services.fee_documents import print_receipts

            print_receipts(store, [r.number for r in payment.receipts], args.pdf)
    list_receipts(payment)
    print(f"{payment.code}\tĐã thu {money(payment.total)} đồng")
    return 0


def _copies(text: str) -> int:
    from desktop.core.errors import ValidationError
    from desktop.services.fees import check_copies

    if not text.strip().isdigit():
        raise ValidationError(f"Số bản, số trang '{text}' không phải là một số nguyên dương.", "copies")
    return check_copies(int(text))

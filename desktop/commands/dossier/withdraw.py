"""`motcua dossier withdraw CODE [--reason TEXT]`: the applicant withdraws the dossier (status 7).

The requester is the owner unless `--requester-name/--requester-id/--authorisation` name an authorised
person; the written request is noted as kept on paper.
"""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.dossier._common import acting, add_officer


def register(verbs: Any) -> None:
    from desktop.services.withdrawal import DEFAULT_WITHDRAW_REASON

    parser = verbs.add_parser("withdraw", help="rút hồ sơ theo đề nghị của người nộp")
    parser.add_argument("code", metavar="CODE", help="mã hồ sơ")
    parser.add_argument("--reason", default=DEFAULT_WITHDRAW_REASON, metavar="TEXT", help="lý do rút hồ sơ")
    parser.add_argument("--requester-name", default="", metavar="NAME", help="người được ủy quyền")
    parser.add_argument("--requester-id", default="", metavar="ID", help="số giấy tờ người được ủy quyền")
    parser.add_argument("--authorisation", default="", metavar="REF", help="số, ngày giấy ủy quyền")
    add_officer(parser)
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from desktop.core.status import label_vi
    from desktop.services.withdrawal import WithdrawalRequest, withdraw

    authorised = bool(args.requester_name or args.requester_id or args.authorisation)
    request = WithdrawalRequest(
        reason=args.reason,
        requester_kind="authorised" if authorised else "owner",
        requester_name=args.requester_name,
        requester_id_number=args.requester_id,
        authorisation_ref=args.authorisation,
    )
    with acting(args) as (store, officer):
        state = withdraw(store, officer, args.code, request)
    print(f"{state.code}\t{label_vi(state.status)}")
    return 0

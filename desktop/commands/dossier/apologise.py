"""`motcua dossier apologise CODE --reason TEXT --signer NAME [--sent-via paper|sms|email|zalo]`: the written
apology for a late dossier (form 04), which its return requires."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.dossier._common import acting, add_officer


def register(verbs: Any) -> None:
    from desktop.services.apology import SENT_VIA

    parser = verbs.add_parser("apologise", help="ghi nhận văn bản xin lỗi vì trễ hạn (mẫu 04)")
    parser.add_argument("code", metavar="CODE", help="mã hồ sơ")
    parser.add_argument("--reason", required=True, metavar="TEXT", help="lý do chậm trả kết quả")
    parser.add_argument("--signer", required=True, metavar="NAME", help="người ký (họ tên, chức vụ)")
    parser.add_argument(
        "--sent-via", default="paper", choices=list(SENT_VIA), help="cách gửi (mặc định: giấy)"
    )
    add_officer(parser)
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from desktop.core.status import label_vi
    from desktop.services.apology import apologise

    with acting(args) as (store, officer):
        state = apologise(store, officer, args.code, args.reason, args.signer, sent_via=args.sent_via)
    print(f"{state.code}\t{label_vi(state.status)}\txin lỗi đã ghi nhận")
    return 0

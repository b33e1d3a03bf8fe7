"""`motcua dossier return CODE [--receiver-name NAME --receiver-id ID [--authorisation REF]] [--post WAYBILL]`:
the result is handed over (status 10); no option: to the owner at the counter."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.dossier._common import acting, add_at, add_officer, moment


def register(verbs: Any) -> None:
    parser = verbs.add_parser("return", help="trả kết quả tại bộ phận một cửa hoặc gửi qua bưu chính")
    parser.add_argument("code", metavar="CODE", help="mã hồ sơ")
    parser.add_argument("--receiver-name", default=None, metavar="NAME", help="người nhận thay chủ hồ sơ")
    parser.add_argument("--receiver-id", default="", metavar="ID", help="số giấy tờ tùy thân của người nhận")
    parser.add_argument("--authorisation", default="", metavar="REF", help="số, ngày giấy ủy quyền")
    parser.add_argument("--originals", default="", metavar="TEXT", help="giấy tờ bản chính trả lại")
    parser.add_argument("--post", default=None, metavar="WAYBILL", help="gửi qua bưu chính, mã vận đơn")
    add_at(parser)
    add_officer(parser)
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from desktop.core.status import label_vi
    from desktop.services.result import Receiver, ReceiverKind, post_result, return_result

    with acting(args) as (store, officer):
        if args.post is not None:
            state = post_result(store, officer, args.code, args.post, at=moment(args.at))
            how = f"Bưu chính {args.post.strip()}"
        else:
            if args.receiver_name is None and not args.receiver_id:
                receiver = Receiver(originals_returned=args.originals)
            else:
                kind = ReceiverKind.AUTHORISED if args.authorisation.strip() else ReceiverKind.OTHER
                receiver = Receiver(
                    kind, args.receiver_name or "", args.receiver_id, args.authorisation, args.originals
                )
            state = return_result(store, officer, args.code, receiver, at=moment(args.at))
            how = "Tại bộ phận một cửa"
    print(f"{state.code}\t{label_vi(state.status)}\t{how}")
    return 0

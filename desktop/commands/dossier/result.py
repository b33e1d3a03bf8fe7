"""`motcua dossier result CODE [--refused REASON] [--document-number N] [--signer NAME]`: the result is
at the counter (status 9); no option: granted, now."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.dossier._common import acting, add_at, add_officer, moment


def register(verbs: Any) -> None:
    parser = verbs.add_parser("result", help="ghi nhận hồ sơ đã có kết quả (đã xử lý xong)")
    parser.add_argument("code", metavar="CODE", help="mã hồ sơ")
    parser.add_argument("--refused", default="", metavar="REASON", help="kết quả từ chối, với lý do")
    parser.add_argument("--document-number", default="", metavar="N", help="số, ký hiệu văn bản kết quả")
    parser.add_argument("--signer", default="", metavar="NAME", help="người ký văn bản kết quả")
    parser.add_argument("--issued-on", default=None, metavar="ISO", help="ngày ký văn bản kết quả")
    parser.add_argument(
        "--scan", default=None, metavar="FILE", help="bản quét kết quả (PDF, JPEG, PNG, TIFF)"
    )
    add_at(parser)
    add_officer(parser)
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from desktop.core.status import label_vi
    from desktop.services.result import record_result

    with acting(args) as (store, officer):
        state = record_result(
            store,
            officer,
            args.code,
            refused_reason=args.refused,
            document_number=args.document_number,
            signer=args.signer,
            issued_at=moment(args.issued_on),
            scan=Path(args.scan) if args.scan else None,
            at=moment(args.at),
        )
    outcome = "Từ chối" if args.refused.strip() else "Chấp thuận"
    print(f"{state.code}\t{label_vi(state.status)}\t{outcome}")
    return 0

"""`motcua dossier supplement CODE --reason TEXT (--paper N | --name TEXT)... [--letter FILE.pdf]`: ask for
missing or incomplete papers (status 5, form 02; the legal clock stops), at the counter or during processing
(`desktop.services.intake.request_supplement`). `--paper N` names a paper line of the dossier by its number
(as listed on the receipt), `--name TEXT` another paper; both may repeat. `--letter` writes form 02."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.dossier._common import acting, add_at, add_officer, add_pdf_option, moment, print_letter


def register(verbs: Any) -> None:
    parser = verbs.add_parser(
        "supplement", help="yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02, dừng tính thời hạn)"
    )
    parser.add_argument("code", metavar="CODE", help="mã hồ sơ")
    parser.add_argument("--reason", required=True, metavar="TEXT", help="lý do, nội dung cần bổ sung")
    parser.add_argument(
        "--paper", type=int, action="append", default=[], metavar="N", help="số thứ tự giấy tờ cần bổ sung"
    )
    parser.add_argument(
        "--name", action="append", default=[], metavar="TEXT", help="giấy tờ khác cần bổ sung"
    )
    add_pdf_option(parser, "--letter", "ghi phiếu yêu cầu bổ sung (mẫu 02)")
    add_at(parser)
    add_officer(parser)
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from desktop.core.status import label_vi
    from desktop.services.intake import MissingItem, request_supplement

    missing = [MissingItem(args.reason, position=n) for n in args.paper]
    missing += [MissingItem(args.reason, name=name) for name in args.name]
    with acting(args) as (store, officer):
        state = request_supplement(store, officer, args.code, missing, args.reason, at=moment(args.at))
        print(f"{state.code}\t{label_vi(state.status)}")
        print_letter(store, "supplement", state.code, args.letter)
    return 0

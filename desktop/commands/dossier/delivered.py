"""`motcua dossier delivered CODE [--at ISO] [--note TEXT]`: the post delivered the result it was handed."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.dossier._common import acting, add_at, add_officer, moment


def register(verbs: Any) -> None:
    parser = verbs.add_parser("delivered", help="ghi nhận bưu chính đã phát kết quả")
    parser.add_argument("code", metavar="CODE", help="mã hồ sơ")
    add_at(parser, "ngày giờ phát, dạng ISO (mặc định: bây giờ)")
    parser.add_argument("--note", default="", metavar="TEXT", help="ghi chú (tùy chọn), ví dụ người ký nhận")
    add_officer(parser)
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from desktop.services.result import record_delivery

    with acting(args) as (store, officer):
        state = record_delivery(store, officer, args.code, delivered_at=moment(args.at), note=args.note)
    print(f"{state.code}\tĐã phát")
    return 0

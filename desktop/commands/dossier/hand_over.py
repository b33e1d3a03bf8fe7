"""`motcua dossier hand-over CODE --to TEXT [--person NAME]`: the counter hands a dossier to its processing body."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.dossier._common import acting, add_officer


def register(verbs: Any) -> None:
    parser = verbs.add_parser("hand-over", help="chuyển hồ sơ cho bộ phận, cơ quan giải quyết")
    parser.add_argument("code", metavar="CODE", help="mã hồ sơ")
    parser.add_argument("--to", required=True, metavar="TEXT", help="bộ phận, cơ quan nhận hồ sơ")
    parser.add_argument("--person", default="", metavar="NAME", help="người nhận hồ sơ")
    add_officer(parser)
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from desktop.core.status import label_vi
    from desktop.services.followup import hand_over

    with acting(args) as (store, officer):
        state = hand_over(store, officer, args.code, args.to, args.person)
    print(f"{state.code}\t{label_vi(state.status)}\t{args.to}")
    return 0

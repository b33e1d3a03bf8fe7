"""`motcua dossier undo CODE --reason TEXT`: reverse the dossier's latest step by a correcting event
(the officer who recorded it, the same day); nothing is deleted."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.dossier._common import acting, add_officer


def register(verbs: Any) -> None:
    parser = verbs.add_parser("undo", help="hoàn tác bước vừa ghi nhầm (ghi một sự kiện đính chính)")
    parser.add_argument("code", metavar="CODE", help="mã hồ sơ")
    parser.add_argument("--reason", required=True, metavar="TEXT", help="lý do hoàn tác")
    add_officer(parser)
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from desktop.core.status import label_vi
    from desktop.services.corrections import undo_last_step

    with acting(args) as (store, officer):
        state = undo_last_step(store, officer, args.code, args.reason)
    print(f"{state.code}\t{label_vi(state.status)}")
    return 0

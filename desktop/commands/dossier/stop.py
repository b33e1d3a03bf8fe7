"""`motcua dossier stop CODE --reason TEXT [--letter FILE.pdf]`: stop processing the dossier for good
(status 8, form 05 with the reason; `desktop.services.followup.stop_processing`); `--letter` writes form 05."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.dossier._common import acting, add_officer, add_pdf_option, print_letter


def register(verbs: Any) -> None:
    parser = verbs.add_parser("stop", help="dừng giải quyết hồ sơ (mẫu 05, ghi lý do)")
    parser.add_argument("code", metavar="CODE", help="mã hồ sơ")
    parser.add_argument("--reason", required=True, metavar="TEXT", help="lý do dừng giải quyết")
    add_pdf_option(parser, "--letter", "ghi thông báo dừng (mẫu 05)")
    add_officer(parser)
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from desktop.core.status import label_vi
    from desktop.services.followup import stop_processing

    with acting(args) as (store, officer):
        state = stop_processing(store, officer, args.code, args.reason)
        print(f"{state.code}\t{label_vi(state.status)}")
        print_letter(store, "stop", state.code, args.letter)
    return 0

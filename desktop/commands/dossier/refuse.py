"""`motcua dossier refuse CODE --reason TEXT [--letter FILE.pdf]`: refuse a dossier (status 3, form 03 with
the reason): an online submission waiting at the counter, or a received dossier the table still allows to
refuse (`desktop.services.intake.refuse`); `--letter` writes form 03 (a copy is kept under `printed/`)."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.dossier._common import acting, add_officer, add_pdf_option, print_letter


def register(verbs: Any) -> None:
    parser = verbs.add_parser("refuse", help="từ chối tiếp nhận hồ sơ (mẫu 03, ghi lý do)")
    parser.add_argument("code", metavar="CODE", help="mã hồ sơ")
    parser.add_argument("--reason", required=True, metavar="TEXT", help="lý do từ chối")
    add_pdf_option(parser, "--letter", "ghi phiếu từ chối (mẫu 03)")
    add_officer(parser)
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from desktop.core.status import label_vi
    from desktop.services.intake import refuse

    with acting(args) as (store, officer):
        state = refuse(store, officer, args.code, args.reason)
        print(f"{state.code}\t{label_vi(state.status)}")
        print_letter(store, "refusal", state.code, args.letter)
    return 0

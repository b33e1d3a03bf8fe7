"""`motcua dossier accept CODE [--receipt FILE.pdf]`: accept an online submission waiting at the counter
(`motcua worklist online-waiting`): status 2, the appointment counted from now by the legal clock
(`desktop.services.online_intake`); `--receipt` writes form 01 (a copy is kept under `printed/`)."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.dossier._common import (
    acting,
    add_due,
    add_officer,
    add_pdf_option,
    moment,
    print_letter,
)


def register(verbs: Any) -> None:
    parser = verbs.add_parser("accept", help="tiếp nhận một hồ sơ nộp trực tuyến (trạng thái Mới đăng ký)")
    parser.add_argument("code", metavar="CODE", help="mã hồ sơ")
    add_pdf_option(parser, "--receipt", "ghi phiếu tiếp nhận (mẫu 01)")
    add_due(parser)
    add_officer(parser)
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from desktop.core.status import label_vi
    from desktop.services.online_intake import accept_online

    with acting(args) as (store, officer):
        state = accept_online(store, officer, args.code, due_at=moment(args.due))
        due = f"{state.due_at:%H:%M %d/%m/%Y}" if state.due_at else ""
        print(f"{state.code}\t{label_vi(state.status)}\tHẹn trả: {due}")
        print_letter(store, "receipt", state.code, args.receipt)
    return 0

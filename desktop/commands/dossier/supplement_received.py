"""`motcua dossier supplement-received CODE [--paper N]... [--receipt FILE.pdf]`: the applicant brought the
papers asked for: the legal clock runs again and the appointment moves by the time it stood still; the
dossier goes back to 4 when it had been handed over, else to 2 (`desktop.services.intake.supplement_received`).
Without `--paper` every paper asked for is received. Prints the new appointment; `--receipt` writes the
receipt with it."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.dossier._common import acting, add_at, add_officer, add_pdf_option, moment, print_letter


def register(verbs: Any) -> None:
    parser = verbs.add_parser(
        "supplement-received", help="nhận hồ sơ bổ sung (tiếp tục tính thời hạn, dời ngày hẹn trả)"
    )
    parser.add_argument("code", metavar="CODE", help="mã hồ sơ")
    parser.add_argument(
        "--paper",
        type=int,
        action="append",
        default=None,
        metavar="N",
        help="số thứ tự giấy tờ đã bổ sung (mặc định: tất cả)",
    )
    add_pdf_option(parser, "--receipt", "ghi phiếu tiếp nhận với ngày hẹn mới")
    add_at(parser)
    add_officer(parser)
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from desktop.core.status import label_vi
    from desktop.services.intake import supplement_received

    with acting(args) as (store, officer):
        state = supplement_received(store, officer, args.code, positions=args.paper, at=moment(args.at))
        due = state.due_at.strftime("%H:%M %d/%m/%Y") if state.due_at else ""
        print(f"{state.code}\t{label_vi(state.status)}\t{due}")
        print_letter(store, "receipt", state.code, args.receipt)
    return 0

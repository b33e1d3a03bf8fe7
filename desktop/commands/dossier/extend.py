"""`motcua dossier extend CODE --reason TEXT (--days N | --to ISO) [--letter FILE.pdf]`: apologise and give a
new appointment before the one in force is missed (form 04; `desktop.services.followup.extend_due`). `--days
N`: N working days (1-10) after the appointment in force, at the same time of day, as the dossier view
suggests; `--to`: any later moment. Prints the new appointment; `--letter` writes form 04."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.dossier._common import acting, add_officer, add_pdf_option, moment, print_letter


def register(verbs: Any) -> None:
    parser = verbs.add_parser("extend", help="xin lỗi và hẹn lại ngày trả kết quả (mẫu 04)")
    parser.add_argument("code", metavar="CODE", help="mã hồ sơ")
    parser.add_argument("--reason", required=True, metavar="TEXT", help="lý do chậm trả kết quả")
    when = parser.add_mutually_exclusive_group(required=True)
    when.add_argument("--days", type=int, metavar="N", help="số ngày làm việc sau ngày hẹn hiện tại (1-10)")
    when.add_argument("--to", metavar="ISO", help="ngày giờ hẹn trả mới, dạng ISO (2026-12-10T16:00)")
    add_pdf_option(parser, "--letter", "ghi thư xin lỗi, hẹn lại (mẫu 04)")
    add_officer(parser)
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from desktop.core.errors import ValidationError
    from desktop.core.status import label_vi
    from desktop.services.dossier_detail import load_detail
    from desktop.services.followup import extend_due

    with acting(args) as (store, officer):
        if args.days is not None:
            choices = load_detail(store, args.code).extension_choices
            if not 1 <= args.days <= len(choices):
                raise ValidationError(
                    f"Số ngày làm việc gia hạn phải từ 1 đến {len(choices)}; ngày khác: dùng --to.", "days"
                )
            new_due = choices[args.days - 1]
        else:
            new_due = moment(args.to)
        assert new_due is not None
        state = extend_due(store, officer, args.code, new_due, args.reason)
        due = state.due_at.strftime("%H:%M %d/%m/%Y") if state.due_at else ""
        print(f"{state.code}\t{label_vi(state.status)}\t{due}")
        print_letter(store, "apology", state.code, args.letter)
    return 0

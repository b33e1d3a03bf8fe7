"""`motcua catalogue confirm-time CODE --amount N --unit days|hours|sameday [--cutoff HH:MM] --basis TEXT
[--officer USERNAME]`: the unit administrator confirms the time limit of a procedure the catalogue marks
"thời hạn chưa xác nhận" (`desktop.services.time_limits.confirm_time_limit`); intake computes the appointment
from it from then on, and it goes up to the province at the next sync. Without CODE's options,
`--list` prints the procedures without a confirmed limit and the confirmation in force for each."""

from __future__ import annotations

import argparse
import math
from datetime import datetime, time

from desktop.core.appointment import UNITS


def register(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = actions.add_parser(
        "confirm-time",
        help="quản trị viên xác nhận thời hạn giải quyết của thủ tục có thời hạn chưa xác nhận",
    )
    parser.add_argument("code", metavar="CODE", nargs="?", default=None, help="mã thủ tục, ví dụ 1.001193")
    parser.add_argument(
        "--amount", default=None, metavar="N", help="thời hạn (số ngày hoặc giờ; 0 nếu trong ngày)"
    )
    parser.add_argument("--unit", default=None, choices=UNITS, help="đơn vị: " + ", ".join(UNITS))
    parser.add_argument("--cutoff", default=None, metavar="HH:MM", help="giờ chốt của thủ tục trong ngày")
    parser.add_argument(
        "--basis", default=None, metavar="TEXT", help="căn cứ pháp lý hoặc ghi chú (bắt buộc)"
    )
    parser.add_argument("--list", action="store_true", help="liệt kê các thủ tục có thời hạn chưa xác nhận")
    parser.add_argument(
        "--officer", default=None, metavar="USERNAME", help="tên đăng nhập của quản trị viên thực hiện"
    )
    parser.set_defaults(func=run, profile_log=True)


def _amount(text: str | None) -> float:
    from desktop.core.errors import ValidationError

    try:
        value = float((text or "").replace(",", "."))
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ValidationError(f"Thời hạn '{text or ''}' không phải là một số (ví dụ --amount 5).", "amount")
    return value


def _cutoff(text: str | None) -> time | None:
    from desktop.core.errors import ValidationError

    if text is None:
        return None
    try:
        return datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError:
        raise ValidationError(
            f"Giờ chốt '{text}' không hợp lệ; dùng dạng HH:MM, ví dụ 15:00.", "cutoff"
        ) from None


def run(args: argparse.Namespace) -> int:
    from desktop.core.errors import ValidationError
    from desktop.services.accounts import acting_officer
    from desktop.services.time_limits import confirm_time_limit, unconfirmed_procedures
    from desktop.store.engine import open_store

    store = open_store(args.data_dir)
    try:
        if args.list:
            for item in unconfirmed_procedures(store):
                said = item.confirmed.label if item.confirmed else "chưa xác nhận"
                print(f"{item.code}\t{item.name}\t{said}")
            return 0
        if args.code is None or args.unit is None or args.basis is None:
            raise ValidationError("Hãy cho CODE, --amount, --unit và --basis (hoặc --list).", "code")
        officer = acting_officer(store, args.officer)
        amount = 0.0 if args.unit == "sameday" and args.amount is None else _amount(args.amount)
        done = confirm_time_limit(
            store, officer, args.code, amount, args.unit, _cutoff(args.cutoff), args.basis
        )
        print(f"{done.code}\t{done.label}\t{done.confirmed_at:%d/%m/%Y %H:%M}\t{done.officer}")
    finally:
        store.close()
    return 0

"""`motcua officer`: the profile's officers and the audit log.

    motcua officer list
    motcua officer audit [--json] [--limit N]
    printf '%s\n%s\n' "$ADMIN_PW" "$NEW_PW" | motcua officer add USERNAME --full-name NAME
        [--role admin|officer|readonly] --admin ADMIN --password-stdin
    printf '%s\n' "$ADMIN_PW" | motcua officer disable|enable|unlock USERNAME --admin ADMIN --password-stdin
    printf '%s\n%s\n' "$ADMIN_PW" "$NEW_PW" | motcua officer reset-password USERNAME --admin ADMIN --password-stdin
    printf '%s\n' "$ADMIN_PW" | motcua officer role USERNAME readonly --admin ADMIN --password-stdin
    printf '%s\n' "$ADMIN_PW" | motcua officer auto-lock MINUTES --admin ADMIN --password-stdin

A change signs the administrator in first (first line of stdin; never on the command line, where other
users could see it), counted by the lockout like any sign-in; the new password, when there is one, is the
second line. A refusal prints a Vietnamese message and exits 2 with nothing changed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from desktop.services.credentials import SignedIn
    from desktop.store.engine import Store


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("officer", help="cán bộ (thêm, ngừng, đặt lại mật khẩu…) và nhật ký")
    sub = parser.add_subparsers(dest="officer_command", metavar="ACTION", required=True)
    sub.add_parser("list", help="liệt kê cán bộ").set_defaults(func=run_list)
    audit = sub.add_parser("audit", help="nhật ký đăng nhập và thay đổi cán bộ, mới nhất trước")
    audit.add_argument("--json", action="store_true", help="in một mảng JSON")
    audit.add_argument("--limit", type=int, default=200, help="số dòng tối đa (mặc định 200)")
    audit.set_defaults(func=run_audit)

    def change(name: str, help_text: str, func: Any) -> argparse.ArgumentParser:
        command: argparse.ArgumentParser = sub.add_parser(name, help=help_text)
        if name != "auto-lock":
            command.add_argument("username", metavar="USERNAME", help="tên đăng nhập của cán bộ")
        command.add_argument("--admin", required=True, metavar="USERNAME", help="quản trị viên thực hiện")
        command.add_argument(
            "--password-stdin",
            action="store_true",
            required=True,
            help="đọc mật khẩu từ stdin (xem trợ giúp)",
        )
        command.set_defaults(func=func, profile_log=True)
        return command

    add = change("add", "thêm cán bộ (dòng 1: mật khẩu quản trị viên, dòng 2: mật khẩu cán bộ mới)", run_add)
    add.add_argument("--full-name", required=True, help="họ và tên cán bộ")
    add.add_argument("--role", default="officer", help="admin | officer (mặc định) | readonly")
    change("disable", "ngừng kích hoạt cán bộ", run_disable)
    change("enable", "kích hoạt lại cán bộ", run_enable)
    change("unlock", "mở khoá tài khoản bị tạm khoá", run_unlock)
    change("reset-password", "đặt lại mật khẩu (dòng 2 của stdin: mật khẩu mới)", run_reset)
    role = change("role", "đổi vai trò", run_role)
    role.add_argument("role", metavar="ROLE", help="admin | officer | readonly")
    lock = change("auto-lock", "số phút không thao tác trước khi tự khoá màn hình", run_auto_lock)
    lock.add_argument("minutes", type=int, metavar="MINUTES")


def _open(data_dir: Path | None) -> Store:
    from desktop.store.engine import DB_NAME, default_data_dir, open_store

    root = (data_dir if data_dir is not None else default_data_dir()).expanduser()
    if not (root / DB_NAME).is_file():
        raise NotFoundError(f"Chưa có hồ sơ dữ liệu tại '{root}' (chạy thiết lập lần đầu trước).")
    return open_store(root)


def _line() -> str:
    return sys.stdin.readline().rstrip("\r\n")


def _as_admin(store: Store, username: str) -> SignedIn:
    from desktop.core import roles
    from desktop.services.accounts import sign_in

    admin = sign_in(store, username, _line())
    roles.require_admin(admin.role)
    return admin


def _when(moment: Any) -> str:
    return moment.strftime("%d/%m/%Y %H:%M") if moment is not None else "—"


def _print_row(row: Any) -> None:
    state = "đang hoạt động" if row.active else "ngừng hoạt động"
    if row.locked_until is not None:
        state += f", tạm khoá đến {_when(row.locked_until)}"
    print(
        f"{row.username}\t{row.full_name}\t{row.role_label}\t{state}\tđăng nhập lần cuối: {_when(row.last_login_at)}"
    )


def run_list(args: argparse.Namespace) -> int:
    from desktop.services.officers import list_officers

    store = _open(args.data_dir)
    try:
        for row in list_officers(store):
            _print_row(row)
    finally:
        store.close()
    return 0


def run_audit(args: argparse.Namespace) -> int:
    from desktop.services.audit import audit_lines

    if args.limit < 1:
        raise ValidationError("--limit phải là số dương.", "limit")
    store = _open(args.data_dir)
    try:
        lines = audit_lines(store, args.limit)
    finally:
        store.close()
    if args.json:
        rows = [
            {
                "at": line.at.isoformat(),
                "action": line.action,
                "label": line.label,
                "officer": line.officer,
                "subject": line.subject,
                "workstation": line.workstation,
                "detail": line.detail,
            }
            for line in lines
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for line in lines:
        about = f" → {line.subject}" if line.subject and line.subject != line.officer else ""
        detail = f" ({line.detail})" if line.detail else ""
        print(f"{_when(line.at)}\tmáy {line.workstation}\t{line.officer or '?'}{about}\t{line.label}{detail}")
    return 0


def _change(args: argparse.Namespace, work: Any) -> int:
    store = _open(args.data_dir)
    try:
        admin = _as_admin(store, args.admin)
        work(store, admin)
    finally:
        store.close()
    return 0


def run_add(args: argparse.Namespace) -> int:
    from desktop.services.officers import add_officer

    def work(store: Store, admin: SignedIn) -> None:
        row = add_officer(store, admin, args.username, args.full_name, _line(), args.role)
        print(f"Đã thêm cán bộ {row.username} ({row.full_name}), vai trò: {row.role_label}.")

    return _change(args, work)


def _activity(args: argparse.Namespace, active: bool) -> int:
    from desktop.services.officers import set_active

    def work(store: Store, admin: SignedIn) -> None:
        row = set_active(store, admin, args.username, active)
        print(f"Cán bộ {row.username}: {'đang hoạt động' if row.active else 'đã ngừng hoạt động'}.")

    return _change(args, work)


def run_disable(args: argparse.Namespace) -> int:
    return _activity(args, False)


def run_enable(args: argparse.Namespace) -> int:
    return _activity(args, True)


def run_unlock(args: argparse.Namespace) -> int:
    from desktop.services.officers import lift_lockout

    def work(store: Store, admin: SignedIn) -> None:
        lifted = lift_lockout(store, admin, args.username)
        print(
            f"Đã mở khoá tài khoản {args.username}."
            if lifted
            else f"Tài khoản {args.username} không bị khoá."
        )

    return _change(args, work)


def run_reset(args: argparse.Namespace) -> int:
    from desktop.services.officers import reset_password

    def work(store: Store, admin: SignedIn) -> None:
        row = reset_password(store, admin, args.username, _line())
        print(f"Đã đặt lại mật khẩu của {row.username}.")

    return _change(args, work)


def run_role(args: argparse.Namespace) -> int:
    from desktop.services.officers import set_role

    def work(store: Store, admin: SignedIn) -> None:
        row = set_role(store, admin, args.username, args.role)
        print(f"Cán bộ {row.username}: vai trò {row.role_label}.")

    return _change(args, work)


def run_auto_lock(args: argparse.Namespace) -> int:
    from desktop.services.officers import set_auto_lock_minutes

    def work(store: Store, admin: SignedIn) -> None:
        minutes = set_auto_lock_minutes(store, admin, args.minutes)
        print(f"Màn hình tự khoá sau {minutes} phút không thao tác.")

    return _change(args, work)

"""`motcua enroll --server URL --username U --password-stdin`: enrol this workstation with the province.

The password is read from stdin (never from the command line, where other users could see it); the
device token goes to the OS keyring. `--workstation N` enrols under another workstation number (when the
province says another workstation of the commune holds this one); it is kept once the server accepts it.
`--replace-workstation`: this machine replaces the one that holds the number (the old one's token is
revoked); only a unit administrator's account may, the server refuses others (403, its message printed).
Errors print a Vietnamese message and exit 2.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("enroll", help="đăng ký máy trạm với máy chủ tỉnh")
    parser.add_argument(
        "--server", required=True, help="địa chỉ máy chủ tỉnh, ví dụ https://motcua.gialai.gov.vn"
    )
    parser.add_argument("--username", required=True, help="tên đăng nhập hệ thống tỉnh")
    parser.add_argument("--password-stdin", action="store_true", required=True, help="đọc mật khẩu từ stdin")
    parser.add_argument("--device-name", default="", help="tên máy trạm hiển thị ở tỉnh")
    parser.add_argument(
        "--workstation",
        type=int,
        default=None,
        metavar="N",
        help="đổi số máy trạm (1-99) khi đăng ký, nếu tỉnh báo số hiện tại đã có máy khác dùng",
    )
    parser.add_argument(
        "--replace-workstation",
        action="store_true",
        help="máy này thay cho máy trạm đang giữ số này (chỉ tài khoản quản trị đơn vị)",
    )
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from desktop.store.engine import open_store
    from sync.client.enrol import enrol

    password = sys.stdin.readline().rstrip("\r\n")
    store = open_store(args.data_dir)
    try:
        done = enrol(
            store,
            args.server,
            args.username,
            password,
            args.device_name,
            args.workstation,
            replace_workstation=args.replace_workstation,
        )
    finally:
        store.close()
    print(f"Đã đăng ký máy trạm với {done.server_url} cho đơn vị {done.unit_code} ({done.unit_name}).")
    print(f"Mã máy trạm: {done.device_id} (máy trạm số {done.workstation})")
    return 0

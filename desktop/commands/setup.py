"""`motcua setup`: the first-run setup without a display, for the province's IT preparing many PCs.

    printf '%s\\n' "$PW" | motcua --data-dir DIR setup --name "Xã Ia Grai" --agency-code H21.55.10 \\
        --province "Gia Lai" --workstation 1 --admin canbo1 --full-name "Nguyễn Văn A" --password-stdin

The same checks and the same transaction as the setup screen (`desktop.services.accounts`): the input is
checked before the profile folder is touched (a bad value: a Vietnamese message, exit 2, nothing made), and a
profile already set up is refused (exit 2, nothing changed). The password is read from the first line of
stdin, never from the command line, where other users could see it.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "setup", help="cài đặt lần đầu không cần màn hình (đơn vị, máy trạm, cán bộ)"
    )
    parser.add_argument("--name", required=True, help="tên xã/phường, ví dụ 'Xã Ia Grai'")
    parser.add_argument(
        "--agency-code", required=True, help="mã định danh của cơ quan do tỉnh cấp, ví dụ H21.55.10"
    )
    parser.add_argument("--province", required=True, help="tỉnh/thành phố, ví dụ 'Gia Lai'")
    parser.add_argument("--workstation", required=True, metavar="N", help="số máy trạm trong đơn vị (1-99)")
    parser.add_argument(
        "--admin", required=True, metavar="USERNAME", help="tên đăng nhập của cán bộ quản trị"
    )
    parser.add_argument("--full-name", required=True, help="họ và tên cán bộ quản trị")
    parser.add_argument(
        "--password-stdin", action="store_true", required=True, help="đọc mật khẩu từ dòng đầu của stdin"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop.services.accounts import SetupData, complete_setup, parse_workstation, validate_setup
    from desktop.store.engine import open_store

    data = SetupData(
        unit_name=args.name,
        unit_code=args.agency_code,
        province=args.province,
        workstation=parse_workstation(args.workstation),
        username=args.admin,
        full_name=args.full_name,
        password=sys.stdin.readline().rstrip("\r\n"),
    )
    validate_setup(data)  # before the profile folder is made
    store = open_store(args.data_dir)
    try:
        officer = complete_setup(store, data)
        root = store.profile.root
    finally:
        store.close()
    print(
        f"Đã cài đặt {officer.unit_name} ({officer.unit_code}), máy trạm số {data.workstation}, "
        f"cán bộ quản trị {officer.username}, tại {root}."
    )
    return 0

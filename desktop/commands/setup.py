"""`motcua setup`: the first-run setup without a display, for the province's IT preparing many PCs.

    printf '%s\\n' "$PW" | motcua --data-dir DIR setup --name "Xã Ia Grai" --agency-code H21.55.10 \\
        --province "Gia Lai" --workstation 1 --admin canbo1 --full-name "Nguyễn Văn A" --password-stdin

The same checks and the same transaction as the setup screen (`desktop.services.accounts`): the input is
checked before the profile folder is touched (a bad value: a Vietnamese message, exit 2, nothing made), and a
profile already set up is refused (exit 2, nothing changed). The password is read from the first line of
stdin, never from the command line, where other users could see it.

Setup makes the store key (`desktop.services.store_key`) and its recovery key, given once:
`--recovery-key-file PATH` writes it there (mode 0600; an existing file is refused before anything is
made), without the option it is printed once on standard output.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from desktop.core.errors import ValidationError


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
    parser.add_argument(
        "--recovery-key-file",
        type=Path,
        metavar="PATH",
        help="ghi khoá khôi phục vào tệp này (quyền 0600) thay vì in ra màn hình",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop.services.accounts import SetupData, complete_setup, parse_workstation, validate_setup
    from desktop.services.store_key import create_store_key, in_keyring
    from desktop.store.engine import encrypt, open_store

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
    key_path: Path | None = args.recovery_key_file
    if key_path is not None and (key_path.exists() or not key_path.parent.is_dir()):
        raise ValidationError(
            f"Không ghi được khoá khôi phục vào '{key_path}' (tệp đã có, hoặc thư mục chứa nó không tồn tại).",
            "recovery_key_file",
        )
    store = open_store(args.data_dir)
    try:
        officer = complete_setup(store, data)
        root = store.profile.root
        recovery_key = create_store_key(store.profile)
    finally:
        store.close()
    encrypt(store.profile, backup=False)  # the new database encrypted now when the keyring holds its key
    if key_path is not None:
        _write_private(key_path, recovery_key)
    print(
        f"Đã cài đặt {officer.unit_name} ({officer.unit_code}), máy trạm số {data.workstation}, "
        f"cán bộ quản trị {officer.username}, tại {root}."
    )
    if not in_keyring(Path(root)):
        print(
            "Lưu ý: kho mật khẩu của hệ điều hành không giữ được khoá dữ liệu (chưa có hoặc đang khoá): "
            "khi sao lưu, khôi phục sẽ cần nhập khoá khôi phục.",
            file=sys.stderr,
        )
    if key_path is None:
        print(f"KHOÁ KHÔI PHỤC (chỉ hiện một lần; in hoặc chép lại và cất nơi an toàn): {recovery_key}")
    else:
        print(
            f"Khoá khôi phục đã ghi vào {key_path} (chỉ chủ tài khoản đọc được): hãy in ra và cất nơi an toàn."
        )
    return 0


def _write_private(path: Path, recovery_key: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(recovery_key + "\n")

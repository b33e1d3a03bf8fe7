"""`motcua setup`: the first-run setup without a display, for the province's IT preparing many PCs.

    printf '%s\\n' "$PW" | motcua --data-dir DIR setup --name "Xã Ia Grai" --agency-code H21.55.10 \\
        --province "Gia Lai" --workstation 1 --admin canbo1 --full-name "Nguyễn Văn A" --password-stdin

The same checks and the same transaction as the setup screen (`desktop.services.accounts`): the input is
checked before the profile folder is touched (a bad value: a Vietnamese message, exit 2, nothing made), and a
profile already set up is refused (exit 2, nothing changed). The password is read from the first line of
stdin, never from the command line, where other users could see it.

Setup makes the store key (`desktop.services.store_key`) first, so the new database is encrypted from its
first page, also on a PC whose keyring is missing or locked (the key is then kept only wrapped by the
recovery key: every later start asks for it, and commands take `motcua --recovery-key-stdin COMMAND`);
a setup that fails removes the key and the database it made. The recovery key is given once:
`--recovery-key-file PATH` writes it there (mode 0600; an existing file is refused before anything is
made), without the option it is printed once on standard output.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.errors import AppError, ValidationError

if TYPE_CHECKING:
    from desktop.store.profile import Profile


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
    from desktop.store import cipher
    from desktop.store.cipher import has_store_key
    from desktop.store.engine import encrypt, open_store
    from desktop.store.profile import prepare_profile

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
    profile = prepare_profile(args.data_dir)
    root = profile.root
    if has_store_key(root) and cipher.is_encrypted(profile.db_path) and not _key_at_hand(root):
        raise ValidationError(
            f"Hồ sơ dữ liệu tại '{root}' đã được cài đặt và mã hoá: không cài đặt lại ở đây (chọn thư mục "
            "khác bằng --data-dir).",
            "data_dir",
        )
    new = not profile.db_path.exists() and not has_store_key(root)
    # a new profile gets its key first: its database is made encrypted, keyring or not (nothing in clear)
    recovery_key = create_store_key(profile) if new else None
    try:
        store = open_store(root)
        try:
            officer = complete_setup(store, data)
            if recovery_key is None:  # a database made before (e.g. the GUI left at its setup screen)
                recovery_key = create_store_key(store.profile)
        finally:
            store.close()
    except BaseException:
        if new:
            _undo(profile)
        raise
    encrypt(store.profile, backup=False)  # a database made plain before: encrypted now
    if key_path is not None:
        _write_private(key_path, recovery_key)
    print(
        f"Đã cài đặt {officer.unit_name} ({officer.unit_code}), máy trạm số {data.workstation}, "
        f"cán bộ quản trị {officer.username}, tại {root}."
    )
    if not in_keyring(Path(root)):
        print(
            "Lưu ý: kho mật khẩu của hệ điều hành không giữ được khoá dữ liệu (chưa có hoặc đang khoá). Dữ liệu "
            "vẫn được mã hoá, nhưng mỗi lần mở chương trình sẽ hỏi khoá khôi phục, và các lệnh motcua cần nó "
            "ở dòng đầu của stdin: motcua --recovery-key-stdin TÊN-LỆNH … (sao lưu: backup create "
            "--recovery-key-stdin).",
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


def _key_at_hand(root: Path) -> bool:
    from desktop.store import cipher

    try:
        return cipher.profile_key(root) is not None
    except AppError:
        return False


def _undo(profile: Profile) -> None:
    """A new profile whose setup failed: its key file and the database just made removed (nothing else
    was there), so a second run starts afresh instead of asking for a recovery key nobody was given."""
    from desktop.services.store_key import key_file
    from desktop.store import cipher

    for path in (
        key_file(profile),
        *(profile.db_path.with_name(profile.db_path.name + s) for s in ("", "-wal", "-shm")),
    ):
        path.unlink(missing_ok=True)
    cipher.forget(profile.root)

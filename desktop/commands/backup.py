"""`motcua backup`: encrypted, verified backups of the store and the scans.

    motcua backup create --to DIR                     # writes motcua-<commune>-may<NN>-<time>.mcbak, then verifies it
    motcua backup verify FILE [--recovery-key-stdin]  # exit 0: opens and every entry matches; 1: what is wrong
    motcua backup restore FILE --data-dir DIR [--recovery-key-stdin]   # into an empty folder only

The key is the store key from the OS keyring (same PC); on another PC, or when the keyring is locked or
absent, `--recovery-key-stdin` reads the recovery key from the first line of stdin. A profile set up before
the store key gets one at its first backup: its recovery key is printed once (keep it).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import Any

from desktop.core.errors import NotFoundError, ValidationError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("backup", help="sao lưu mã hoá: tạo, kiểm tra, khôi phục")
    sub = parser.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    create = sub.add_parser("create", help="tạo bản sao lưu (dữ liệu và ảnh quét) rồi kiểm tra nó")
    create.add_argument("--to", required=True, type=Path, metavar="DIR", help="thư mục (hoặc ổ USB) để ghi")
    verify = sub.add_parser("verify", help="kiểm tra bản sao lưu mở được và còn nguyên vẹn")
    verify.add_argument("file", type=Path, metavar="FILE")
    restore = sub.add_parser("restore", help="khôi phục vào một thư mục trống (--data-dir)")
    restore.add_argument("file", type=Path, metavar="FILE")
    for command in (create, verify, restore):
        command.add_argument(
            "--recovery-key-stdin", action="store_true", help="đọc khoá khôi phục từ dòng đầu của stdin"
        )
    create.set_defaults(func=run_create, profile_log=True)
    verify.set_defaults(func=run_verify)
    restore.set_defaults(func=run_restore)


def _recovery_key(args: argparse.Namespace) -> str | None:
    if not args.recovery_key_stdin:
        return None
    return sys.stdin.readline().strip()


def _root(data_dir: Path | None) -> Path:
    from desktop.store.profile import profile_root

    return profile_root(data_dir)


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r{done * 100 // max(total, 1)}%", end="", file=sys.stderr, flush=True)


def run_create(args: argparse.Namespace) -> int:
    from desktop.services import backup, store_key
    from desktop.store.engine import open_store
    from desktop.store.profile import DB_NAME, Profile

    root = _root(args.data_dir)
    if not (root / DB_NAME).is_file():
        raise NotFoundError(f"Chưa có hồ sơ dữ liệu tại '{root}' (chạy thiết lập lần đầu trước).")
    if not Path(args.to).is_dir():
        raise ValidationError(f"Không có thư mục '{args.to}' để ghi bản sao lưu.", "to")
    recovery = _recovery_key(args)
    created = store_key.ensure_store_key(Profile(root))
    if created is not None:
        print(
            "Hồ sơ dữ liệu này vừa được tạo khoá dữ liệu. KHOÁ KHÔI PHỤC (chỉ hiện một lần, hãy ghi lại và "
            f"cất nơi an toàn):\n{created}",
            file=sys.stderr,
        )
    if recovery is not None:  # also opens an encrypted store whose key the keyring does not give
        store_key.unlock_profile(Profile(root), recovery)
    store = open_store(root)
    try:
        key = store_key.load_store_key(store.profile, recovery)
        made = backup.create_backup(store, args.to, key, _progress)
        checked = backup.verify_backup(made.path, recovery, against=store)
    finally:
        store.close()
    print(
        f"Đã sao lưu và kiểm tra: {checked.path} ({checked.size:,} byte, {checked.scans} tệp ảnh quét).".replace(
            ",", "."
        )
    )
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from desktop.services import backup, store_key
    from desktop.store.engine import open_store
    from desktop.store.profile import DB_NAME, Profile

    root = _root(args.data_dir)
    recovery = _recovery_key(args)
    against = (root / DB_NAME).is_file() and args.data_dir is not None
    if against and recovery is not None and store_key.read_wrapped(Profile(root)) is not None:
        with contextlib.suppress(ValidationError):  # another profile's key: the keyring's opens this one
            store_key.unlock_profile(Profile(root), recovery)  # its own: the store opens without the keyring
    store = open_store(root) if against else None
    try:
        info = backup.verify_backup(args.file, recovery, against=store)
    except ValidationError as exc:
        print(f"motcua: bản sao lưu KHÔNG dùng được: {exc}", file=sys.stderr)
        return 1
    finally:
        if store is not None:
            store.close()
    print(
        f"Bản sao lưu nguyên vẹn: {info.commune_name} ({info.commune_code}), máy trạm số {info.workstation}, "
        f"lập lúc {info.created_at:%H:%M ngày %d/%m/%Y}, {len(info.entries)} mục, {info.scans} tệp ảnh quét."
    )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from desktop.services import restore

    if args.data_dir is None:
        raise ValidationError("Hãy chỉ rõ thư mục trống để khôi phục vào (--data-dir DIR).", "data_dir")
    info = restore.restore_backup(args.file, args.data_dir, _recovery_key(args))
    print(
        f"Đã khôi phục bản sao lưu của {info.commune_name} ({info.commune_code}), máy trạm số {info.workstation}, "
        f"lập lúc {info.created_at:%H:%M ngày %d/%m/%Y}, vào {Path(args.data_dir).expanduser()}."
    )
    return 0

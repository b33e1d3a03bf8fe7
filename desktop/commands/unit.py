"""`motcua unit`: the unit's settings after setup.

    motcua unit show
    motcua unit set [--office-hours "07:30-11:30,13:30-17:00"] [--lookup-url URL] [--province NAME]
                    [--register-book TEXT]

`set` checks every value first and writes them all in one transaction (`desktop.services.unit_settings`);
a bad value prints a Vietnamese message and exits 2 with nothing written. Neither creates a profile.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.core.errors import NotFoundError, ValidationError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("unit", help="xem, sửa thông tin đơn vị (giờ làm việc, địa chỉ tra cứu…)")
    sub = parser.add_subparsers(dest="unit_command", metavar="ACTION", required=True)
    show = sub.add_parser("show", help="in thông tin đơn vị")
    show.set_defaults(func=run_show)
    change = sub.add_parser("set", help="sửa thông tin đơn vị")
    change.add_argument("--office-hours", default=None, help='giờ làm việc, ví dụ "07:30-11:30,13:30-17:00"')
    change.add_argument(
        "--lookup-url", default=None, help="địa chỉ tra cứu hồ sơ của tỉnh, có {code}; '' để bỏ"
    )
    change.add_argument("--province", default=None, help="tỉnh/thành phố")
    change.add_argument("--register-book", default=None, help="quyển số của sổ theo dõi hồ sơ")
    change.set_defaults(func=run_set)


def _open(data_dir: Path | None) -> Any:
    from desktop.store.engine import DB_NAME, default_data_dir, open_store

    root = (data_dir if data_dir is not None else default_data_dir()).expanduser()
    if not (root / DB_NAME).is_file():
        raise NotFoundError(f"Chưa có hồ sơ dữ liệu tại '{root}' (chạy thiết lập lần đầu trước).")
    return open_store(root)


def _print(unit: Any) -> None:
    print(f"Đơn vị: {unit.name} ({unit.code})")
    print(f"Tỉnh/thành phố: {unit.province or '—'}")
    print(f"Giờ làm việc: {unit.office_hours}")
    print(f"Địa chỉ tra cứu: {unit.lookup_url or '— (mã QR chỉ chứa mã hồ sơ)'}")
    print(f"Quyển số sổ theo dõi: {unit.register_book or '—'}")


def run_show(args: argparse.Namespace) -> int:
    from desktop.services.unit_settings import load_unit_settings

    store = _open(args.data_dir)
    try:
        unit = load_unit_settings(store)
    finally:
        store.close()
    _print(unit)
    return 0


def run_set(args: argparse.Namespace) -> int:
    from desktop.services.unit_settings import UnitChanges, update_unit_settings

    changes = UnitChanges(
        province=args.province,
        lookup_url=args.lookup_url,
        office_hours=args.office_hours,
        register_book=args.register_book,
    )
    if all(value is None for value in vars(changes).values()):
        raise ValidationError(
            "Hãy cho biết cần sửa gì: --office-hours, --lookup-url, --province hoặc --register-book."
        )
    store = _open(args.data_dir)
    try:
        unit = update_unit_settings(store, changes)
    finally:
        store.close()
    print("Đã lưu thông tin đơn vị.")
    _print(unit)
    return 0

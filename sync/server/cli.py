"""`motcua-server`: run the reference provincial endpoint, or administer its accounts and devices.

motcua-server --db URL --host 127.0.0.1 --port 8765
motcua-server --db URL --blob-dir /mnt/scans       # scans on shared storage (default: beside the database)
motcua-server --db URL --upload-expiry 168          # an unfinished scan upload expires after 168 hours (7 days)
motcua-server --db training.sqlite3 --training      # a training server: takes demo profiles and their data
motcua-server --db URL admin create-unit --code H21.55.10 --name "Xã Ia Grai"
echo secret | motcua-server --db URL admin create-officer --unit H21.55.10 --username u --password-stdin
motcua-server --db URL admin grant-admin --unit H21.55.10 --username u   # revoke-admin takes it back
motcua-server --db URL admin replace-device --unit H21.55.10 --workstation 1
motcua-server --db URL admin revoke-device DEVICE_ID   # or --unit H21.55.10 --workstation 1
motcua-server --db URL admin issue-numbers --unit H21.55.10 --day 2026-11-20 --count 10
motcua-server --db URL admin report --unit H21.55.10
motcua-server --db URL [--blob-dir DIR] admin submit-online --unit H21.55.10 ho-so.json   # an online submission
motcua-server --db URL admin set-status H21.55.10-261203-5001 9 --note "Đã có quyết định"   # an upstream step
motcua-server --db URL admin publish-catalogue procedures-2027.json [--unit H21.55.10]   # to the counters
motcua-server --db URL admin publish-calendar lich-2027.json [--unit H21.55.10]
motcua-server --db URL admin set-unit-settings --unit H21.55.10 --office-hours "07:00-11:00,13:00-17:00"
motcua-server --db URL [--blob-dir DIR] admin purge-uploads [--older-than 168]   # abandoned scan uploads
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from sync.common.errors import AppError, ValidationError
from sync.common.text import kilobytes
from sync.common.timeutil import now_local
from sync.server.audit import audit, to_stderr
from sync.server.blobstore import FileBlobStorage
from sync.server.store import ServerStore
from sync.server.uploads import UPLOAD_MAX_AGE, purge_uploads
from sync.server.upstream import set_status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="motcua-server", description="Máy chủ đồng bộ cấp tỉnh của Một Cửa."
    )
    parser.add_argument(
        "--db", default="motcua-server.sqlite3", help="URL cơ sở dữ liệu (sqlite:///… hoặc postgresql://…)"
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--training",
        action="store_true",
        help="máy chủ tập huấn: nhận hồ sơ dữ liệu mẫu (demo); không dùng cho dữ liệu thật",
    )
    parser.add_argument(
        "--blob-dir",
        default=None,
        help="thư mục lưu bản số hoá (có thể là ổ dùng chung đã gắn vào); mặc định cạnh tệp SQLite",
    )
    parser.add_argument(
        "--upload-expiry",
        type=_hours,
        default=UPLOAD_MAX_AGE,
        metavar="HOURS",
        help="số giờ một lượt tải bản số hoá chưa xong được giữ, rồi bị xoá (mặc định 168 = 7 ngày)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    admin = sub.add_parser("admin", help="quản trị đơn vị, tài khoản, máy trạm")
    admin.add_argument("--db", default=argparse.SUPPRESS, help="như --db ở trên (có thể đặt sau `admin`)")
    admin.add_argument("--blob-dir", default=argparse.SUPPRESS, help="như --blob-dir ở trên")
    actions = admin.add_subparsers(dest="action", metavar="ACTION", required=True)
    unit = actions.add_parser("create-unit", help="tạo đơn vị (xã/phường)")
    unit.add_argument("--code", required=True)
    unit.add_argument("--name", required=True)
    officer = actions.add_parser("create-officer", help="tạo tài khoản cán bộ")
    officer.add_argument("--unit", required=True)
    officer.add_argument("--username", required=True)
    officer.add_argument("--full-name", default="")
    officer.add_argument("--password-stdin", action="store_true", required=True)
    for action, text in (
        ("grant-admin", "cấp quyền quản trị đơn vị (được thay máy trạm) cho một tài khoản"),
        ("revoke-admin", "bỏ quyền quản trị đơn vị của một tài khoản"),
    ):
        role = actions.add_parser(action, help=text)
        role.add_argument("--unit", required=True)
        role.add_argument("--username", required=True)
    replace = actions.add_parser(
        "replace-device", help="thay máy trạm: thu hồi máy đang giữ số này, máy mới đăng ký số này được nhận"
    )
    replace.add_argument("--unit", required=True, help="mã đơn vị của máy trạm")
    replace.add_argument("--workstation", type=int, required=True, help="số máy trạm trong đơn vị")
    revoke = actions.add_parser("revoke-device", help="thu hồi mã của một máy trạm")
    revoke.add_argument(
        "device_id", nargs="?", default=None, help="mã máy trạm (hoặc --unit và --workstation)"
    )
    revoke.add_argument("--unit", default=None, help="mã đơn vị của máy trạm")
    revoke.add_argument("--workstation", type=int, default=None, help="số máy trạm trong đơn vị")
    numbers = actions.add_parser("issue-numbers", help="lấy số hồ sơ cho chính hệ thống tỉnh")
    numbers.add_argument("--unit", required=True)
    numbers.add_argument("--day", type=date.fromisoformat, default=None)
    numbers.add_argument("--count", type=int, default=1)
    report = actions.add_parser("report", help="số hồ sơ và sự kiện tỉnh đang giữ (JSON)")
    report.add_argument("--unit", required=True)
    online = actions.add_parser(
        "submit-online",
        help="đặt một hồ sơ nộp trực tuyến (thử nghiệm, tập huấn) để bộ phận một cửa tiếp nhận",
    )
    online.add_argument("--unit", required=True)
    online.add_argument("file", type=Path, help="tệp JSON như `motcua dossier receive`, có thể kèm `files`")
    step = actions.add_parser(
        "set-status", help="chuyển trạng thái một hồ sơ ở cấp trên (gửi về máy trạm ở lượt đồng bộ sau)"
    )
    step.add_argument("code", help="mã hồ sơ")
    step.add_argument("status_code", type=int, help="mã trạng thái mới (TrangThaiHoSo 1-10)")
    step.add_argument("--note", default="", help="ghi chú của cơ quan giải quyết")
    for action, text in (
        ("publish-catalogue", "gửi một phiên bản danh mục thủ tục (có ngày hiệu lực) xuống các máy trạm"),
        ("publish-calendar", "gửi lịch làm việc chính thức các năm tới xuống các máy trạm"),
    ):
        publish = actions.add_parser(action, help=text)
        publish.add_argument("file", type=Path, help="tệp JSON (định dạng như dữ liệu kèm phần mềm)")
        publish.add_argument("--unit", default=None, help="chỉ gửi cho đơn vị này (mặc định: mọi đơn vị)")
    unit_settings = actions.add_parser(
        "set-unit-settings", help="đổi giờ làm việc, địa chỉ tra cứu của một đơn vị (gửi về máy trạm)"
    )
    unit_settings.add_argument("--unit", required=True)
    unit_settings.add_argument("--office-hours", default=None, help='ví dụ "07:30-11:30,13:30-17:00"')
    unit_settings.add_argument("--lookup-url", default=None, help="địa chỉ tra cứu có {code}")
    corrections = actions.add_parser(
        "corrections",
        help="các thời hạn giải quyết do đơn vị xác nhận (thủ tục có thời hạn chưa xác nhận; JSON)",
    )
    corrections.add_argument("--unit", default=None, help="chỉ của đơn vị này (mặc định: mọi đơn vị)")
    purge = actions.add_parser(
        "purge-uploads", help="xoá các lượt tải bản số hoá bỏ dở (quá hạn) và cho biết dung lượng giải phóng"
    )
    purge.add_argument(
        "--older-than",
        type=_hours,
        default=UPLOAD_MAX_AGE,
        metavar="HOURS",
        help="xoá lượt tải tạo cách đây hơn chừng ấy giờ (mặc định 168 = 7 ngày)",
    )
    return parser


def _hours(text: str) -> timedelta:
    try:
        hours = float(text)
    except ValueError:
        hours = -1.0
    if not 0 <= hours <= 24 * 366:
        raise argparse.ArgumentTypeError(f"cần một số giờ từ 0 đến 8784, không phải '{text}'")
    return timedelta(hours=hours)


def _blob_storage(store: ServerStore, blob_dir: str | None) -> FileBlobStorage:
    from sync.server.app import default_blob_dir

    return FileBlobStorage(Path(blob_dir) if blob_dir else default_blob_dir(store))


def _admin(store: ServerStore, args: argparse.Namespace) -> int:
    if args.action == "create-unit":
        store.create_unit(args.code, args.name)
        print(f"Đã tạo đơn vị {args.code}.")
    elif args.action == "create-officer":
        password = sys.stdin.readline().rstrip("\r\n")
        store.create_officer(args.unit, args.username, password, args.full_name)
        print(f"Đã tạo tài khoản {args.username}.")
    elif args.action in ("grant-admin", "revoke-admin"):
        granted = args.action == "grant-admin"
        store.set_unit_admin(args.unit, args.username, granted)
        audit.info(
            "province admin command: unit administrator role %s username %r of unit %s",
            "granted to" if granted else "taken from", args.username, args.unit,
        )  # fmt: skip
        print(
            f"Đã {'cấp' if granted else 'bỏ'} quyền quản trị đơn vị {args.unit} "
            f"{'cho' if granted else 'của'} tài khoản {args.username}."
        )
    elif args.action == "replace-device":
        name = store.replace_device(args.unit, args.workstation)
        audit.info(
            "province admin command: device of unit %s workstation %s (device name %r) revoked for replacement",
            args.unit, args.workstation, name,
        )  # fmt: skip
        print(
            f"Đã thu hồi máy trạm số {args.workstation} ('{name or 'không tên'}') của đơn vị {args.unit}: "
            f"máy mới đăng ký với số máy trạm {args.workstation} sẽ nhận số này."
        )
    elif args.action == "revoke-device":
        device_id = args.device_id
        if device_id is None:
            if args.unit is None or args.workstation is None:
                raise ValidationError("Hãy cho mã máy trạm, hoặc --unit và --workstation.", "device_id")
            device_id = store.device_at(args.unit, args.workstation)
        store.revoke_device(device_id)
        audit.info("province admin command: device %s revoked", device_id)
        print(f"Đã thu hồi máy trạm {device_id}.")
    elif args.action == "issue-numbers":
        with store.transaction() as session:
            unit_id = store.unit_by_code(session, args.unit).id
        first, last = store.reserve_numbers(unit_id, args.day or now_local().date(), args.count, None)
        print(json.dumps({"first": first, "last": last}))
    elif args.action == "report":
        print(json.dumps(store.report(args.unit), ensure_ascii=False))
    elif args.action == "submit-online":
        placed = _submit_online(store, args)
        audit.info("province admin command: online submission %s placed for unit %s", placed, args.unit)
        print(f"Đã đặt hồ sơ nộp trực tuyến {placed} cho đơn vị {args.unit}.")
    elif args.action == "set-status":
        with store.transaction() as session:
            item = set_status(session, args.code, args.status_code, args.note)
        audit.info(
            "province admin command: dossier %s set to status %s upstream",
            item.dossier_code,
            item.status_code,
        )
        print(f"Đã chuyển hồ sơ {item.dossier_code} sang trạng thái {item.status_code}.")
    elif args.action in ("publish-catalogue", "publish-calendar"):
        _publish(store, args)
    elif args.action == "set-unit-settings":
        from sync.server.publish import announce, unit_settings_change

        change = unit_settings_change(args.unit, args.office_hours, args.lookup_url)
        with store.transaction() as session:
            announce(session, change, args.unit)
        audit.info("province admin command: settings of unit %s changed", args.unit)
        print(f"Đã gửi thông tin mới của đơn vị {args.unit}; máy trạm nhận ở lượt đồng bộ sau.")
    elif args.action == "corrections":
        from sync.server.corrections import list_corrections

        with store.transaction() as session:
            rows = list_corrections(session, args.unit)
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
    elif args.action == "purge-uploads":
        purged = purge_uploads(store, _blob_storage(store, args.blob_dir), args.older_than)
        audit.info("province admin command: %d abandoned scan uploads purged", purged.uploads)
        print(
            f"Đã xoá {purged.uploads} lượt tải bản số hoá bỏ dở, giải phóng {kilobytes(purged.bytes)} "
            f"({purged.bytes} byte)."
        )
    return 0


def _publish(store: ServerStore, args: argparse.Namespace) -> None:
    from sync.server.publish import announce, calendar_change, catalogue_change

    data = _read_json(args.file)
    item = catalogue_change(data) if args.action == "publish-catalogue" else calendar_change(data)
    with store.transaction() as session:
        units = announce(session, item, args.unit)
    audit.info("province admin command: %s %s published to %d units", item.kind, item.version, units)
    what = (
        f"danh mục thủ tục {item.version} (hiệu lực từ {item.effective_from:%d/%m/%Y})"
        if item.kind == "catalogue_version"
        else f"lịch làm việc {item.version} (năm {', '.join(map(str, item.years))})"
    )
    print(f"Đã gửi {what} cho {units} đơn vị; máy trạm nhận ở lượt đồng bộ sau.")


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(f"Không đọc được tệp '{path}': {exc}.", "file") from None


def _submit_online(store: ServerStore, args: argparse.Namespace) -> str:
    from sync.server.app import default_blob_dir
    from sync.server.blobstore import FileBlobStorage
    from sync.server.online import submit_online

    data = _read_json(args.file)
    storage = FileBlobStorage(Path(args.blob_dir) if args.blob_dir else default_blob_dir(store))
    return submit_online(store, storage, args.unit, data, args.file.parent).dossier_code


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        store = ServerStore(args.db)  # brings the schema to the newest revision first
    except AppError as exc:  # e.g. a database written by a newer server
        print(f"motcua-server: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bad URL or an unreachable database: say so, no traceback
        print(f"motcua-server: không mở được cơ sở dữ liệu '{args.db}': {exc}", file=sys.stderr)
        return 2
    try:
        if args.command == "admin":
            with to_stderr():
                return _admin(store, args)
        import uvicorn

        from sync.server.app import create_app

        app = create_app(store, args.training, _blob_storage(store, args.blob_dir), args.upload_expiry)
        with to_stderr():
            uvicorn.run(app, host=args.host, port=args.port, log_level="info")
        return 0
    except (AppError, OverflowError) as exc:
        print(f"motcua-server: {exc}", file=sys.stderr)
        return 2
    finally:
        store.dispose()


if __name__ == "__main__":
    sys.exit(main())

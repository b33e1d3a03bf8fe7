"""`motcua catalogue`: the procedure catalogue of the profile.

    motcua catalogue import FILE [--effective-from YYYY-MM-DD] [--yes | --dry-run] [--officer USERNAME]
    motcua catalogue list [--field TEXT] [--json]
    motcua catalogue show CODE
    motcua catalogue confirm-time CODE ... (`desktop/commands/_catalogue_confirm_time.py`)

`import` reads the province's official list (the national database's XLSX list export, an announcing
decision's appendix as XLSX/CSV, or detail pages as text: `desktop.store.catalogue_import_files`), shows
what it adds, changes and retires, asks, then stores a new dated catalogue version in one transaction
(`desktop.services.catalogue_import`); `--dry-run` only shows, `--yes` does not ask. Administrators only. A
bad file (another format, a duplicate code, a code not in the national pattern) is refused with each row's
number and reason, exit 2, nothing written; declining exits 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from desktop.commands import _catalogue_confirm_time
from desktop.core.errors import NotFoundError, ValidationError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("catalogue", help="danh mục thủ tục hành chính (nhập, xem)")
    sub = parser.add_subparsers(dest="catalogue_command", metavar="ACTION", required=True)
    _register_import(sub)
    _register_list(sub)
    _register_show(sub)
    _catalogue_confirm_time.register(sub)


def _register_import(sub: Any) -> None:
    load = sub.add_parser("import", help="nhập danh mục thủ tục chính thức của tỉnh thành phiên bản mới")
    load.add_argument("file", metavar="FILE", type=Path, help="tệp .xlsx, .csv hoặc .txt")
    load.add_argument("--effective-from", default=None, help="ngày hiệu lực YYYY-MM-DD (mặc định: hôm nay)")
    mode = load.add_mutually_exclusive_group()
    mode.add_argument("--yes", action="store_true", help="nhập ngay, không hỏi lại")
    mode.add_argument("--dry-run", action="store_true", help="chỉ cho xem thay đổi, không nhập")
    load.add_argument("--officer", default=None, help="tên đăng nhập của quản trị viên")
    load.set_defaults(func=run_import, profile_log=True)


def _register_list(sub: Any) -> None:
    listing = sub.add_parser("list", help="liệt kê các thủ tục của danh mục đang dùng")
    listing.add_argument("--field", default=None, help="chỉ các thủ tục thuộc lĩnh vực (có thể gõ không dấu)")
    listing.add_argument("--json", action="store_true", help="in dạng JSON")
    listing.set_defaults(func=run_list)


def _register_show(sub: Any) -> None:
    show = sub.add_parser("show", help="xem một thủ tục: thời hạn, phí, giấy tờ, nguồn")
    show.add_argument("code", metavar="CODE", help="mã thủ tục, ví dụ 1.001193")
    show.set_defaults(func=run_show)


def _open(data_dir: Path | None) -> Any:
    from desktop.store.engine import DB_NAME, default_data_dir, open_store

    root = (data_dir if data_dir is not None else default_data_dir()).expanduser()
    if not (root / DB_NAME).is_file():
        raise NotFoundError(f"Chưa có hồ sơ dữ liệu tại '{root}' (chạy thiết lập lần đầu trước).")
    return open_store(root)


def _effective(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            f"Ngày hiệu lực '{text}' không hợp lệ; dùng dạng YYYY-MM-DD.", "effective_from"
        ) from None


def run_import(args: argparse.Namespace) -> int:
    from desktop.services.accounts import acting_officer
    from desktop.services.catalogue_import import apply_import, preview_import, preview_lines

    starts = _effective(args.effective_from)
    store = _open(args.data_dir)
    try:
        officer = acting_officer(store, args.officer)
        if officer.role != "admin" and not args.dry_run:
            raise ValidationError("Chỉ quản trị viên mới được nhập danh mục thủ tục.", "role")
        preview = preview_import(store, args.file, starts)
        print("\n".join(preview_lines(preview)))
        if preview.empty:
            print("Danh mục đang dùng đã khớp với tệp: không tạo phiên bản mới.")
            return 0
        if args.dry_run:
            return 0
        if not args.yes and not _confirmed():
            print("Chưa nhập: danh mục không thay đổi.")
            return 1
        version = apply_import(store, preview, officer)
    finally:
        store.close()
    print(f"Đã nhập danh mục thủ tục phiên bản {version}, hiệu lực từ {preview.effective_from:%d/%m/%Y}.")
    return 0


def _confirmed() -> bool:
    try:
        answer = input("Nhập danh mục này? [c/K] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("c", "co", "có", "y", "yes")


def run_list(args: argparse.Namespace) -> int:
    from desktop.services.catalogue_view import UNCONFIRMED, describe_limit, list_procedures

    store = _open(args.data_dir)
    try:
        listing = list_procedures(store, args.field)
    finally:
        store.close()
    if args.json:
        json.dump(listing, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for item in listing["procedures"]:
        limit = (
            describe_limit(item["time_amount"], item["time_unit"], item["cutoff"])
            if item["time_confirmed"]
            else UNCONFIRMED
        )
        print(f"{item['code']}\t{item['name']}\t{item['field']}\t{limit}")
    count = len(listing["procedures"])
    print(f"{count} thủ tục, danh mục {listing['version']}.", file=sys.stderr)
    return 0


def run_show(args: argparse.Namespace) -> int:
    from desktop.services.catalogue_view import procedure_detail

    store = _open(args.data_dir)
    try:
        item = procedure_detail(store, args.code)
    finally:
        store.close()
    print("\n".join(show_lines(item)))
    return 0


def show_lines(item: dict[str, Any]) -> list[str]:
    from desktop.core.fees import KINDS
    from desktop.services.catalogue_view import time_lines

    lines = [f"{item['code']} {item['name']}", f"Lĩnh vực: {item.get('field') or '—'}"]
    times = time_lines(item)
    lines.append("Thời hạn giải quyết: " + ("; ".join(times)))
    if item.get("time_text"):
        lines.append(f"  (văn bản nguồn: {item['time_text']})")
    if item.get("time_basis"):
        lines.append(f"  Căn cứ: {item['time_basis']}")
    lines.append(f"Phí, lệ phí: {item.get('fee_text') or '—'}")
    for fee in item.get("fees", []):
        amount = fee.get("amount")
        money = "do tỉnh quyết định" if amount is None else f"{amount:,} đồng".replace(",", ".")
        checked = "" if fee.get("verified") else " (chưa đối chiếu nghị quyết của tỉnh)"
        kind = KINDS.get(fee.get("kind", ""), "").lower()
        lines.append(f"  - {fee.get('name', '')} ({kind}): {money}{checked}")
    lines.append("Thành phần hồ sơ:" if item.get("documents") else "Thành phần hồ sơ: —")
    for number, doc in enumerate(item.get("documents", []), start=1):
        counts = f"{doc.get('originals', 0)} bản chính, {doc.get('copies', 0)} bản sao"
        extra = " — xuất trình" if doc.get("shown") else ""
        form = f" (mẫu: {doc['form']})" if doc.get("form") else ""
        lines.append(f"  {number}. {doc['name']}: {counts}{form}{extra}")
    provenance = item.get("provenance") or {}
    if provenance:
        parts = [provenance.get("source", "")]
        if provenance.get("decision"):
            parts.append(f"quyết định công bố {provenance['decision']}")
        if provenance.get("local_code"):
            parts.append(f"mã địa phương {provenance['local_code']}")
        lines.append("Nguồn: " + "; ".join(p for p in parts if p))
    starts = item.get("effective_from")
    lines.append(
        f"Danh mục: {item['version']}"
        + (f", hiệu lực từ {date.fromisoformat(starts):%d/%m/%Y}" if starts else "")
    )
    return lines

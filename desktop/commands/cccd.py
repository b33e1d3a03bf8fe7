"""`motcua cccd parse`: read a chip ID card QR payload on stdin, print the holder data as one JSON object.
`motcua cccd address TEXT`: the current province and commune of an address printed before the July 2025
merger (`desktop.services.address_mapping`), as one JSON object: what was read, and the choices.

Soft warnings (an ID number that disagrees with the date of birth or gender) go to stderr; a malformed
payload prints a Vietnamese message and exits with code 2 (AppError, handled by `desktop/cli.py`). The raw
payload is never printed.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from desktop.core.cccd import MAX_PAYLOAD, parse_payload
from desktop.services.address_mapping import map_card_address


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("cccd", help="đọc dữ liệu mã QR trên thẻ căn cước/CCCD")
    actions = parser.add_subparsers(dest="cccd_action", metavar="ACTION", required=True)
    parse = actions.add_parser(
        "parse", help="đọc chuỗi mã QR từ đầu vào chuẩn (stdin), in một đối tượng JSON"
    )
    parse.set_defaults(func=run)
    address = actions.add_parser(
        "address", help="tìm tỉnh và xã/phường hiện nay của một địa chỉ ghi theo đơn vị trước sáp nhập 2025"
    )
    address.add_argument("text", help='ví dụ "Thôn 1, Xã Bình Nghi, Huyện Tây Sơn, Tỉnh Bình Định"')
    address.set_defaults(func=run_address)


def run(args: argparse.Namespace) -> int:
    stdin = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
    if stdin is not None:
        raw = stdin.read(MAX_PAYLOAD * 4 + 1).decode("utf-8", errors="replace")
    else:
        raw = sys.stdin.read(MAX_PAYLOAD * 4 + 1)
    card = parse_payload(raw)
    for warning in card.warnings:
        print(f"motcua: cảnh báo: {warning}", file=sys.stderr)
    json.dump(card.to_json(), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def run_address(args: argparse.Namespace) -> int:
    mapped = map_card_address(args.text)
    old = mapped.old
    out = {
        "old": {"ward": old.ward, "district": old.district, "province": old.province},
        "choices": [
            {"province_code": c.province_code, "ward_code": c.ward_code, "label": c.label}
            for c in mapped.communes
        ],
        "street": mapped.street,
    }
    json.dump(out, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0

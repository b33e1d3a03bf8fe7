"""`motcua cccd parse`: read a chip ID card QR payload on stdin, print the holder data as one JSON object.

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


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("cccd", help="đọc dữ liệu mã QR trên thẻ căn cước/CCCD")
    actions = parser.add_subparsers(dest="cccd_action", metavar="ACTION", required=True)
    parse = actions.add_parser(
        "parse", help="đọc chuỗi mã QR từ đầu vào chuẩn (stdin), in một đối tượng JSON"
    )
    parse.set_defaults(func=run)


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

"""`motcua sync`: one headless sync pass (for the OS scheduler at the end of the day).

Prints a Vietnamese summary (pushed, already there, rejected, pending; scans sent and waiting with their
size; bytes sent in all) and exits 0 only when every event is acknowledged by the province (nothing
pending, nothing refused) and every scan is there verified, and, with `--end-of-day`, the province's
figures of this workstation's day (dossiers, events, scans) match the profile's, after sending what it
lacked (each difference is printed: dossier codes, event seqs, scan hashes); 1 otherwise, so a
scheduled task shows as failed and someone looks. Not enrolled, enrolment revoked, or a demo profile and a
server that is not a training server: exit 2. `--attempts N` bounds the retries of each exchange (backoff with
jitter between them; 1: none, for a check that must answer at once).

`--status` contacts nobody: it says what is waiting (changes, scans and their bytes, refused changes;
`--json` for one JSON object) and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sync.client.retry import RetryPolicy


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("sync", help="đồng bộ một lượt với máy chủ tỉnh (không giao diện)")
    parser.add_argument(
        "--end-of-day",
        action="store_true",
        help="lượt cuối ngày: gửi hết, đối chiếu hồ sơ, thay đổi và bản quét trong ngày với tỉnh, gửi bù phần tỉnh còn thiếu",
    )
    parser.add_argument(
        "--attempts",
        type=_attempts,
        default=RetryPolicy().max_attempts,
        metavar="N",
        help="số lần thử mỗi bước khi mạng hoặc máy chủ lỗi, chờ lâu dần giữa các lần (mặc định %(default)s; 1: không thử lại)",
    )
    parser.add_argument(
        "--status", action="store_true", help="chỉ cho biết những gì đang chờ gửi (không kết nối máy chủ)"
    )
    parser.add_argument("--json", action="store_true", help="với --status: in một đối tượng JSON")
    parser.set_defaults(func=run, profile_log=True)


def _attempts(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 20:
        raise argparse.ArgumentTypeError(f"cần một số từ 1 đến 20, không phải '{text}'")
    return value


def run(args: argparse.Namespace) -> int:
    from desktop.services.attachments import blob_store
    from desktop.store.engine import open_store
    from sync.engine import SyncEngine
    from sync.summary import summary_lines

    store = open_store(args.data_dir)
    if args.status:
        try:
            return _status(store, args.json)
        finally:
            store.close()
    try:
        engine = SyncEngine(
            store, policy=RetryPolicy(max_attempts=args.attempts), blobs=lambda: blob_store(store)
        )
        result = engine.run_pass("end_of_day" if args.end_of_day else "cli")
    finally:
        store.close()
    for line in summary_lines(result):
        print(line)
    if result.outcome in ("auth", "not_enrolled", "demo"):
        print(f"motcua: {result.message}", file=sys.stderr)
        return 2
    return 0 if result.all_acknowledged and result.reconciled is not False else 1


def _status(store: Any, as_json: bool) -> int:
    from desktop.store.events import pending_count
    from sync.client.outbox import outstanding_problems
    from sync.client.scans import waiting_scans
    from sync.common.text import kilobytes

    with store.session() as session:
        scans = waiting_scans(session)
        waiting = {
            "records": pending_count(session),
            "scans": scans.count,
            "scan_bytes": scans.bytes,
            "problems": outstanding_problems(session),
        }
    if as_json:
        print(json.dumps(waiting))
    else:
        print(f"Thay đổi chờ gửi: {waiting['records']}")
        print(f"Bản số hoá chờ gửi: {scans.count} ({kilobytes(scans.bytes)})")
        print(f"Thay đổi bị tỉnh từ chối cần xem lại: {waiting['problems']}")
    return 0

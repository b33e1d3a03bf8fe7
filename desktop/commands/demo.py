"""`motcua demo seed --dossiers N [--seed S] [--all-pending]`: fill a profile with synthetic dossiers for
training: fifteen months of history (`desktop.services.demo`), the dossiers older than ten days already
acknowledged by the province unless `--all-pending` (everything waits in the outbox, for a training server).

Progress goes to stderr, one summary line to stdout. A profile that is not set up yet gets the demo commune
and officer first (see `desktop.services.demo`; sign in as demo / demo1234).
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from desktop.commands.dossiers import thousands
from desktop.services.accounts import needs_setup
from desktop.services.demo import DEMO_PASSWORD, DEMO_USERNAME, seed_demo
from desktop.store.engine import open_store


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("demo", help="dữ liệu mẫu để tập huấn và đo hiệu năng")
    actions = parser.add_subparsers(dest="demo_action", metavar="ACTION", required=True)
    seed = actions.add_parser("seed", help="tạo hồ sơ mẫu (người nộp, thủ tục, ngày tiếp nhận giả lập)")
    seed.add_argument("--dossiers", type=int, required=True, metavar="N", help="số hồ sơ mẫu cần tạo")
    seed.add_argument("--seed", type=int, default=0, metavar="S", help="hạt giống ngẫu nhiên (mặc định 0)")
    seed.add_argument(
        "--all-pending",
        action="store_true",
        help="mọi hồ sơ đều chờ đồng bộ (để gửi cả lên máy chủ tập huấn); mặc định: hồ sơ quá 10 ngày đã đồng bộ",
    )
    seed.set_defaults(func=run, profile_log=True)


class _Progress:
    """Progress on stderr: a rewritten line on a terminal, a line per tenth otherwise."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.last_tenth = -1

    def __call__(self, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        if self.tty:
            end = "\n" if done >= total else ""
            print(
                f"\rĐang tạo hồ sơ mẫu: {thousands(done)}/{thousands(total)} ({percent}%)",
                end=end,
                file=sys.stderr,
            )
        elif percent // 10 != self.last_tenth:
            self.last_tenth = percent // 10
            print(f"Đang tạo hồ sơ mẫu: {thousands(done)}/{thousands(total)} ({percent}%)", file=sys.stderr)
        sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    store = open_store(args.data_dir)
    try:
        new_profile = needs_setup(store)
        started = time.perf_counter()
        created = seed_demo(
            store, args.dossiers, progress=_Progress(), seed=args.seed, history_synced=not args.all_pending
        )
        seconds = time.perf_counter() - started
    finally:
        store.close()
    rate = f" ({thousands(round(created / seconds))} hồ sơ/giây)" if created and seconds > 0 else ""
    account = f" Đăng nhập: {DEMO_USERNAME} / {DEMO_PASSWORD}." if new_profile else ""
    duration = f"{seconds:.1f}".replace(".", ",")
    print(
        f"Đã tạo {thousands(created)} hồ sơ mẫu trong {duration} giây{rate} tại {store.profile.root}.{account}"
    )
    return 0

"""`motcua dossier resolve-review CODE --keep counter|province [--note TEXT]`: settle a dossier flagged
"Cần xem lại" (`motcua worklist needs-review`): keep the counter's status or take the province's, recorded
as a `review_resolved` event that the next sync pushes (`desktop.services.review`)."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.dossier._common import acting, add_officer


def register(verbs: Any) -> None:
    parser = verbs.add_parser(
        "resolve-review", help="giải quyết hồ sơ cần xem lại (giữ theo một cửa hoặc theo tỉnh)"
    )
    parser.add_argument("code", metavar="CODE", help="mã hồ sơ")
    parser.add_argument(
        "--keep",
        required=True,
        choices=("counter", "province"),
        help="counter: giữ trạng thái tại bộ phận một cửa; province: theo bước xử lý của tỉnh",
    )
    parser.add_argument("--note", default="", metavar="TEXT", help="lý do quyết định")
    add_officer(parser)
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from desktop.core.status import label_vi
    from desktop.services.review import resolve_review

    with acting(args) as (store, officer):
        state = resolve_review(store, officer, args.code, args.keep, args.note)
        print(f"{state.code}\t{label_vi(state.status)}\tĐã xem lại")
    return 0

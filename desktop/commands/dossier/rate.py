"""`motcua dossier rate CODE --level {very_satisfied,satisfied,dissatisfied} [--reason TEXT]`: the
applicant's rating, once per dossier (a reason is required for dissatisfied)."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.dossier._common import acting, add_officer


def register(verbs: Any) -> None:
    from desktop.core.rating import Level

    parser = verbs.add_parser("rate", help="ghi nhận đánh giá mức độ hài lòng của người dân")
    parser.add_argument("code", metavar="CODE", help="mã hồ sơ")
    parser.add_argument(
        "--level", required=True, choices=[level.value for level in Level], help="mức đánh giá"
    )
    parser.add_argument("--reason", default="", metavar="TEXT", help="lý do (bắt buộc khi không hài lòng)")
    parser.add_argument(
        "--stage",
        default=None,
        choices=["reception", "return"],
        help="lúc đánh giá (mặc định: trả kết quả nếu hồ sơ đã có kết quả, nếu không: tiếp nhận)",
    )
    add_officer(parser)
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from desktop.core.rating import LABELS_VI, Level
    from desktop.services.withdrawal import rate

    with acting(args) as (store, officer):
        state = rate(store, officer, args.code, args.level, args.reason, stage=args.stage)
    print(f"{state.code}\t{LABELS_VI[Level(args.level)]}")
    return 0

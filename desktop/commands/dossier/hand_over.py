"""`motcua dossier hand-over CODE... | --today --to TEXT [--person NAME] [--signed] [--list FILE.pdf]`: the
counter hands one dossier, or several on one list (`--today`: every dossier received today and still
waiting), to the processing body.

One code is a single hand-over (`followup.hand_over`); several are one batch (`handover.hand_over_batch`,
one transaction, refused as a whole), whose printed list ("Danh sách bàn giao hồ sơ") `--list` writes
(a copy is kept under `printed/` as for every form; `motcua print handover_list BATCH_ID` prints it again).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.commands.dossier._common import acting, add_officer


def register(verbs: Any) -> None:
    parser = verbs.add_parser("hand-over", help="chuyển một hoặc nhiều hồ sơ cho bộ phận, cơ quan giải quyết")
    parser.add_argument(
        "codes", nargs="*", metavar="CODE", help="mã hồ sơ (nhiều mã: bàn giao theo danh sách)"
    )
    parser.add_argument(
        "--today", action="store_true", help="bàn giao mọi hồ sơ tiếp nhận hôm nay còn chờ chuyển xử lý"
    )
    parser.add_argument("--to", required=True, metavar="TEXT", help="bộ phận, cơ quan nhận hồ sơ")
    parser.add_argument("--person", default="", metavar="NAME", help="người nhận hồ sơ")
    parser.add_argument("--signed", action="store_true", help="danh sách bàn giao đã được hai bên ký")
    parser.add_argument(
        "--list", type=Path, default=None, metavar="FILE.pdf", help="ghi danh sách bàn giao hồ sơ ra tệp PDF"
    )
    add_officer(parser)
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from desktop.core.errors import ValidationError
    from desktop.core.status import label_vi
    from desktop.services.followup import hand_over
    from desktop.services.handover import hand_over_batch, waiting_dossiers
    from desktop.services.printing import PrintJob, produce

    with acting(args) as (store, officer):
        if args.today:
            args.codes = [*args.codes, *(w.code for w in waiting_dossiers(store) if w.received_today)]
            if not args.codes:
                raise ValidationError("Không có hồ sơ nào tiếp nhận hôm nay đang chờ chuyển xử lý.", "codes")
        if not args.codes:
            raise ValidationError("Hãy ghi mã hồ sơ cần chuyển, hoặc --today.", "codes")
        if len(args.codes) == 1 and args.list is None and not args.today:
            state = hand_over(store, officer, args.codes[0], args.to, args.person)
            print(f"{state.code}\t{label_vi(state.status)}\t{args.to}")
            return 0
        batch = hand_over_batch(store, officer, args.codes, args.to, args.person, slip_signed=args.signed)
        for code in batch.codes:
            print(f"{code}\t{label_vi('processing')}\t{batch.to_unit}")
        print(f"Danh sách bàn giao: {batch.batch_id} ({len(batch.codes)} hồ sơ)")
        if args.list is not None:
            printed = produce(store, PrintJob("handover_list", batch.batch_id, paper="A4"), args.list)
            print(f"Đã ghi {args.list} (bản lưu: {printed.path})")
    return 0

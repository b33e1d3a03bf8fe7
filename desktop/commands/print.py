"""`motcua print FORM DOSSIER_CODE -o FILE.pdf`: write one of the printed forms as a PDF.

FORM is receipt, supplement, refusal, apology, stop, control, register, handback, handover_list (CODE: the
list's batch id) or end_of_day; the register takes `--from DATE --to DATE` instead of a code, the end-of-day
sheet `--date DATE` (default: today). A copy is always kept under the profile's `printed/` folder.
An unknown code or a bad date prints a Vietnamese message and exits with code 2 (AppError, `desktop/cli.py`).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from desktop.core.timeutil import today_local
from desktop.core.validation import parse_date
from desktop.forms import DATED, FORMS
from desktop.forms.model import PAPERS
from desktop.services.printing import SEALED_SUFFIX, PrintJob, check_job, produce
from desktop.store.engine import open_store


def register(subparsers: Any) -> None:
    names = ", ".join(f"{name} (mẫu {number})" if number else name for name, (number, _) in FORMS.items())
    parser = subparsers.add_parser(
        "print",
        help="in biểu mẫu (phiếu tiếp nhận, bổ sung, từ chối, xin lỗi, dừng, kiểm soát, sổ theo dõi, biên nhận trả kết quả, báo cáo cuối ngày) ra PDF",
        description=f"Biểu mẫu: {names}.",
    )
    parser.add_argument("form", metavar="FORM", help="biểu mẫu: " + ", ".join(FORMS))
    parser.add_argument("code", metavar="DOSSIER_CODE", nargs="?", default="", help="mã hồ sơ")
    parser.add_argument("-o", "--output", type=Path, default=None, help="tệp PDF cần ghi")
    parser.add_argument("--paper", default="A4", help="khổ giấy: " + ", ".join(PAPERS))
    parser.add_argument("--copies-2", dest="two_copies", action="store_true", help="in 2 liên")
    parser.add_argument("--reprint", action="store_true", help="đánh dấu bản in lại")
    parser.add_argument("--from", dest="date_from", default=None, help="sổ theo dõi: từ ngày (dd/mm/yyyy)")
    parser.add_argument("--to", dest="date_to", default=None, help="sổ theo dõi: đến ngày (dd/mm/yyyy)")
    parser.add_argument(
        "--date",
        dest="day",
        default=None,
        help="báo cáo cuối ngày: ngày (dd/mm/yyyy hoặc yyyy-mm-dd; mặc định hôm nay)",
    )
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    job = PrintJob(
        form=args.form,
        code=args.code,
        paper=args.paper,
        two_copies=args.two_copies,
        reprint=args.reprint,
        date_from=_first_date(args),
        date_to=parse_date(args.date_to, "date_to", "Ngày kết thúc") if args.date_to else None,
    )
    check_job(job)  # before opening the store: a typo never creates a profile
    store = open_store(args.data_dir)
    try:
        printed = produce(store, job, args.output)
    finally:
        store.close()
    for warning in printed.warnings:
        print(f"Lưu ý: {warning}", file=sys.stderr)
    print(f"Đã ghi {args.output or printed.path} (bản lưu: {printed.path})")
    if args.output is None and printed.path.suffix == SEALED_SUFFIX:
        print("Bản lưu đã được mã hoá; để có tệp PDF mở được bằng chương trình khác, thêm --output TỆP.pdf.")
    return 0


def _first_date(args: argparse.Namespace) -> date | None:
    """The register's first day, or the end-of-day sheet's day (today unless `--date`)."""
    if args.form in DATED:
        return parse_date(args.day, "date", "Ngày") if args.day else today_local()
    return parse_date(args.date_from, "date_from", "Ngày bắt đầu") if args.date_from else None

"""`motcua report KIND …`: the commune's report documents (issue 17, lifecycle §6.4).

    motcua report periodic --period 2026-Q4|2026-11|2026 [--preset cutoff] -o FILE.pdf|FILE.xlsx
    motcua report register --from DATE --to DATE -o FILE.xlsx
    motcua report satisfaction --period 2026-Q4 [--preset cutoff] -o FILE.pdf
    motcua report fees --period 2026-11 [--preset cutoff] -o FILE.pdf|FILE.xlsx

The format follows the output's suffix. A malformed or reversed period exits 2 with the expected forms; an
output file that cannot be written says so and exits 1; a period without dossiers gives a report of zeros.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.store.engine import Store

PERIOD_HELP = "kỳ báo cáo: 2026-11 (tháng), 2026-Q4 (quý), 2026 (năm) hoặc 01/10/2026-31/12/2026"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("report", help="báo cáo: biểu II.06a, sổ theo dõi, hài lòng, phí")
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    for name, help_text, suffixes in (
        ("periodic", "Biểu số II.06a/VPCP/KSTT: tình hình, kết quả giải quyết TTHC", ".pdf hoặc .xlsx"),
        ("satisfaction", "báo cáo mức độ hài lòng theo kỳ", ".pdf"),
        ("fees", "bảng kê thu phí, lệ phí theo kỳ", ".pdf hoặc .xlsx"),
    ):
        kind = kinds.add_parser(name, help=help_text)
        kind.add_argument("--period", required=True, help=PERIOD_HELP)
        kind.add_argument(
            "--preset",
            choices=("calendar", "cutoff"),
            default="calendar",
            help="cutoff: từ ngày 15 tháng trước kỳ đến ngày 14 tháng cuối kỳ",
        )
        kind.add_argument("-o", "--output", type=Path, required=True, help=f"tệp kết quả ({suffixes})")
        kind.set_defaults(func=run, profile_log=True)
    book = kinds.add_parser("register", help="sổ theo dõi hồ sơ (mẫu 07) ra tệp Excel")
    book.add_argument("--from", dest="date_from", required=True, metavar="NGÀY", help="từ ngày (dd/mm/yyyy)")
    book.add_argument("--to", dest="date_to", required=True, metavar="NGÀY", help="đến ngày (dd/mm/yyyy)")
    book.add_argument("-o", "--output", type=Path, required=True, help="tệp kết quả (.xlsx)")
    book.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from desktop.core.errors import StorageError
    from desktop.store.engine import open_store

    request = _request(args)
    store = open_store(args.data_dir)
    try:
        summary = request(store)
    except StorageError as exc:
        if exc.path != str(args.output):
            raise
        print(f"motcua: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(summary)
    print(f"Đã ghi {args.output}")
    return 0


def _request(args: argparse.Namespace) -> Callable[[Store], str]:
    """The report to make, checked before the profile is opened: store -> one summary line."""
    from desktop.core.report_period import parse_period
    from desktop.core.validation import parse_date
    from desktop.services import reports

    output = args.output
    if args.kind == "register":
        first, last = parse_date(args.date_from, "date_from"), parse_date(args.date_to, "date_to")
        reports.output_format(output, (".xlsx",))

        def book(store: Store) -> str:
            view = reports.register_report(store, first, last, output)
            return f"Sổ theo dõi hồ sơ {first:%d/%m/%Y}-{last:%d/%m/%Y}: {len(view.rows)} hồ sơ"

        return book
    period = parse_period(args.period, args.preset)
    reports.output_format(output, (".pdf",) if args.kind == "satisfaction" else (".pdf", ".xlsx"))
    if args.kind == "periodic":

        def table(store: Store) -> str:
            total = reports.periodic_report(store, period, output).table.total
            return (
                f"{period.label} ({period.dates}): nhận giải quyết {total.column(3)}, "
                f"đã giải quyết {total.column(7)} (quá hạn {total.column(10)}), "
                f"đang giải quyết {total.column(11)} (quá hạn {total.column(13)})"
            )

        return table
    if args.kind == "satisfaction":

        def rated(store: Store) -> str:
            view = reports.satisfaction_report(store, period, output)
            return f"{period.label}: {len(view.ratings)} lượt đánh giá, {len(view.negative)} không hài lòng"

        return rated

    def fees(store: Store) -> str:
        from desktop.core.fees import money

        view = reports.fee_report(store, period, output)
        return f"{period.label}: {len(view.numbers)} biên lai, tổng thu {money(view.total)} đồng"

    return fees

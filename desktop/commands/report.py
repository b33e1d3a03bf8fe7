"""`motcua report ACTION …`: the commune's indicators and reports for a period (lifecycle §6).

A period is given as `--period 2026-11|2026-Q4|2026` (month, quarter, year; `--cutoff` for the preset
from the 15th of the month before to the 14th of the last month) or as `--from DATE --to DATE` (both days
included; yyyy-mm-dd or dd/mm/yyyy). A malformed or reversed period prints the expected form and exits 2.

Each action is one function `_register_<name>(actions)` below, listed in `ACTIONS`: it adds its parser (with
`add_period_options`) and sets `func(args) -> int`, importing its service only when it runs. Nothing here
writes to the profile except the files an action is asked to write, the snapshot of each periodic report
(`list` shows them) and `rebuild`, which recounts the indicators' per-day summary from the dossiers.

The documents (`-o FILE`, the format by its suffix): `periodic` (Biểu số II.06a, .pdf or .xlsx), `register`
(the tracking register, form 07, .xlsx), `satisfaction` (.pdf), `fees` (the fee statement, .pdf or .xlsx).
An output file that cannot be written says so and exits 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.core.period import Period
    from desktop.store.engine import Store


def add_period_options(parser: argparse.ArgumentParser, *, named: bool = True, ranged: bool = True) -> None:
    """`--period P [--cutoff]` when `named`, `--from D --to D` when `ranged` (one of them is required)."""
    if named:
        parser.add_argument(
            "--period", default=None, metavar="KỲ", help="2026-11 (tháng), 2026-Q4 (quý), 2026 (năm)"
        )
        parser.add_argument(
            "--cutoff",
            action="store_true",
            help="kỳ chốt số liệu: từ ngày 15 tháng trước đến ngày 14 tháng cuối kỳ",
        )
    if ranged:
        parser.add_argument(
            "--from", dest="date_from", default=None, metavar="NGÀY", help="ngày đầu (yyyy-mm-dd)"
        )
        parser.add_argument(
            "--to", dest="date_to", default=None, metavar="NGÀY", help="ngày cuối (yyyy-mm-dd)"
        )


def period_of(args: argparse.Namespace) -> Period:
    """The period the options name; `ValidationError` (exit 2, with the expected form) otherwise."""
    from desktop.core.errors import ValidationError
    from desktop.core.period import EXPECTED, parse_period, parse_range

    text = getattr(args, "period", None)
    start, end = getattr(args, "date_from", None), getattr(args, "date_to", None)
    if text is not None and (start is not None or end is not None):
        raise ValidationError("Chỉ dùng một trong hai cách: --period hoặc --from … --to ….", "period")
    if text is not None:
        return parse_period(text, cutoff=getattr(args, "cutoff", False))
    if start is not None and end is not None:
        if getattr(args, "cutoff", False):
            raise ValidationError("--cutoff chỉ dùng với --period.", "period")
        return parse_range(start, end)
    forms = []
    if hasattr(args, "period"):
        forms.append(f"--period ({EXPECTED})")
    if hasattr(args, "date_from"):
        forms.append("--from NGÀY --to NGÀY (ví dụ --from 2026-10-01 --to 2026-12-31)")
    raise ValidationError("Thiếu kỳ báo cáo: " + " hoặc ".join(forms) + ".", "period")


def _register_indicators(actions: Any) -> None:
    parser = actions.add_parser(
        "indicators",
        help="chỉ số của kỳ: tiếp nhận, giải quyết đúng hạn, quá hạn, đồng bộ, số hóa, hài lòng, chỉ số 766",
    )
    add_period_options(parser)
    parser.add_argument("--json", action="store_true", help="in một đối tượng JSON")
    parser.set_defaults(func=_run_indicators)


def _run_indicators(args: argparse.Namespace) -> int:
    import json

    from desktop.commands.dossiers import open_existing
    from desktop.services.indicators import load_indicators

    period = period_of(args)
    store = open_existing(args.data_dir)
    try:
        report = load_indicators(store, period)
    finally:
        store.close()
    if args.json:
        json.dump(report.as_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(indicators_text(report.as_dict()))
    return 0


def _rate(value: Any) -> str:
    return "–" if value is None else f"{100 * value:.1f} %".replace(".", ",")


def _n(value: Any) -> str:
    return f"{value:,}".replace(",", ".")


def indicators_text(data: dict[str, Any]) -> str:
    """The indicators as the Vietnamese text `motcua report indicators` prints."""
    from datetime import date

    channels = data["received_by_channel"]
    sat = data["satisfaction"]
    d766 = data["d766"]
    avg = "–" if data["avg_days"] is None else f"{data['avg_days']:.2f}".replace(".", ",")
    start, end = (date.fromisoformat(data["period"][key]) for key in ("from", "to"))
    dates, label = f"từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}", data["period"]["label"]
    title = dates if label.lower() == dates else label if dates in label else f"{label} ({dates})"
    lines = [
        f"Chỉ số {title}",
        f"Tiếp nhận\t{_n(data['received'])}\t(trực tiếp {_n(channels['direct'])}, bưu chính "
        f"{_n(channels['postal'])}, trực tuyến {_n(channels['online'])})",
        f"Đã giải quyết\t{_n(data['resolved'])}\t(trước hạn {_n(data['resolved_early'])}, đúng hạn "
        f"{_n(data['resolved_on_time'])}, trễ hạn {_n(data['resolved_late'])})",
        f"Trễ hạn so với hẹn ban đầu (không tính gia hạn)\t{_n(data['resolved_late_original_due'])}",
        f"Tỷ lệ đúng hạn\t{_rate(data['on_time_rate'])}",
        f"Đang giải quyết\t{_n(data['in_progress'])}\t(trong hạn {_n(data['in_progress_on_time'])}, quá hạn "
        f"{_n(data['overdue'])})",
        f"Rút hồ sơ\t{_n(data['withdrawn'])}\tdừng xử lý\t{_n(data['stopped'])}\ttừ chối\t{_n(data['refused'])}",
        f"Thời gian giải quyết trung bình\t{avg} ngày làm việc",
        f"Yêu cầu bổ sung\t{_n(data['supplement_requests'])}",
        f"Đã đồng bộ\t{_n(data['synced'])}\tchưa đồng bộ\t{_n(data['unsynced'])}",
        f"Đã số hóa\t{_n(data['digitised'])}",
        f"Hài lòng\trất hài lòng {_n(sat.get('very_satisfied', 0))}, hài lòng {_n(sat.get('satisfied', 0))}, "
        f"không hài lòng {_n(sat.get('dissatisfied', 0))}",
        f"Phí, lệ phí đã thu\t{_n(data['fees_collected'])} đồng",
        f"Chỉ số Quyết định 766 (tạm tính; {_n(d766['unsynced'])} hồ sơ chưa đồng bộ):",
    ]
    for item in d766["items"]:
        points = "thông tin" if item["points"] is None else f"{item['points']:g}/{item['max']:g} điểm"
        lines.append(
            f"  {item['id']} {item['name']}\t{_n(item['numerator'])}/{_n(item['denominator'])}\t"
            f"{_rate(item['rate'])}\t{points.replace('.', ',')}"
        )
    lines.append(f"Quy tắc: {data['rule']}")
    return "\n".join(lines) + "\n"


# --- the documents -------------------------------------------------------------------------------------

Make = Callable[["Store", "Period", Path], str]  # writes the document, returns the line printed


def _document(actions: Any, name: str, help_text: str, suffixes: tuple[str, ...], make: Make) -> None:
    parser = actions.add_parser(name, help=help_text)
    add_period_options(parser, named=name != "register")
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help=f"tệp kết quả ({' hoặc '.join(suffixes)})"
    )
    parser.set_defaults(func=lambda args: _write(args, suffixes, make), profile_log=True)


def _write(args: argparse.Namespace, suffixes: tuple[str, ...], make: Make) -> int:
    from desktop.commands.dossiers import open_existing
    from desktop.core.errors import StorageError
    from desktop.services.reports import output_format

    period = period_of(args)
    output_format(args.output, suffixes)
    store = open_existing(args.data_dir)
    try:
        summary = make(store, period, args.output)
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


def _periodic(store: Store, period: Period, output: Path) -> str:
    from desktop.services.reports import periodic_report

    view = periodic_report(store, period, output)
    total = view.table.total
    return (
        f"{view.period}: nhận giải quyết {total.column(3)}, đã giải quyết {total.column(7)} "
        f"(quá hạn {total.column(10)}), đang giải quyết {total.column(11)} (quá hạn {total.column(13)})"
    )


def _register_book(store: Store, period: Period, output: Path) -> str:
    from desktop.services.reports import register_report

    view = register_report(store, period.start, period.end, output)
    return f"Sổ theo dõi hồ sơ {period.start:%d/%m/%Y}-{period.end:%d/%m/%Y}: {len(view.rows)} hồ sơ"


def _satisfaction(store: Store, period: Period, output: Path) -> str:
    from desktop.services.reports import satisfaction_report

    view = satisfaction_report(store, period, output)
    return f"{view.period}: {len(view.ratings)} lượt đánh giá, {len(view.negative)} không hài lòng"


def _fees(store: Store, period: Period, output: Path) -> str:
    from desktop.core.fees import money
    from desktop.services.reports import fee_report

    view = fee_report(store, period, output)
    return f"{view.heading}: {len(view.numbers)} biên lai, tổng thu {money(view.total)} đồng"


def _register_periodic(actions: Any) -> None:
    help_text = "Biểu số II.06a/VPCP/KSTT: tình hình, kết quả giải quyết TTHC (PDF hoặc Excel)"
    _document(actions, "periodic", help_text, (".pdf", ".xlsx"), _periodic)


def _register_register(actions: Any) -> None:
    _document(actions, "register", "sổ theo dõi hồ sơ (mẫu 07) ra tệp Excel", (".xlsx",), _register_book)


def _register_satisfaction(actions: Any) -> None:
    _document(actions, "satisfaction", "báo cáo mức độ hài lòng theo kỳ (PDF)", (".pdf",), _satisfaction)


def _register_fees(actions: Any) -> None:
    _document(actions, "fees", "bảng kê thu phí, lệ phí theo kỳ (PDF hoặc Excel)", (".pdf", ".xlsx"), _fees)


def _register_list(actions: Any) -> None:
    parser = actions.add_parser("list", help="các báo cáo định kỳ đã lập (kỳ, số liệu, tệp), mới nhất trước")
    parser.add_argument("--json", action="store_true", help="in một mảng JSON")
    parser.set_defaults(func=_run_list)


def _run_list(args: argparse.Namespace) -> int:
    import json

    from desktop.commands.dossiers import open_existing
    from desktop.services.report_snapshots import list_snapshots

    store = open_existing(args.data_dir)
    try:
        snapshots = list_snapshots(store)
    finally:
        store.close()
    if args.json:
        json.dump([s.as_dict() for s in snapshots], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    if not snapshots:
        print("Chưa lập báo cáo định kỳ nào.")
    for s in snapshots:
        f = s.figures
        print(
            f"{s.made_at:%d/%m/%Y %H:%M}\t{s.label}\tnhận {_n(f.get('3', 0))}, đã giải quyết {_n(f.get('7', 0))}, "
            f"đang giải quyết {_n(f.get('11', 0))}; {_n(s.unsynced)} chưa đồng bộ\t{s.file}"
        )
    return 0


def _register_rebuild(actions: Any) -> None:
    parser = actions.add_parser(
        "rebuild", help="tính lại bảng tổng hợp chỉ số theo ngày từ hồ sơ (sau khi sửa dữ liệu)"
    )
    parser.set_defaults(func=_run_rebuild, profile_log=True)


def _run_rebuild(args: argparse.Namespace) -> int:
    from desktop.commands.dossiers import open_existing
    from desktop.store import day_figures

    store = open_existing(args.data_dir)
    try:
        with store.transaction() as session:
            day_figures.rebuild(session.connection())
    finally:
        store.close()
    print("Đã tính lại bảng tổng hợp chỉ số.")
    return 0


# One registrar per action, in the order `motcua report --help` lists them.
ACTIONS: list[Callable[[Any], None]] = [
    _register_indicators,
    _register_periodic,
    _register_register,
    _register_satisfaction,
    _register_fees,
    _register_list,
    _register_rebuild,
]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("report", help="chỉ số và báo cáo của đơn vị theo kỳ")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for add in ACTIONS:
        add(actions)

"""`motcua calendar`: the legal clock from the command line.

    motcua calendar due RECEIVED_AT AMOUNT [--unit days|hours|sameday|caldays] [--cutoff HH:MM]
    motcua calendar off YEAR
    motcua calendar import FILE.json

`due` and `off` work without a profile, on the shipped schedule; when the profile's database already exists
(the default folder or `--data-dir`), its imported schedule, calendar overrides and the unit's office hours
are used too, and nothing is written. `import` loads a newer official schedule (format in
`desktop/core/calendar_schedule.py` and README) into an existing profile, all checked first, in one
transaction.
"""

from __future__ import annotations

import argparse
import math
import sys
from datetime import datetime, time
from pathlib import Path

from desktop.core.appointment import UNITS, OfficeHours, ProcessingTime, compute_due
from desktop.core.calendar import WorkCalendar
from desktop.core.errors import ValidationError
from desktop.core.timeutil import as_local
from desktop.store.calendar_files import load_calendar


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "calendar", help="lịch làm việc và ngày hẹn trả kết quả", description=__doc__.split("\n\n")[0]
    )
    sub = parser.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)
    due = sub.add_parser("due", help="tính ngày hẹn trả kết quả")
    due.add_argument(
        "received_at", metavar="RECEIVED_AT", help="thời điểm nhận đủ hồ sơ, ví dụ 2026-01-09T09:00"
    )
    due.add_argument(
        "amount", metavar="AMOUNT", help="thời hạn giải quyết (số ngày hoặc giờ làm việc; 0 nếu trong ngày)"
    )
    due.add_argument(
        "--unit", default="days", help="days (mặc định), hours, sameday hoặc caldays (ngày theo lịch)"
    )
    due.add_argument("--cutoff", default=None, help="giờ chốt cho 'sameday' (mặc định 15:00)")
    due.set_defaults(func=run_due)
    off = sub.add_parser("off", help="các ngày nghỉ và ngày làm bù trong năm")
    off.add_argument("year", metavar="YEAR")
    off.set_defaults(func=run_off)
    load = sub.add_parser("import", help="nạp lịch nghỉ, làm bù chính thức mới (tệp JSON của tỉnh)")
    load.add_argument("file", metavar="FILE", type=Path, help="tệp lịch JSON, ví dụ lich-2027.json")
    load.set_defaults(func=run_import, profile_log=True)


def _profile_context(data_dir: Path | None) -> tuple[WorkCalendar, OfficeHours]:
    """Shipped data, plus the overrides and office hours of an existing profile (never creates one)."""
    from desktop.store.engine import DB_NAME, default_data_dir

    root = (data_dir if data_dir is not None else default_data_dir()).expanduser()
    if not (root / DB_NAME).is_file():
        return load_calendar(), OfficeHours()
    from sqlalchemy import select

    from desktop.store.calendar_repo import calendar_for, office_hours_of
    from desktop.store.engine import open_store
    from desktop.store.models import Unit

    store = open_store(root)
    try:
        with store.session() as session:
            unit = session.scalars(select(Unit).order_by(Unit.id)).first()
            return calendar_for(session), office_hours_of(unit)
    finally:
        store.close()


def parse_received_at(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValidationError(
            f"Thời điểm tiếp nhận '{text}' không hợp lệ; dùng dạng ISO, ví dụ 2026-01-09T09:00.",
            "received_at",
        ) from exc
    return as_local(value)


def parse_amount(text: str) -> float:
    try:
        amount = float(text.replace(",", "."))
    except ValueError as exc:
        raise ValidationError(f"Thời hạn '{text}' không phải là một số.", "amount") from exc
    if not math.isfinite(amount):
        raise ValidationError(f"Thời hạn '{text}' không hợp lệ.", "amount")
    return amount


def parse_year(text: str, calendar: WorkCalendar) -> int:
    try:
        year = int(text)
    except ValueError as exc:
        raise ValidationError(f"Năm '{text}' không hợp lệ.", "year") from exc
    if not calendar.covers(year):
        raise _not_covered(year, calendar, "year")
    return year


def _not_covered(year: int, calendar: WorkCalendar, field: str) -> ValidationError:
    years = ", ".join(str(y) for y in calendar.years) or "không có"
    return ValidationError(
        f"Chưa có lịch nghỉ chính thức của năm {year}; dữ liệu hiện có: {years}. "
        "Khi có lịch của năm, hãy nạp bằng `motcua calendar import TỆP.json`.",
        field,
    )


def run_due(args: argparse.Namespace) -> int:
    received = parse_received_at(args.received_at)
    amount = parse_amount(args.amount)
    if args.unit not in UNITS:
        raise ValidationError(
            f"Đơn vị '{args.unit}' không hợp lệ; dùng days, hours, sameday hoặc caldays.", "unit"
        )
    cutoff: time | None = None
    if args.unit == "sameday":
        try:
            cutoff = time.fromisoformat(args.cutoff) if args.cutoff else time(15, 0)
        except ValueError as exc:
            raise ValidationError(f"Giờ chốt '{args.cutoff}' không hợp lệ (dạng HH:MM).", "cutoff") from exc
    rule = ProcessingTime(amount, args.unit, cutoff)
    calendar, hours = _profile_context(args.data_dir)
    if not calendar.covers(received.year):
        raise _not_covered(received.year, calendar, "received_at")
    due = compute_due(received, rule, calendar, hours)
    if not calendar.covers(due.year):
        print(
            f"Lưu ý: năm {due.year} chưa có lịch nghỉ chính thức; chỉ tính các ngày lễ theo luật.",
            file=sys.stderr,
        )
    print(due.isoformat())
    return 0


def run_off(args: argparse.Namespace) -> int:
    calendar, _hours = _profile_context(args.data_dir)
    year = parse_year(args.year, calendar)
    for exc in calendar.exceptions(year):
        print(f"{exc.day.isoformat()} {exc.kind} {exc.reason}")
    for proposal in calendar.unadopted:
        if proposal.day.year == year:
            print(
                f"Chưa áp dụng: {proposal.day.isoformat()} {proposal.kind} {proposal.reason}", file=sys.stderr
            )
    return 0


def run_import(args: argparse.Namespace) -> int:
    from desktop.core.errors import NotFoundError
    from desktop.services.calendar_import import import_schedule
    from desktop.store.calendar_files import read_schedule_file
    from desktop.store.engine import DB_NAME, default_data_dir, open_store

    data = read_schedule_file(args.file)  # checked before the profile is even opened
    root = (args.data_dir if args.data_dir is not None else default_data_dir()).expanduser()
    if not (root / DB_NAME).is_file():
        raise NotFoundError(f"Chưa có hồ sơ dữ liệu tại '{root}' (chạy thiết lập lần đầu trước).")
    store = open_store(root)
    try:
        result = import_schedule(store, data)
    finally:
        store.close()
    years = ", ".join(str(y) for y in result.years)
    print(f"Đã nạp lịch phiên bản {result.version}: năm {years}, {result.days} ngày nghỉ/làm bù.")
    print(
        f"Lịch đang dùng: {result.calendar_version}; có lịch chính thức các năm "
        f"{', '.join(str(y) for y in result.covered_years)}."
    )
    return 0

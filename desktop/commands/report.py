"""`motcua report ACTION …`: the commune's indicators and reports for a period (lifecycle §6).

A period is given as `--period 2026-11|2026-Q4|2026` (month, quarter, year; `--cutoff` for the preset
from the 15th of the month before to the 14th of the last month) or as `--from DATE --to DATE` (both days
included; yyyy-mm-dd or dd/mm/yyyy). A malformed or reversed period prints the expected form and exits 2.

Each action is one function `_register_<name>(actions)` below, listed in `ACTIONS`: it adds its parser (with
`add_period_options`) and sets `func(args) -> int`, importing its service only when it runs. Nothing here
writes to the profile except the files an action is asked to write.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.core.period import Period


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


# One registrar per action, in the order `motcua report --help` lists them.
ACTIONS: list[Callable[[Any], None]] = []


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("report", help="chỉ số và báo cáo của đơn vị theo kỳ")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for add in ACTIONS:
        add(actions)

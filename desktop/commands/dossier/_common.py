"""What the `motcua dossier` verbs share: the `--officer` option and the acting officer over an open store."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.services.accounts import SignedIn
    from desktop.services.fees import Payment
    from desktop.store.engine import Store


def add_officer(parser: Any) -> None:
    parser.add_argument(
        "--officer",
        default=None,
        metavar="USERNAME",
        help="tên đăng nhập của cán bộ thực hiện (mặc định: cán bộ duy nhất của máy)",
    )


@contextmanager
def acting(args: argparse.Namespace) -> Iterator[tuple[Store, SignedIn]]:
    """The profile's store, open, and the officer the command acts as; closed afterwards."""
    from desktop.services.accounts import acting_officer
    from desktop.store.engine import open_store

    store = open_store(args.data_dir)
    try:
        yield store, acting_officer(store, args.officer)
    finally:
        store.close()


def add_due(parser: Any) -> None:
    """`--due ISO`: the appointment the officer gives for a procedure whose time limit is unconfirmed."""
    parser.add_argument(
        "--due",
        default=None,
        metavar="ISO",
        help="ngày hẹn trả kết quả, dạng ISO (2026-12-10T16:00), chỉ cho thủ tục có thời hạn chưa xác nhận",
    )


def add_at(parser: Any, help_text: str = "thời điểm ghi nhận, dạng ISO (mặc định: bây giờ)") -> None:
    parser.add_argument("--at", default=None, metavar="ISO", help=help_text)


def moment(text: str | None) -> datetime | None:
    """An ISO date or date and time given on the command line (local time), or None; a Vietnamese
    ValidationError when it does not parse."""
    from desktop.core.errors import ValidationError
    from desktop.core.timeutil import as_local

    if text is None:
        return None
    try:
        return as_local(datetime.fromisoformat(text.strip()))
    except ValueError as exc:
        raise ValidationError(
            f"Thời điểm '{text}' không hợp lệ; dùng dạng ISO, ví dụ 2026-10-05T09:00.", "at"
        ) from exc


def list_receipts(payment: Payment) -> None:
    """One line per fee receipt issued: number, kind (Phí / Lệ phí), amount."""
    from desktop.core.fees import KINDS, money

    for receipt in payment.receipts:
        print(f"{receipt.number}\t{KINDS[receipt.kind]}\t{money(receipt.amount)}")


def add_pdf_option(parser: Any, option: str, help_text: str) -> None:
    """`--letter FILE.pdf` / `--receipt FILE.pdf`: write the form the step prints (see `print_letter`)."""
    parser.add_argument(option, type=Path, default=None, metavar="FILE.pdf", help=help_text)


def print_letter(store: Store, form: str, code: str, path: Path | None) -> None:
    """Write the printed `form` of dossier `code` to `path` (a copy is kept under `printed/`), when asked."""
    from desktop.services.printing import PrintJob, produce

    if path is not None:
        printed = produce(store, PrintJob(form, code), path)
        print(f"Đã ghi {path} (bản lưu: {printed.path})")

"""`motcua dossier receive FILE.json`: receive a dossier from a JSON intake draft (no display needed).

The file becomes the intake form's draft (`desktop.services.intake_json`), checked and saved by the same
service as the GUI's Ctrl+S (`desktop.services.intake.receive_dossier`); the new code is printed. Every
problem is printed naming its field, exit 2, nothing saved. With `fees`, the fees due at intake are then
collected as the intake screen asks after saving (`desktop.services.fees.collect_fees`): one more line per
receipt (number, kind, amount), as `motcua dossier pay` prints.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.commands.dossier._common import acting, add_due, add_officer, list_receipts, moment

if TYPE_CHECKING:
    from desktop.services.accounts import SignedIn
    from desktop.services.intake_json import FeeRequest
    from desktop.store.engine import Store

EPILOG = (
    "FILE.json: procedure_code, applicant {full_name, id_number, date_of_birth dd/mm/yyyy, gender "
    "male|female, phone, address}, papers [{code|name, originals, copies, received}] (bỏ trống: đủ giấy tờ "
    "của thủ tục), submitter {name, id_number, phone}, channel, delivery, delivery_address, summary, notes, "
    "sets_count, fees {method cash|transfer, copies} (thu ngay các khoản phí, lệ phí phải nộp khi tiếp "
    "nhận; các khoản lấy theo danh mục thủ tục)."
)


def register(verbs: Any) -> None:
    parser = verbs.add_parser(
        "receive", help="tiếp nhận hồ sơ từ tệp JSON (như màn hình tiếp nhận)", epilog=EPILOG
    )
    parser.add_argument("file", type=Path, metavar="FILE.json", help="bản nháp hồ sơ dạng JSON")
    add_due(parser)
    add_officer(parser)
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from desktop.core.errors import ValidationError
    from desktop.services.intake import receive_dossier
    from desktop.services.intake_json import describe_invalid, intake_from_json, read_json
    from desktop.services.intake_validate import DraftInvalid

    data = read_json(args.file)
    with acting(args) as (store, officer):
        try:
            intake = intake_from_json(store, data)
            saved = receive_dossier(store, officer, intake.draft, due_at=moment(args.due))
        except DraftInvalid as exc:
            raise ValidationError(
                "Hồ sơ không được tiếp nhận:\n" + describe_invalid(exc), exc.field or ""
            ) from exc
        for warning in saved.warnings:
            print(f"Lưu ý: {warning}", file=sys.stderr)
        print(saved.code, flush=True)  # received: the code stands even if the payment below is refused
        if intake.fees is not None:
            _collect(store, officer, saved.code, intake.fees)
    return 0


def _collect(store: Store, officer: SignedIn, code: str, request: FeeRequest) -> None:
    from desktop.services.fees import collect_fees, fee_summary

    items = fee_summary(store, code).items
    if not any(i.state == "due" and i.amount > 0 and i.timing == "before" for i in items):
        print("Lưu ý: hồ sơ không có khoản phí, lệ phí nào phải thu khi tiếp nhận.", file=sys.stderr)
        return
    list_receipts(collect_fees(store, officer, code, request.method, copies=request.copies))

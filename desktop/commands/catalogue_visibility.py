"""`motcua catalogue hide CODE…` / `motcua catalogue unhide CODE…` / `motcua catalogue hidden`: the procedures
the commune never receives, hidden from the intake's procedure list on this workstation (administrators
only, `--officer USERNAME`; `desktop.services.procedure_visibility`). A dossier of a hidden procedure still
opens and prints.

These verbs join the `catalogue` command group when another module has made it (`catalogue.py`, registered
before this one), else they make it.
"""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.dossier._common import acting, add_officer


def _group(subparsers: Any) -> Any:
    """The `catalogue` group's verbs (its sub-parsers action), made here when no module made it."""
    parser = subparsers.choices.get("catalogue")
    if parser is None:
        parser = subparsers.add_parser("catalogue", help="danh mục thủ tục hành chính")
        return parser.add_subparsers(dest="catalogue_command", metavar="ACTION", required=True)
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def register(subparsers: Any) -> None:
    verbs = _group(subparsers)
    for name, help_text, func in (
        ("hide", "ẩn thủ tục khỏi danh sách chọn khi tiếp nhận (đơn vị không bao giờ nhận)", run_hide),
        ("unhide", "hiện lại thủ tục đã ẩn", run_unhide),
    ):
        parser = verbs.add_parser(name, help=help_text)
        parser.add_argument("codes", nargs="+", metavar="CODE", help="mã thủ tục")
        add_officer(parser)
        parser.set_defaults(func=func, profile_log=True)
    shown = verbs.add_parser("hidden", help="in các thủ tục đang ẩn")
    shown.set_defaults(func=run_hidden)


def _print_hidden(store: Any) -> None:
    from desktop.services.procedure_visibility import list_visibility

    hidden = [row for row in list_visibility(store) if row.hidden]
    for row in hidden:
        print(f"{row.code}\t{row.name}")
    print(f"Đang ẩn {len(hidden)} thủ tục.")


def run_hide(args: argparse.Namespace) -> int:
    from desktop.services.procedure_visibility import hide

    with acting(args) as (store, officer):
        hide(store, officer, args.codes)
        _print_hidden(store)
    return 0


def run_unhide(args: argparse.Namespace) -> int:
    from desktop.services.procedure_visibility import unhide

    with acting(args) as (store, officer):
        unhide(store, officer, args.codes)
        _print_hidden(store)
    return 0


def run_hidden(args: argparse.Namespace) -> int:
    from desktop.store.engine import open_store

    store = open_store(args.data_dir)
    try:
        _print_hidden(store)
    finally:
        store.close()
    return 0

"""`motcua catalogue ACTION`: the procedure catalogue. Each action lives in its own module and is
registered here (`confirm-time`: `desktop/commands/_catalogue_confirm_time.py`)."""

from __future__ import annotations

import argparse

from desktop.commands import _catalogue_confirm_time


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("catalogue", help="danh mục thủ tục hành chính")
    actions = parser.add_subparsers(dest="catalogue_command", metavar="ACTION", required=True)
    _catalogue_confirm_time.register(actions)

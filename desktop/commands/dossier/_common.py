"""What the `motcua dossier` verbs share: the `--officer` option and the acting officer over an open store."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.services.accounts import SignedIn
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

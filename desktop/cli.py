"""The `motcua` command: the GUI by default, plus headless sub-commands over the same services.

Sub-commands live one module each in `desktop/commands/`; every module there exposes
`register(subparsers)`, which adds its parser and sets `func(args) -> int`; one that works on an existing
profile also sets `profile_log=True`, and its run is logged to the profile's rotating log like the GUI's. User errors (`AppError`) print
their message to stderr and exit with code 2; nothing is written in that case. So does a storage fault a
command did not translate itself (an SQLite or operating-system error that `desktop.store.faults` names:
damaged file, full disk, read-only media or no permission, a lock held too long): never a traceback.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import logging
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from desktop import __version__, commands, process_exit
from desktop.core.errors import AppError
from desktop.store.profile import profile_root


def _global_parser(add_help: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="motcua",
        description="Một Cửa Desktop — phần mềm tiếp nhận hồ sơ tại Bộ phận Một cửa.",
        add_help=add_help,
    )
    parser.add_argument("--version", action="version", version=f"motcua {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="thư mục hồ sơ dữ liệu (mặc định: thư mục dữ liệu người dùng)",
    )
    parser.add_argument(
        "--recovery-key-stdin",
        dest="unlock_stdin",
        action="store_true",
        help="mở dữ liệu đã mã hoá bằng khoá khôi phục ở dòng đầu của stdin (máy không có kho mật khẩu)",
    )
    return parser


@functools.cache
def build_parser() -> argparse.ArgumentParser:
    """The full parser, built once per process: each sub-command registers itself (20 ms for all of them,
    which in-process callers such as the tests paid on every call); parsing leaves it unchanged."""
    parser = _global_parser()
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    import pkgutil  # only for the sub-commands: not on the way to the GUI's first screen

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue  # a helper, or a verb its group registers (`catalogue`)
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(subparsers)
    return parser


def database_key(root: Path) -> bytes | None:
    """The key source of encrypted stores (`desktop.store.cipher`): the store key's, from the keyring."""
    from desktop.services.store_key import database_key as from_store_key  # cryptography, keyring: lazily

    return from_store_key(root)


def main(argv: Sequence[str] | None = None) -> int:
    """The `motcua` command; its status is also the one `desktop.process_exit` leaves with when a C library's
    exit code would hang (the locale lock held by a stopped thread)."""
    process_exit.install()
    try:
        status = _run(argv)
    except SystemExit as exc:  # argparse's --help, --version and usage errors
        process_exit.set_status(exc.code if isinstance(exc.code, int) else int(exc.code is not None))
        raise
    process_exit.set_status(status)
    return status


def _run(argv: Sequence[str] | None) -> int:
    from desktop.store import cipher

    cipher.set_key_source(database_key)
    # Only global options: open the GUI without importing every sub-command module (start-up time).
    known, rest = _global_parser(add_help=False).parse_known_args(argv)
    if not rest:
        from desktop.ui.app import run_gui  # Qt is imported only when the GUI is wanted

        return run_gui(known.data_dir)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    _damaged_stores().clear()  # (an earlier run in this process, e.g. a test's)
    with _command_log(args):
        try:
            if args.unlock_stdin:
                _unlock_from_stdin(args.data_dir)
            result: int = args.func(args)
        except AppError as exc:
            return _refused(args, exc)
        except Exception as exc:
            fault = _storage_fault(args, exc)
            if fault is None:
                raise
            return _refused(args, fault)
        _warn_if_damaged()
    return result


def _unlock_from_stdin(data_dir: Path | None) -> None:
    """`motcua --recovery-key-stdin COMMAND`: the profile's store key unwrapped by the recovery key on the
    first line of stdin, for a PC whose keyring does not give it (then kept there when it can be)."""
    from desktop.services import store_key
    from desktop.store.profile import Profile

    recovery = sys.stdin.readline().strip()
    store_key.unlock_profile(Profile(profile_root(data_dir)), recovery)


def _damaged_stores() -> list[AppError]:
    """`desktop.store.engine.opened_damaged` when the store was imported (not for every command)."""
    engine = sys.modules.get("desktop.store.engine")
    found: list[AppError] = getattr(engine, "opened_damaged", [])
    return found


def _warn_if_damaged() -> None:
    """A command that only read a damaged store (opened read-only) still says the file is damaged."""
    damaged = _damaged_stores()
    for damage in dict.fromkeys(str(d) for d in damaged):
        print(f"motcua: cảnh báo: {damage}", file=sys.stderr)
    damaged.clear()


def _refused(args: argparse.Namespace, exc: AppError) -> int:
    logging.getLogger("desktop.cli").warning("motcua %s: %s", args.command, exc)
    print(f"motcua: {exc}", file=sys.stderr)
    return 2


def _storage_fault(args: argparse.Namespace, exc: Exception) -> AppError | None:
    """The storage fault `exc` is on the profile's database, or None (a bug: its traceback is wanted)."""
    from desktop.store.faults import classify
    from desktop.store.profile import DB_NAME

    try:
        root = profile_root(args.data_dir)
    except AppError:
        return None
    fault = classify(exc, root / DB_NAME)
    if fault is not None:
        logging.getLogger("desktop.cli").warning("motcua %s", args.command, exc_info=exc)
    return fault


@contextmanager
def _command_log(args: argparse.Namespace) -> Iterator[None]:
    if not getattr(args, "profile_log", False):
        yield
        return
    from desktop.logs import command_log

    try:
        root = profile_root(args.data_dir)
    except AppError:
        yield  # the command itself reports the unusable folder
        return
    with command_log(root) as path:
        if path is not None:
            logging.getLogger("desktop.cli").info("motcua %s (version %s)", args.command, __version__)
        yield


if __name__ == "__main__":
    sys.exit(main())

"""Rotating log in the profile folder. Never log passwords, tokens, raw QR payloads or citizen data.

What slips through anyway (an exception's message quoting a field, a library's own wording) is masked on
its way to the file by `CitizenDataFilter`: ID numbers (CCCD 12 digits, CMND 9) keep their last 3 digits,
and every run of two or more capitalised words (a person's name, with or without accents, in any case) is
replaced by `[tên]`.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOG_NAME = "motcua.log"
NAME_MASK = "[tên]"
_ID_NUMBER = re.compile(r"(?<!\d)(\d{9}|\d{12})(?!\d)")
_WORD_RUN = re.compile(r"[^\W\d_]+(?:[ \t]+[^\W\d_]+)+")  # two or more words in a row


def _capitalised(word: str) -> bool:
    return word.istitle() or (len(word) > 1 and word.isupper())


def _mask_run(match: re.Match[str]) -> str:
    words = re.split(r"([ \t]+)", match.group(0))  # words at even places, the spaces between at odd
    out: list[str] = []
    run: list[str] = []
    for index, piece in enumerate(words):
        if index % 2:
            continue
        if _capitalised(piece):
            run.append(piece)
            continue
        out.append(NAME_MASK if len(run) > 1 else " ".join(run))
        out.append(piece)
        run = []
    out.append(NAME_MASK if len(run) > 1 else " ".join(run))
    return " ".join(part for part in out if part)


def mask_citizen_data(text: str) -> str:
    """`text` with ID numbers masked (last 3 digits kept) and names replaced by `[tên]`."""
    text = unicodedata.normalize("NFC", text)
    text = _ID_NUMBER.sub(lambda m: "*" * (len(m.group(1)) - 3) + m.group(1)[-3:], text)
    return _WORD_RUN.sub(_mask_run, text)


class CitizenDataFilter(logging.Filter):
    """Masks ID numbers and names in a record's message, its traceback and its stack before it is written.
    A message with arguments keeps its format string (the code's own words, "Một Cửa %s starting") and
    masks what was put into it; a message without is masked whole (an f-string may hold anything)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args and isinstance(record.args, tuple) and isinstance(record.msg, str):
            masked = tuple(
                a if isinstance(a, int | float) else mask_citizen_data(str(a)) for a in record.args
            )
            try:
                record.msg = record.msg % masked
            except (TypeError, ValueError):  # a format the masked strings do not fit: mask it all
                record.msg = mask_citizen_data(record.getMessage())
        else:
            record.msg = mask_citizen_data(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_citizen_data(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_citizen_data(record.stack_info)
        return True


def setup_logging(logs_dir: Path, level: int = logging.INFO) -> Path:
    """Send the application's log to a rotating file (5 × 1 MB) in `logs_dir`; returns its path."""
    logs_dir.mkdir(parents=True, exist_ok=True)
    path = logs_dir / LOG_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(CitizenDataFilter())
    root.addHandler(handler)
    root.setLevel(level)
    return path


@contextmanager
def command_log(profile_root: Path) -> Iterator[Path | None]:
    """The same rotating log for one headless command (`motcua sync` run by the OS scheduler…), removed
    again when it ends. Best effort: a profile that does not exist yet is not created for it, and a log
    that cannot be written never stops the command (yields None then)."""
    path: Path | None = None
    if profile_root.is_dir():
        try:
            path = setup_logging(profile_root / "logs")
        except OSError:
            path = None
    try:
        yield path
    finally:
        if path is not None:
            root = logging.getLogger()
            for handler in list(root.handlers):
                if (
                    isinstance(handler, logging.handlers.RotatingFileHandler)
                    and Path(handler.baseFilename) == path.absolute()
                ):
                    root.removeHandler(handler)
                    handler.close()

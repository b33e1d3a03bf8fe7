"""The server's audit log, logger `motcua.server.audit`: refused enrolments (wrong passwords, refused
replacements), every enrolment that replaces a live device, and the province's admin commands on accounts
and devices. Lines name the unit, workstation, username and address; never a password or a token.

`motcua-server` writes it to stderr, time-stamped, while it serves or runs an admin command (`to_stderr`);
a deployment that wants it elsewhere attaches its own handler to the logger.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

audit = logging.getLogger("motcua.server.audit")


@contextmanager
def to_stderr() -> Iterator[None]:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s motcua-server audit: %(message)s"))
    audit.addHandler(handler)
    if audit.level == logging.NOTSET or audit.level > logging.INFO:
        audit.setLevel(logging.INFO)
    try:
        yield
    finally:
        audit.removeHandler(handler)

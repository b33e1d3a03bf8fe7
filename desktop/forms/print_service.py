"""Whether this computer's print service answers, asked before Qt asks it for printers.

On Linux Qt lists printers through libcups, whose requests wait without end for a scheduler that accepts
the connection but never answers (a hung `cupsd`, a remote `CUPS_SERVER` behind a dead link); PySide keeps
Python's GIL through those calls, so the whole application, its worker threads included, would freeze on
opening a print preview. Here the scheduler libcups would use is sent one HTTP request with a short timeout
first. Written by hand: no library probes a CUPS scheduler without going through libcups itself.

Where libcups looks (its `cupsServer()`): `CUPS_SERVER`, else `ServerName` in `/etc/cups/client.conf`, else
the local domain socket when it exists, else `localhost`; port `IPP_PORT` or 631. A scheduler that refuses
the connection (none running) is fine here: libcups gives up at once and Qt finds no printer. Windows and
macOS are not probed (their spoolers are not CUPS clients of this kind).
"""

from __future__ import annotations

import os
import socket
import sys
import time
from pathlib import Path

TIMEOUT = 2.0  # seconds for the connection and the first bytes of the answer
_REMEMBER = 10.0  # seconds a result is reused (a preview asks for the list, the default and the state)
DOMAIN_SOCKET = Path("/run/cups/cups.sock")
CLIENT_CONF = Path("/etc/cups/client.conf")
PROBE = sys.platform.startswith("linux")
_last: list[tuple[float, str, bool]] = []  # (when, server, answered)


def scheduler() -> str:
    """The scheduler libcups would talk to: a socket path or host[:port]."""
    server = os.environ.get("CUPS_SERVER", "").strip()
    if not server and CLIENT_CONF.is_file():
        for line in CLIENT_CONF.read_text(errors="replace").splitlines():
            words = line.split()
            if len(words) >= 2 and words[0].lower() == "servername":
                server = words[1]
                break
    if not server:
        server = str(DOMAIN_SOCKET) if DOMAIN_SOCKET.exists() else "localhost"
    return server


def _connect(server: str) -> socket.socket:
    if server.startswith("/"):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(TIMEOUT)
        try:
            sock.connect(server)
        except BaseException:
            sock.close()
            raise
        return sock
    host, _, port = server.rpartition(":") if server.count(":") == 1 else (server, "", "")
    return socket.create_connection((host, int(port or os.environ.get("IPP_PORT", "631"))), timeout=TIMEOUT)


def _answers(server: str) -> bool:
    try:
        sock = _connect(server)
    except (ConnectionRefusedError, FileNotFoundError, socket.gaierror, ValueError):
        return True  # nothing listening: libcups fails at once as well
    except OSError:
        return False  # the connection itself timed out or failed oddly
    with sock:
        try:
            sock.sendall(b"HEAD / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            return sock.recv(16).startswith(b"HTTP/")
        except (ConnectionResetError, BrokenPipeError):
            return True  # closed on us: libcups gets an error at once, it does not wait
        except OSError:
            return False  # no answer within TIMEOUT


def answers(now: float | None = None) -> bool:
    """True unless the print service is a CUPS scheduler that does not answer within TIMEOUT."""
    if not PROBE:
        return True
    server = scheduler()
    at = time.monotonic() if now is None else now
    if _last and _last[0][1] == server and at - _last[0][0] < _REMEMBER:
        return _last[0][2]
    answered = _answers(server)
    _last[:] = [(at, server, answered)]
    return answered

"""Hold glibc's locale lock from a thread, as a thread stuck inside `strerror()`/`gettext()` does (test-only).

`gettext()` holds the lock (for reading) while it looks a message catalogue up; here the catalogue is a FIFO
nobody writes to, so `open()` blocks with the lock held, for as long as the process lives. libp11-kit's
destructor then waits for it at exit (desktop/process_exit.py). Used by the exit tests' child processes:
`tests/sessions/` and the `sitecustomize` of the `motcua` run in tests/unit/test_process_exit.py.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import tempfile
import threading
import time

from desktop.process_exit import locale_lock_free

LC_MESSAGES = 5  # glibc
HELD = "test: the locale lock is held"  # printed once it is, so the tests know the hold took
NOT_HELD_STATUS = 99  # the child's status when the hold did not take (the test would prove nothing)


def load_p11_kit() -> None:
    """libp11-kit, as Qt's CUPS print plugin brings it in (libcups -> GnuTLS -> libp11-kit)."""
    ctypes.CDLL(ctypes.util.find_library("p11-kit") or "libp11-kit.so.0")


def p11_kit_loaded() -> bool:
    with open("/proc/self/maps", encoding="utf-8") as maps:
        return "libp11-kit.so" in maps.read()


def hold_locale_lock() -> None:
    """Block a daemon thread inside gettext() with the locale lock held; exit NOT_HELD_STATUS if it is not."""
    libc = ctypes.CDLL(None)
    libc.setlocale.restype = ctypes.c_char_p
    libc.setlocale.argtypes = (ctypes.c_int, ctypes.c_char_p)
    libc.bindtextdomain.restype = ctypes.c_char_p
    libc.bindtextdomain.argtypes = (ctypes.c_char_p, ctypes.c_char_p)
    libc.dgettext.restype = ctypes.c_char_p
    libc.dgettext.argtypes = (ctypes.c_char_p, ctypes.c_char_p)
    # In the "C" locale gettext looks nothing up; C.UTF-8 is built into glibc (>= 2.35).
    libc.setlocale(LC_MESSAGES, b"C.UTF-8")
    catalogues = tempfile.mkdtemp(prefix="motcua-locale-")
    for name in ("C.UTF-8", "C.utf8", "C"):
        os.makedirs(os.path.join(catalogues, name, "LC_MESSAGES"))
        os.mkfifo(os.path.join(catalogues, name, "LC_MESSAGES", "motcua-hold.mo"))
    libc.bindtextdomain(b"motcua-hold", catalogues.encode())
    threading.Thread(
        target=libc.dgettext, args=(b"motcua-hold", b"held"), name="locale-lock-holder", daemon=True
    ).start()
    deadline = time.monotonic() + 5
    while locale_lock_free(timeout=0.2) and time.monotonic() < deadline:
        pass
    if locale_lock_free(timeout=0.2) is not False:
        print("test: the locale lock could not be held", flush=True)
        os._exit(NOT_HELD_STATUS)
    print(HELD, flush=True)

"""Leaving the process without hanging in a C library's exit-time code (issue 21, item 7).

What hung: after all its work was done, a `motcua` or test process stayed forever in glibc's `exit()`, its one
remaining thread inside libp11-kit's destructor, waiting for glibc's locale lock (`__libc_setlocale_lock`).
- libp11-kit is in the process because Qt's CUPS print support plugin (`libcupsprintersupport.so`, loaded on
  the first printer query or print preview) links libcups, which links GnuTLS, which links libp11-kit
  (with the default SANE configuration, libsane's `escl` backend brings it too, through libcurl-gnutls).
  Its constructor creates a "POSIX" locale object and its destructor frees it; `freelocale()` takes the
  locale lock for writing. GNOME Keyring's packages add nothing to our processes (their PKCS#11 module files
  are never read: nothing here initialises PKCS#11 modules); libp11-kit is there without them.
- The lock was held for reading by another thread: every `strerror()` and `gettext()` takes it while it looks
  a message up. A thread that never leaves that section keeps it forever: libsane stops its backends'
  reader threads with an *asynchronous* `pthread_cancel` (desktop/scan/sane_backend.py), and a reader whose
  pipe was closed under it (a cancel, a read error) reports the failed write with `strerror()` (the test
  backend's "reader_process: write returned %s"); a cancel landing there leaves the lock held, the process
  runs on (readers do not block each other) and hangs only at exit. Any thread blocked inside `gettext()`
  at exit does the same; `tests/unit/test_process_exit.py` holds the lock that way to show it (the race
  itself is rare: a full suite, 600 cover-open errors and 150 cancelled pages in one process each did not
  leave it held here).

`install()` (the `motcua` entry point and the tests' conftest call it) registers an `atexit` handler: it
checks, on a fresh thread and for at most `PROBE_SECONDS`, that the locale lock can be taken as libp11-kit's
destructor will take it; when it cannot, it says so on stderr with the Python threads' stacks, flushes the
log and the standard streams and ends the process with its status (`os._exit`), skipping the C libraries'
destructors instead of waiting forever. A process whose lock is free exits as before. glibc only: elsewhere
(Windows) nothing is checked. Hand-written: no library offers this; it is a few ctypes calls.

Not covered: `atexit` handlers registered before this one (they run after it) are skipped when it leaves;
and a process whose lock is already held when Qt's CUPS plugin is first loaded (a first print after such a
scan) waits inside the loader: the constructors of libp11-kit (`newlocale`) and GnuTLS (`bindtextdomain`,
gettext's own lock, also held by a thread stopped inside `gettext()`) take them. Loading libp11-kit early
does not help (measured); only keeping libsane's cancel away from `strerror()` or out of the process would.
"""

from __future__ import annotations

import atexit
import ctypes
import faulthandler
import functools
import logging
import os
import sys
import threading

PROBE_SECONDS = 2.0  # the lock is held for microseconds when nothing is wrong
_LC_ALL_MASK = 8127  # glibc: every category's bit but LC_ALL's, (1 << 13) - 1 - (1 << 6)

_state = {"installed": False, "status": 1}  # an uncaught exception ends Python with 1


def set_status(status: int) -> None:
    """The status the process ends with: used when it has to leave without the C libraries' exit code."""
    _state["status"] = int(status)


def locale_lock_free(timeout: float = PROBE_SECONDS) -> bool | None:
    """Whether glibc's locale lock can be taken for writing within `timeout` seconds, as libp11-kit's
    destructor takes it (`freelocale` of a `newlocale(LC_ALL_MASK, "POSIX")`). None: not glibc, or no
    thread could be started (the check is skipped)."""
    libc = _glibc()
    if libc is None:
        return None
    done = threading.Event()

    def probe() -> None:
        libc.freelocale(libc.newlocale(_LC_ALL_MASK, b"POSIX", None))  # ctypes releases the GIL meanwhile
        done.set()

    try:
        threading.Thread(target=probe, name="motcua-locale-probe", daemon=True).start()
    except RuntimeError:  # threads can no longer be started (a later Python, during shutdown)
        return None
    return done.wait(timeout)


def install() -> None:
    """Check the locale lock when the interpreter exits (once per process; see the module's doc)."""
    if not _state["installed"] and _glibc() is not None:
        _state["installed"] = True
        atexit.register(_leave_if_locale_lock_held)


def _leave_if_locale_lock_held() -> None:
    if locale_lock_free() is not False:
        return
    status = _state["status"]
    message = (
        f"{os.path.basename(sys.argv[0]) or 'python'}: a thread holds the C library's locale lock (a "
        "scanner driver's reader stopped inside strerror?); leaving with status "
        f"{status} without the libraries' exit code, which would wait for it forever "
        "(desktop/process_exit.py). Python threads:"
    )
    logging.getLogger(__name__).error("%s", message.split(";")[0])
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    try:
        os.write(2, (message + "\n").encode())
        faulthandler.dump_traceback(file=2, all_threads=True)
    except OSError:
        pass
    os._exit(status)


@functools.cache
def _glibc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)
        libc.gnu_get_libc_version  # noqa: B018  (glibc, not musl)
        newlocale, freelocale = libc.newlocale, libc.freelocale
    except (AttributeError, OSError):
        return None
    newlocale.restype = ctypes.c_void_p
    newlocale.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p)
    freelocale.restype = None
    freelocale.argtypes = (ctypes.c_void_p,)
    return libc

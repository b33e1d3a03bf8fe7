"""SANE scanners on Linux through python-sane, in the SANE worker process only.

The application reaches SANE through `desktop.scan.sane_process`, whose worker (`desktop.scan.sane_worker`)
runs this backend: libsane is never loaded into the application's process. Only the worker, the tests of
this module's own behaviour and `benchmarks/scan.py` import it.

Device ids are "sane:<sane name>" (e.g. "sane:test:0"). `sane.init()` is called once per process and
SANE reads `SANE_CONFIG_DIR` at that moment (tests point it at `tests/sane/`). python-sane's own ADF
iterator hides errors other than "out of documents", so pages are read one by one here: `start()`,
`snap()`, and every SANE status is mapped to a `ScannerError` kind; pages already read stay with the
caller. python-sane's own per-line progress callback is NOT used: it runs Python code in a way that
corrupts reference counts (the interpreter aborts later with "bool_dealloc"), and raising inside it
crashes at once. Instead a small watcher thread reports progress while `snap()` reads (python-sane
releases the GIL there) and, when the progress callback raises `Interrupted`, calls `sane_cancel()`,
which SANE allows from another thread while `sane_read` runs; the page is then discarded and
`Interrupted` raised. SANE does not allow it during `sane_start()`, and python-sane keeps the GIL through
`sane_cancel()`, so a cancel racing a start could hang the whole process: a cancel asked for before the
read began is left to the scanning thread, which cancels once `start()` has returned (`_Read`).

Two defects of libsane's threaded readers (`sanei_thread`, as Debian builds it) are worked around here:
- it cancels a backend's reader thread ASYNCHRONOUSLY (`pthread_cancel` with the asynchronous type): a
  cancel that lands while the reader is still setting up (allocating its buffer, the process's malloc
  arena locked) leaves that lock held forever, and the process later hangs or crashes in malloc. A read
  error reported at once (cover open) makes python-sane cancel within microseconds of `start()`; so after
  `start()` the reader is given time to reach its read loop (`_settle`: until the device's select fd has
  data, at most `SETTLE` seconds) before anything may cancel it. (With the test backend, 30 cover-open
  errors straight after `start()` hung a fresh process in 5 runs of 6; with this wait in none of 50 on a
  loaded machine. A variant that also primed strerror hung 5 of 40 in the loader's lock: a cancel landing
  elsewhere in the reader stays possible, only much rarer.)
- joining a reader (at the end of every page and in every cancel) sets SIGPIPE back to its default
  action, which kills the whole process on the next write to a closed pipe or socket (a sync over a
  dropped connection after a scan). Python ignores SIGPIPE; `_ignore_sigpipe` restores that after each
  call that may join a reader.
"""

from __future__ import annotations

import ctypes
import select
import signal
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from PIL import Image

from desktop.core.errors import Interrupted
from desktop.scan.devices import (
    ADF,
    FLATBED,
    Capabilities,
    DeviceInfo,
    ProgressFn,
    ScannerError,
    ScannerErrorKind,
    ScanSettings,
    nearest,
)

try:
    import sane
except ImportError:  # Windows, or python-sane not built
    sane = None

_init_lock = threading.Lock()
_state = {"initialised": False}

_STATUS = {
    "document feeder out of documents": ScannerErrorKind.NO_DOCS,
    "document feeder jammed": ScannerErrorKind.JAMMED,
    "scanner cover is open": ScannerErrorKind.COVER_OPEN,
    "error during device i/o": ScannerErrorKind.IO,
    "device busy": ScannerErrorKind.BUSY,
    "access to resource has been denied": ScannerErrorKind.DENIED,
    "operation not supported": ScannerErrorKind.UNSUPPORTED,
    "invalid argument": ScannerErrorKind.UNSUPPORTED,
}
_CANCELLED = "operation was canceled"
_MODE_NAMES = {
    "gray": ("Gray", "Grayscale", "gray"),
    "color": ("Color", "color", "RGB"),
    "lineart": ("Lineart", "Binary", "lineart"),
}
_ADF_WORDS = ("adf", "feeder", "automatic")
WATCH_INTERVAL = 0.2  # seconds between progress reports while a page is being read
SETTLE = 0.1  # at most this long after `start()` before the page may be read or cancelled (module doc)
WATCHER_NAME = "motcua-scan-watch"  # the tests check that no such thread outlives a test


def available() -> bool:
    return sane is not None


def _ensure_init() -> None:
    with _init_lock:
        if not _state["initialised"]:
            sane.init()
            _state["initialised"] = True


def _libc_signal() -> Callable[[int, int], object] | None:
    """The C library's `signal()`, which any thread may call (Python's `signal.signal` only the main one)."""
    if sane is None or not hasattr(signal, "SIGPIPE"):
        return None
    libc_signal = ctypes.CDLL(None).signal
    libc_signal.restype = ctypes.c_void_p
    libc_signal.argtypes = (ctypes.c_int, ctypes.c_void_p)
    return libc_signal


# Looked up once, at import: dlopen takes the loader's lock, which a cancelled reader thread may hold.
_C_SIGNAL = _libc_signal()


def _ignore_sigpipe() -> None:
    """Ignore SIGPIPE again: libsane resets it to its default when it joins a reader thread."""
    if _C_SIGNAL is not None:
        _C_SIGNAL(int(signal.SIGPIPE), 1)  # SIG_IGN


def _kind(exc: BaseException) -> ScannerErrorKind:
    text = str(exc).lower()
    for key, kind in _STATUS.items():
        if key in text:
            return kind
    if "no such scan device" in text or "invalid argument" in text:
        return ScannerErrorKind.NO_DEVICE
    return ScannerErrorKind.OTHER


def _error(exc: BaseException, device: str, pages_done: int = 0) -> ScannerError:
    return ScannerError(_kind(exc), device, str(exc), pages_done)


def _options(dev: Any) -> dict[str, Any]:
    """py_name -> constraint, for the options the device exposes."""
    found: dict[str, Any] = {}
    for opt in dev.get_options():
        name = opt[1]
        if name:
            found[name.replace("-", "_")] = opt[8]
    return found


class _Read:
    """Whether `snap()` is reading a page: the only time another thread may call `sane_cancel()`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._reading = False

    def begin(self, cancelled: threading.Event) -> bool:
        """After `start()`: False when a cancel came meanwhile (the caller cancels), else reading."""
        with self._lock:
            self._reading = not cancelled.is_set()
            return self._reading

    def end(self) -> None:
        with self._lock:  # waits for a cancel in progress on the other thread
            self._reading = False

    def cancel(self, cancelled: threading.Event, reset: Callable[[], None]) -> None:
        """From the watcher: mark the page cancelled; stop the device now only if it is reading."""
        with self._lock:
            cancelled.set()
            if self._reading:
                reset()  # sane_cancel may be called from another thread while sane_read runs


class SaneJob:
    """One open device with its settings applied; `pages()` reads until the feeder is empty."""

    def __init__(self, device_id: str, settings: ScanSettings) -> None:
        self.device_id = device_id
        self.settings = settings
        self._name = device_id.removeprefix("sane:")
        _ensure_init()
        try:
            self._dev = sane.open(self._name)
        except Exception as exc:
            raise ScannerError(ScannerErrorKind.NO_DEVICE, self._name, str(exc)) from exc
        try:
            self._apply(settings)
        except Exception:
            self.close()
            raise

    def _apply(self, settings: ScanSettings) -> None:
        opts = _options(self._dev)
        if "mode" in opts and isinstance(opts["mode"], list):
            for candidate in _MODE_NAMES.get(settings.mode, ()):
                if candidate in opts["mode"]:
                    self._set("mode", candidate)
                    break
        if "source" in opts and isinstance(opts["source"], list):
            sources = opts["source"]
            wanted_adf = settings.source == ADF
            for candidate in sources:
                if any(w in candidate.lower() for w in _ADF_WORDS) == wanted_adf:
                    self._set("source", candidate)
                    break
        if "resolution" in opts:
            allowed = opts["resolution"]
            dpi = settings.resolution
            if isinstance(allowed, list):
                dpi = nearest(dpi, tuple(int(a) for a in allowed))
            elif isinstance(allowed, tuple):
                dpi = max(int(allowed[0]), min(int(allowed[1]), dpi))
            self._set("resolution", dpi)
        geometry = {"tl_x": 0.0, "tl_y": 0.0, "br_x": settings.width_mm, "br_y": settings.height_mm}
        for key, mm in geometry.items():
            if key in opts:
                limit = opts[key]
                low, high = (float(limit[0]), float(limit[1])) if isinstance(limit, tuple) else (mm, mm)
                self._set(key, max(low, min(high, mm)))
        for key, extra in settings.extra.items():
            self._set(key.replace("-", "_"), extra)

    def _set(self, key: str, value: Any) -> None:
        try:
            setattr(self._dev, key, value)
        except (AttributeError, Exception) as exc:
            raise ScannerError(ScannerErrorKind.UNSUPPORTED, self._name, f"{key}={value}: {exc}") from exc

    def set_option(self, key: str, value: str | int | float) -> None:
        """Change a raw SANE option between pages (diagnostics; tests inject faults this way)."""
        self._set(key.replace("-", "_"), value)

    def pages(self, progress: ProgressFn | None = None) -> Iterator[Image.Image]:
        """Yield pages until the flatbed page is done or the feeder runs out."""
        adf = self.settings.source == ADF
        done = 0
        cancelled = threading.Event()
        try:
            while True:
                if progress is not None:
                    progress(done, 0, "")
                stop = threading.Event()
                read = _Read()
                watcher = threading.Thread(
                    target=self._watch,
                    args=(progress, done, stop, cancelled, read),
                    name=WATCHER_NAME,
                    daemon=True,
                )
                watcher.start()
                try:
                    self._dev.start()
                    self._settle()
                    if not read.begin(cancelled):
                        self._reset()  # asked for during the start: cancelled here, not beside it
                        raise Interrupted("Đã hủy quét.")
                    try:
                        image = self._dev.snap(adf)
                    finally:
                        read.end()
                except Interrupted:
                    raise
                except Exception as exc:
                    if cancelled.is_set() or _CANCELLED in str(exc).lower():
                        raise Interrupted("Đã hủy quét.") from exc
                    kind = _kind(exc)
                    if kind is ScannerErrorKind.NO_DOCS and (done > 0 or not adf):
                        return  # the feeder is empty: the batch is complete
                    raise _error(exc, self._name, done) from exc
                finally:
                    _ignore_sigpipe()
                    stop.set()
                    watcher.join()
                if cancelled.is_set():
                    raise Interrupted("Đã hủy quét.")
                done += 1
                image.info["dpi"] = (self.settings.resolution, self.settings.resolution)
                yield image
                if not adf:
                    return
        finally:
            self._reset()

    def _watch(
        self,
        progress: ProgressFn | None,
        done: int,
        stop: threading.Event,
        cancelled: threading.Event,
        read: _Read,
    ) -> None:
        """While a page is read, report progress and cancel the device when the officer asks to."""
        while progress is not None and not stop.wait(WATCH_INTERVAL):
            try:
                progress(done, 0, "")
            except Interrupted:
                read.cancel(cancelled, self._reset)
                return
            except Exception:  # a broken progress sink must not break the scan
                return

    def _settle(self) -> None:
        """Give the backend's reader thread time to set up before its page is read or cancelled: until
        the device's select fd has data (the reader is writing), at most `SETTLE` seconds."""
        deadline = time.monotonic() + SETTLE
        try:
            fd = self._dev.fileno()
        except Exception:  # no select fd on this backend: wait the whole time
            fd = None
        while (left := deadline - time.monotonic()) > 0:
            if fd is None:
                time.sleep(left)
            elif select.select([fd], [], [], left)[0]:
                return

    def _reset(self) -> None:
        """End the device's current operation so that the next `start()` is accepted."""
        try:
            self._dev.cancel()
        except Exception:
            pass
        finally:
            _ignore_sigpipe()

    def close(self) -> None:
        self._reset()
        try:
            self._dev.close()
        except Exception:
            pass


class SaneBackend:
    name = "sane"

    def devices(self) -> list[DeviceInfo]:
        _ensure_init()
        try:
            found = sane.get_devices()
        except Exception as exc:
            raise _error(exc, "") from exc
        return [DeviceInfo(f"sane:{d[0]}", f"{d[1]} {d[2]} ({d[0]})".strip(), self.name) for d in found]

    def capabilities(self, device_id: str) -> Capabilities:
        job = SaneJob(device_id, ScanSettings())
        try:
            opts = _options(job._dev)
        finally:
            job.close()
        sources: tuple[str, ...] = (FLATBED,)
        if isinstance(opts.get("source"), list):
            has_adf = any(any(w in s.lower() for w in _ADF_WORDS) for s in opts["source"])
            sources = (FLATBED, ADF) if has_adf else (FLATBED,)
        res = opts.get("resolution")
        if isinstance(res, list):
            resolutions = tuple(r for r in (150, 200, 300) if r in res) or tuple(int(r) for r in res)
        elif isinstance(res, tuple):
            resolutions = tuple(r for r in (150, 200, 300) if res[0] <= r <= res[1])
        else:
            resolutions = (200,)
        modes: tuple[str, ...] = ("gray", "color")
        if isinstance(opts.get("mode"), list):
            modes = tuple(m for m, names in _MODE_NAMES.items() if any(n in opts["mode"] for n in names))
        return Capabilities(sources, resolutions, modes or ("gray",))

    def open_job(self, device_id: str, settings: ScanSettings) -> SaneJob:
        return SaneJob(device_id, settings)

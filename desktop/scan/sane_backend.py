"""SANE scanners on Linux through python-sane.

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
"""

from __future__ import annotations

import threading
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


def available() -> bool:
    return sane is not None


def _ensure_init() -> None:
    with _init_lock:
        if not _state["initialised"]:
            sane.init()
            _state["initialised"] = True


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
                    target=self._watch, args=(progress, done, stop, cancelled, read), daemon=True
                )
                watcher.start()
                try:
                    self._dev.start()
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

    def _reset(self) -> None:
        """End the device's current operation so that the next `start()` is accepted."""
        try:
            self._dev.cancel()
        except Exception:
            pass

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

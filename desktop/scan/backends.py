"""The scanner backends of this machine: which of SANE and WIA load here, and the backend of a device.

The interface the backends implement is `desktop.scan.devices`; they import it, and only this module
imports them (so `devices` never imports its own backends).
"""

from __future__ import annotations

from desktop.scan.devices import ScanBackend, ScannerError, ScannerErrorKind


def available_backends() -> list[ScanBackend]:
    """The backends usable on this machine (SANE on Linux when python-sane is installed, WIA on Windows).
    SANE runs in a worker process (desktop/scan/sane_process.py); `sane_backend` is that worker's own."""
    from desktop.scan import sane_process, wia_backend  # on first use: WIA loads a COM library

    backends: list[ScanBackend] = []
    if sane_process.available():
        backends.append(sane_process.SaneProcessBackend())
    if wia_backend.available():
        backends.append(wia_backend.WiaBackend())
    return backends


def backend_for(device_id: str) -> ScanBackend:
    prefix = device_id.split(":", 1)[0]
    for backend in available_backends():
        if backend.name == prefix:
            return backend
    raise ScannerError(ScannerErrorKind.NO_DEVICE, device_id)

"""Windows Image Acquisition (WIA 2) scanners, through the WIA Automation COM library.

Kept thin and isolated because it cannot be tested on the Linux build machine: it needs Windows and
`pywin32` (`win32com.client`), both import-guarded, so this module imports everywhere and
`available()` is simply false elsewhere. Each WIA "item transfer" yields one page as a BMP that Pillow
reads; the feeder is read until WIA reports it empty (0x80210003). When this backend is not usable, the
officer still has the scan-to-folder inbox and file import.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from typing import Any

from PIL import Image

from desktop.scan.devices import (
    ADF,
    FLATBED,
    Capabilities,
    DeviceInfo,
    ProgressFn,
    ScannerError,
    ScannerErrorKind,
    ScanSettings,
)

try:  # pragma: no cover - Windows only
    if sys.platform != "win32":
        raise ImportError("WIA exists only on Windows")
    import win32com.client as _com  # type: ignore[import-untyped, import-not-found, unused-ignore]
except ImportError:
    _com = None

WIA_FORMAT_BMP = "{B96B3CAB-0728-11D3-9D7B-0000F81EF32E}"
SCANNER_DEVICE_TYPE = 1
PROP_DEVICE_NAME = 7
PROP_HANDLING_SELECT = 3088  # 1 = feeder, 2 = flatbed
PROP_PAGES = 3096
PROP_HORIZONTAL_DPI, PROP_VERTICAL_DPI = 6147, 6148
PROP_INTENT = 6146  # 1 = colour, 2 = grayscale, 4 = text
HRESULT_PAPER_EMPTY = -2145320957  # 0x80210003
HRESULT_PAPER_JAM = -2145320958  # 0x80210002
HRESULT_BUSY = -2145320954  # 0x80210006
HRESULT_OFFLINE = -2145320955  # 0x80210005
_HRESULTS = {
    HRESULT_PAPER_EMPTY: ScannerErrorKind.NO_DOCS,
    HRESULT_PAPER_JAM: ScannerErrorKind.JAMMED,
    HRESULT_BUSY: ScannerErrorKind.BUSY,
    HRESULT_OFFLINE: ScannerErrorKind.IO,
}


def available() -> bool:
    return _com is not None


def _set_property(props: Any, prop_id: int, value: int) -> None:  # pragma: no cover - Windows only
    for prop in props:
        if prop.PropertyID == prop_id:
            prop.Value = value
            return


def _hresult(exc: BaseException) -> int:  # pragma: no cover - Windows only
    info: tuple[Any, ...] = tuple(getattr(exc, "excepinfo", None) or ())
    code = info[5] if len(info) > 5 else getattr(exc, "hresult", 0)
    return int(code or 0)


class WiaJob:  # pragma: no cover - Windows only
    def __init__(self, device_id: str, settings: ScanSettings) -> None:
        self.settings = settings
        self._wanted = device_id.removeprefix("wia:")
        manager = _com.Dispatch("WIA.DeviceManager")
        for info in manager.DeviceInfos:
            if info.DeviceID == self._wanted:
                self._device = info.Connect()
                break
        else:
            raise ScannerError(ScannerErrorKind.NO_DEVICE, self._wanted)
        _set_property(self._device.Properties, PROP_HANDLING_SELECT, 1 if settings.source == ADF else 2)
        _set_property(self._device.Properties, PROP_PAGES, 1)
        item = self._device.Items[1]
        _set_property(item.Properties, PROP_HORIZONTAL_DPI, settings.resolution)
        _set_property(item.Properties, PROP_VERTICAL_DPI, settings.resolution)
        intent = {"color": 1, "gray": 2, "lineart": 4}.get(settings.mode, 2)
        _set_property(item.Properties, PROP_INTENT, intent)
        self._item = item

    def pages(self, progress: ProgressFn | None = None) -> Iterator[Image.Image]:
        done = 0
        while True:
            if progress is not None:
                progress(done, 0, "")
            try:
                picture = self._item.Transfer(WIA_FORMAT_BMP)
            except Exception as exc:
                kind = _HRESULTS.get(_hresult(exc), ScannerErrorKind.OTHER)
                if kind is ScannerErrorKind.NO_DOCS and done > 0:
                    return
                raise ScannerError(kind, self._wanted, str(exc), done) from exc
            data = bytes(picture.FileData.BinaryData)
            image = Image.open(io.BytesIO(data))
            image.load()
            image.info["dpi"] = (self.settings.resolution, self.settings.resolution)
            done += 1
            yield image
            if self.settings.source != ADF:
                return

    def close(self) -> None:
        self._device = None


class WiaBackend:  # pragma: no cover - Windows only
    name = "wia"

    def devices(self) -> list[DeviceInfo]:
        manager = _com.Dispatch("WIA.DeviceManager")
        found = []
        for info in manager.DeviceInfos:
            if info.Type == SCANNER_DEVICE_TYPE:
                name = str(info.Properties(PROP_DEVICE_NAME).Value)
                found.append(DeviceInfo(f"wia:{info.DeviceID}", name, self.name))
        return found

    def capabilities(self, device_id: str) -> Capabilities:
        return Capabilities((FLATBED, ADF), (150, 200, 300), ("gray", "color", "lineart"))

    def open_job(self, device_id: str, settings: ScanSettings) -> WiaJob:
        return WiaJob(device_id, settings)

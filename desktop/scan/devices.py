"""The small interface every scanner backend implements (SANE, WIA, the scan-to-folder inbox).

A backend lists devices, tells what a device offers (sources, resolutions, colour modes), and scans:
`open_job(device_id, settings).pages(progress)` yields raw Pillow pages one by one, so a jam or an
unplugged cable after page 7 still leaves pages 1–7 with the caller. Failures raise `ScannerError`
(an `AppError` with a Vietnamese message and a `kind`); cancelling raises `Interrupted`. The backends
import this module; `desktop.scan.backends` finds which of them this machine has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

from PIL import Image

from desktop.core.errors import AppError

ProgressFn = Callable[..., None]  # progress(done, total, text); raises Interrupted when cancelled

FLATBED = "flatbed"
ADF = "adf"
MODES = ("gray", "color", "lineart")


class ScannerErrorKind(Enum):
    NO_DEVICE = "no_device"
    BUSY = "busy"
    JAMMED = "jammed"
    NO_DOCS = "no_docs"
    COVER_OPEN = "cover_open"
    IO = "io"
    DENIED = "denied"
    UNSUPPORTED = "unsupported"
    OTHER = "other"


MESSAGES = {
    ScannerErrorKind.NO_DEVICE: "Không tìm thấy máy quét '{device}'. Hãy kiểm tra cáp và nguồn điện.",
    ScannerErrorKind.BUSY: "Máy quét '{device}' đang bận (có thể chương trình khác đang dùng).",
    ScannerErrorKind.JAMMED: "Giấy bị kẹt trong khay nạp của máy quét.",
    ScannerErrorKind.NO_DOCS: "Khay nạp giấy của máy quét đang trống.",
    ScannerErrorKind.COVER_OPEN: "Nắp máy quét đang mở.",
    ScannerErrorKind.IO: "Mất kết nối với máy quét '{device}' (lỗi vào/ra).",
    ScannerErrorKind.DENIED: "Không có quyền dùng máy quét '{device}'.",
    ScannerErrorKind.UNSUPPORTED: "Máy quét '{device}' không hỗ trợ thiết lập đã chọn.",
    ScannerErrorKind.OTHER: "Máy quét '{device}' báo lỗi: {detail}",
}


class ScannerError(AppError):
    """A scanner problem; `pages_done` tells how many pages of the batch were delivered before it."""

    def __init__(
        self, kind: ScannerErrorKind, device: str = "", detail: str = "", pages_done: int = 0
    ) -> None:
        message = MESSAGES[kind].format(device=device, detail=detail)
        if pages_done:
            message += f" Đã giữ lại {pages_done} trang quét trước đó."
        super().__init__(message)
        self.kind = kind
        self.device = device
        self.detail = detail
        self.pages_done = pages_done


@dataclass(frozen=True)
class DeviceInfo:
    id: str  # backend-qualified, e.g. "sane:test:0"
    name: str
    backend: str


@dataclass(frozen=True)
class Capabilities:
    sources: tuple[str, ...] = (FLATBED,)
    resolutions: tuple[int, ...] = (150, 200, 300)
    modes: tuple[str, ...] = ("gray", "color")


@dataclass(frozen=True)
class ScanSettings:
    source: str = FLATBED
    resolution: int = 200
    mode: str = "gray"
    width_mm: float = 210.0
    height_mm: float = 297.0
    # backend-specific options passed through as they are (e.g. SANE's {"filename": ...} for pnm)
    extra: Mapping[str, str | int | float] = field(default_factory=dict)


class ScanJob(Protocol):
    def pages(self, progress: ProgressFn | None = None) -> Iterator[Image.Image]: ...

    def close(self) -> None: ...


class ScanBackend(Protocol):
    name: str

    def devices(self) -> list[DeviceInfo]: ...

    def capabilities(self, device_id: str) -> Capabilities: ...

    def open_job(self, device_id: str, settings: ScanSettings) -> ScanJob: ...


def nearest(value: int, allowed: tuple[int, ...]) -> int:
    """The allowed resolution closest to `value`."""
    return min(allowed, key=lambda a: (abs(a - value), a)) if allowed else value

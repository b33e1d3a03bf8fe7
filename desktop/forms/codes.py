"""The machine-readable marks of a slip: a QR code and a Code 128 barcode, as platypus flowables.

The QR matrix comes from segno and is drawn as ONE filled path (runs of dark modules merged per row):
reportlab's own QrCodeWidget encodes twice and draws one node per module, about 3x slower (stack §2).
The Code 128 bars come from reportlab; its human-readable line would be Courier (not embedded, touching
the bars), so the caption is drawn here in the embedded serif instead. Bars are >= 0.33 mm wide so a
150-200 dpi scan still decodes.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

import segno
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from desktop.forms import fonts

_CODE_IN_TEXT = re.compile(r"([A-Za-z0-9][A-Za-z0-9.]*-\d{6}-\d{4})(?!\d)")

QUIET_MODULES = 4
MIN_BAR = 0.33 * mm


def qr_payload(code: str, lookup_url: str = "") -> str:
    """What the QR holds: the dossier code, or the lookup address carrying it when one is configured.

    `lookup_url` may contain "{code}" (replaced by the code); otherwise `?ma=<code>` is appended.
    """
    url = lookup_url.strip()
    if not url:
        return code
    if "{code}" in url:
        return url.replace("{code}", quote(code, safe=".-"))
    return f"{url}{'&' if '?' in url else '?'}ma={quote(code, safe='.-')}"


def code_in_scan(text: str) -> str:
    """The dossier code a scanned `qr_payload` carries (the code itself, or a lookup address with it);
    "" when the text holds no dossier code."""
    match = _CODE_IN_TEXT.search(unquote(text.strip()))
    return match.group(1) if match else ""


class QrFlowable(Flowable):  # type: ignore[misc]
    """A QR code with its quiet zone, `module` points per module."""

    def __init__(self, data: str, module: float = 0.6 * mm, error: str = "m") -> None:
        super().__init__()
        self.qr = segno.make(data, error=error, micro=False)
        self.module = module
        size = self.qr.symbol_size(scale=1, border=QUIET_MODULES)[0]
        self.width = self.height = size * module

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        m = self.module
        top = self.height - QUIET_MODULES * m
        path = self.canv.beginPath()
        for r, row in enumerate(self.qr.matrix_iter(scale=1, border=0)):
            y = top - (r + 1) * m
            start = -1
            for c, dark in enumerate([*row, False]):
                if dark and start < 0:
                    start = c
                elif not dark and start >= 0:
                    path.rect((QUIET_MODULES + start) * m, y, (c - start) * m, m)
                    start = -1
        self.canv.drawPath(path, stroke=0, fill=1)


class BarcodeFlowable(Flowable):  # type: ignore[misc]
    """A Code 128 barcode (quiet zones included) with its caption in the embedded serif, centred."""

    def __init__(self, value: str, bar_width: float = MIN_BAR, bar_height: float = 9 * mm) -> None:
        super().__init__()
        self.value = value
        self.caption_size = 9.0
        self.barcode = Code128(
            value, barWidth=max(bar_width, MIN_BAR), barHeight=bar_height, humanReadable=False, quiet=True
        )
        self.bar_height = bar_height
        self.width = float(self.barcode.width)
        self.height = bar_height + self.caption_size * 1.5

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        gap = self.caption_size * 1.5
        self.barcode.drawOn(self.canv, 0, gap)
        self.canv.setFont(fonts.REGULAR, self.caption_size)
        self.canv.drawCentredString(self.width / 2, self.caption_size * 0.35, self.value)

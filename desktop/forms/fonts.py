"""The shipped serif (Liberation Serif 2, Times New Roman metrics, full Vietnamese) registered once.

reportlab embeds a subset of each TTF face that a document uses, with a ToUnicode map, so pdftotext gives
the Vietnamese text back. Debian's older Liberation 1.x lacks Vietnamese; we never rely on system fonts. The faces are loaded
without their hinting (`desktop.forms.unhint`) to keep the embedded subsets small.
"""

from __future__ import annotations

import io
import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.forms.unhint import unhint
from desktop.resources import resource

REGULAR = "MotcuaSerif"
BOLD = "MotcuaSerif-Bold"
ITALIC = "MotcuaSerif-Italic"
BOLD_ITALIC = "MotcuaSerif-BoldItalic"

_FILES = {
    REGULAR: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}
_lock = threading.Lock()
_done: list[bool] = []


def register_fonts() -> None:
    """Register the four faces and their family with reportlab (idempotent, thread-safe)."""
    if _done:
        return
    with _lock:
        if _done:
            return
        for name, filename in _FILES.items():
            data = unhint(resource("fonts", filename).read_bytes())
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
        pdfmetrics.registerFontFamily(
            REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        _done.append(True)

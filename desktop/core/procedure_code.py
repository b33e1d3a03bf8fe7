"""National procedure codes (mã thủ tục hành chính) as the national database and the provinces write them.

The national code is a digit, a dot and six digits (`1.001193`). Provincial portals append a local suffix
(`2.000815.000.00.00.H55`, `1.012753.H19`): its first 8 characters are the national code.
"""

from __future__ import annotations

import re

from desktop.core.errors import ValidationError
from desktop.core.text import clean

NATIONAL = re.compile(r"\d\.\d{6}")


def national_code(text: str) -> str:
    """The national code of `text` (with or without a local suffix); ValidationError (Vietnamese) otherwise."""
    code = clean(text)
    head, suffix = code[:8], code[8:]
    if not NATIONAL.fullmatch(head) or (suffix and not re.fullmatch(r"(\.[0-9A-Za-z]+)+", suffix)):
        raise ValidationError(
            f"mã '{code}' không đúng dạng mã thủ tục quốc gia (ví dụ 1.001193, hoặc 2.000815.000.00.00.H55 "
            "có phần đuôi của tỉnh)",
            "code",
        )
    return head

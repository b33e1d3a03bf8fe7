"""The minimum an officer's password must meet (setup, a new officer, a reset), as a plain rule."""

from __future__ import annotations

from desktop.core import limits
from desktop.core.errors import ValidationError

MIN_LENGTH = 8


def check_password(password: str, username: str = "") -> None:
    """A Vietnamese ValidationError (field `password`) unless `password` has at least MIN_LENGTH characters
    and at most `limits.PASSWORD` (what the sign-in field takes), is not only digits and is not the
    username (in any case, ignoring spaces around it)."""
    if len(password) < MIN_LENGTH:
        raise ValidationError(f"Mật khẩu phải có ít nhất {MIN_LENGTH} ký tự.", "password")
    if len(password) > limits.PASSWORD:
        raise ValidationError(limits.too_long("Mật khẩu", len(password), limits.PASSWORD), "password")
    if password.isdigit():
        raise ValidationError(
            "Mật khẩu không được chỉ gồm chữ số: hãy thêm chữ cái hoặc ký hiệu.", "password"
        )
    if username and password.strip().casefold() == username.strip().casefold():
        raise ValidationError("Mật khẩu không được trùng với tên đăng nhập.", "password")

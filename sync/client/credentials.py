"""The device token in the OS keyring (Windows Credential Manager, Secret Service, macOS Keychain).

Never in a file, the database or a log. The keyring entry is named by the device id, so two profiles on
one machine never share a token. The product must not ship `keyrings.alt`, whose "keyring" is a
base64 file (stack §4); when no real keyring exists, saving fails with a clear message instead.
"""

from __future__ import annotations

import keyring
from keyring.errors import KeyringError, PasswordDeleteError

from desktop.core.errors import SyncError, SyncErrorKind

SERVICE = "motcua-sync"


def save_token(device_id: str, token: str) -> None:
    """Store the token and read it back: a keyring that silently drops secrets is an error too."""
    try:
        keyring.set_password(SERVICE, device_id, token)
        stored = keyring.get_password(SERVICE, device_id)
    except KeyringError as exc:
        raise SyncError(
            f"Không lưu được mã thiết bị vào kho mật khẩu của hệ điều hành ({type(exc).__name__}).",
            SyncErrorKind.AUTH,
        ) from None
    if stored != token:
        raise SyncError(
            "Máy này chưa có kho mật khẩu của hệ điều hành nên không thể lưu mã thiết bị an toàn.",
            SyncErrorKind.AUTH,
        )


def load_token(device_id: str) -> str | None:
    if not device_id:
        return None
    try:
        token: str | None = keyring.get_password(SERVICE, device_id)
    except KeyringError:
        return None
    return token


def delete_token(device_id: str) -> None:
    try:
        keyring.delete_password(SERVICE, device_id)
    except (PasswordDeleteError, KeyringError):
        pass

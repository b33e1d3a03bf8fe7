"""The device token in the OS keyring (Windows Credential Manager, Secret Service, macOS Keychain).

Never in a file, the database or a log. The keyring entry is named by the device id, so two profiles on
one machine never share a token. The product must not ship `keyrings.alt`, whose "keyring" is a
base64 file (stack §4); when no real keyring exists, saving fails with a clear message instead.

Every keyring failure becomes a `SyncError` whose Vietnamese message says what to do (install a keyring,
unlock it, start the session it lives in, or which setting picks it), never the exception's class name.
"""

from __future__ import annotations

import logging

import keyring
from keyring.backends import fail, null
from keyring.errors import InitError, KeyringError, KeyringLocked, NoKeyringError, PasswordSetError

from sync.common.errors import SyncError, SyncErrorKind

SERVICE = "motcua-sync"
PROBE = "motcua-probe"  # the entry read (never written) to check the keyring before enrolling
log = logging.getLogger(__name__)

_BACKEND_SETTING = (
    "Nếu máy có nhiều kho, chọn kho bằng biến môi trường PYTHON_KEYRING_BACKEND (ví dụ "
    "keyring.backends.SecretService.Keyring trên Linux, keyring.backends.Windows.WinVaultKeyring trên Windows)."
)
NO_KEYRING = (
    "Máy này chưa có kho mật khẩu của hệ điều hành để giữ mã thiết bị. Trên Linux, hãy cài gnome-keyring "
    "(sudo apt install gnome-keyring) hoặc KWallet rồi đăng nhập lại vào màn hình làm việc; trên Windows, "
    "Credential Manager có sẵn. " + _BACKEND_SETTING + " Sau đó đăng ký lại."
)
LOCKED = (
    "Kho mật khẩu của hệ điều hành đang khoá nên chưa lưu được mã thiết bị. Hãy mở khoá kho "
    "(trên Linux: mở ứng dụng 'Mật khẩu và khoá' (Seahorse), chuột phải vào kho 'Login' → Mở khoá, "
    "hoặc đăng xuất rồi đăng nhập lại) rồi đăng ký lại."
)
INIT_FAILED = (
    "Không mở được kho mật khẩu của hệ điều hành (dịch vụ giữ mật khẩu chưa chạy). Hãy đăng nhập vào màn "
    "hình làm việc có gnome-keyring hoặc KWallet đang chạy (không dùng phiên SSH hay tài khoản khác) rồi "
    "đăng ký lại. " + _BACKEND_SETTING
)
REFUSED = (
    "Kho mật khẩu của hệ điều hành từ chối lưu mã thiết bị. Hãy mở khoá kho, kiểm tra kho còn chỗ và "
    "tài khoản Windows/Linux đang dùng có quyền ghi vào kho, rồi đăng ký lại."
)
DROPPED = (
    "Kho mật khẩu của hệ điều hành không giữ lại mã thiết bị (lưu xong đọc lại không thấy). "
    + _BACKEND_SETTING
    + " Sau đó đăng ký lại."
)
GENERIC = (
    "Không dùng được kho mật khẩu của hệ điều hành để lưu mã thiết bị. Hãy mở khoá kho (hoặc đăng nhập "
    "lại vào màn hình làm việc) rồi đăng ký lại. " + _BACKEND_SETTING
)


def keyring_message(exc: BaseException) -> str:
    """What to tell the officer about a keyring failure, in Vietnamese (no class names)."""
    if isinstance(exc, NoKeyringError):
        return NO_KEYRING
    if isinstance(exc, KeyringLocked):
        return LOCKED
    if isinstance(exc, InitError):
        return INIT_FAILED
    if isinstance(exc, PasswordSetError):
        return REFUSED
    return GENERIC


class KeyringUnavailable(SyncError):
    """The OS keyring is missing, locked or refused the token; the message says what to do."""


def _failed(exc: BaseException) -> SyncError:
    log.warning("keyring failure: %s", type(exc).__name__)  # the class name goes to the log only
    return KeyringUnavailable(keyring_message(exc), SyncErrorKind.AUTH)


def check_keyring() -> None:
    """A keyring that keeps nothing (`fail`, `null`) or cannot be read (locked, broken) fails here, before
    the server is asked; a probe entry is read, never written."""
    if isinstance(keyring.get_keyring(), fail.Keyring | null.Keyring):
        raise KeyringUnavailable(NO_KEYRING, SyncErrorKind.AUTH)
    try:
        keyring.get_password(SERVICE, PROBE)
    except Exception as exc:  # backends raise their own errors too (D-Bus, Windows API)
        raise _failed(exc) from None


def save_token(device_id: str, token: str) -> None:
    """Store the token and read it back: a keyring that silently drops secrets is an error too."""
    try:
        keyring.set_password(SERVICE, device_id, token)
        stored = keyring.get_password(SERVICE, device_id)
    except Exception as exc:  # KeyringError and the backends' own (D-Bus, Windows API)
        raise _failed(exc) from None
    if stored != token:
        raise KeyringUnavailable(DROPPED, SyncErrorKind.AUTH)


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
    except Exception:  # nothing to delete, or the keyring is gone: the token is useless either way
        pass

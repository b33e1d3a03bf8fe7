"""The store key: a random 256-bit key made at setup, kept in the OS keyring and wrapped a second time by a
recovery key an officer writes down or prints.

Everything encrypted at rest is keyed from the store key through HKDF with its own label (`derive`): the
backups, the database (SQLCipher, `database_key`: the key source `desktop.store.cipher` asks), the scans
(`desktop.scan.blobstore`) and the printed copies. The keyring entry is named by the key's id
(`motcua-store` / key id), so two profiles on one PC never share a key. The profile holds the store key
only wrapped by the recovery key (`store-key.json`, AES-GCM): useless without the recovery key.

The recovery key: 8 groups of 5 characters from Crockford's base32 alphabet (no I, L, O, U), each group 4
random characters and one check character (160 random bits), e.g. `7K3QD-1M0XV-…`. The check catches
a mistyped group and says which one. A keyring that is missing or locked is no failure: the profile is
encrypted all the same (the key made at setup is remembered by this process, `cipher.remember`), kept
only wrapped in the profile, and every later start asks for the recovery key (the GUI's prompt,
`desktop.ui.store_unlock`; `motcua --recovery-key-stdin COMMAND`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path

import keyring
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.core.errors import StorageError, ValidationError
from desktop.core.sealed import KEY_FILE as KEY_FILE
from desktop.core.sealed import StoreKey as StoreKey  # defined below the store and the scans, which use it
from desktop.core.sealed import hkdf as _hkdf
from desktop.store import cipher
from desktop.store.profile import Profile

SERVICE = "motcua-store"
DATABASE = b"store"  # the purpose of the database's key (`derive`)
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32
GROUPS = 8
DATA_CHARS = 4  # + 1 check character per group
log = logging.getLogger(__name__)

NO_KEY = (
    "Không lấy được khoá dữ liệu từ kho mật khẩu của hệ điều hành (kho bị khoá, chưa có, hoặc đây là máy "
    "khác). Hãy nhập khoá khôi phục đã in khi cài đặt (với lệnh motcua: đặt --recovery-key-stdin trước tên "
    "lệnh và đưa khoá vào dòng đầu của stdin, ví dụ: motcua --recovery-key-stdin doctor < tep-khoa.txt)."
)
WRONG_RECOVERY = "Khoá khôi phục không đúng với hồ sơ dữ liệu này (không mở được khoá dữ liệu)."


# ---- the recovery key's written form -------------------------------------------------------------------


def _check_char(index: int, data: str) -> str:
    digest = hashlib.sha256(f"{index}:{data}".encode("ascii")).digest()
    return ALPHABET[digest[0] % 32]


def new_recovery_key() -> str:
    groups = []
    for index in range(GROUPS):
        data = "".join(secrets.choice(ALPHABET) for _ in range(DATA_CHARS))
        groups.append(data + _check_char(index, data))
    return "-".join(groups)


def normalise_recovery_key(text: str) -> str:
    """The canonical form of a typed recovery key (spaces, dashes, case, O/I/L read as 0/1/1), or a
    ValidationError naming the group that is wrong."""
    table = str.maketrans({"O": "0", "I": "1", "L": "1"})
    chars = "".join(c for c in text.upper().translate(table) if not c.isspace() and c != "-")
    size = DATA_CHARS + 1
    if len(chars) != GROUPS * size or any(c not in ALPHABET for c in chars):
        raise ValidationError(
            f"Khoá khôi phục phải gồm {GROUPS} nhóm, mỗi nhóm {size} ký tự (chữ và số, ví dụ 7K3QD-1M0XV-…).",
            "recovery_key",
        )
    groups = [chars[i : i + size] for i in range(0, len(chars), size)]
    for index, group in enumerate(groups):
        if _check_char(index, group[:DATA_CHARS]) != group[DATA_CHARS]:
            raise ValidationError(
                f"Nhóm thứ {index + 1} của khoá khôi phục ('{group}') bị gõ sai: hãy đối chiếu lại với tờ đã in.",
                "recovery_key",
            )
    return "-".join(groups)


def _recovery_secret(recovery_key: str) -> bytes:
    groups = normalise_recovery_key(recovery_key).split("-")
    return "".join(g[:DATA_CHARS] for g in groups).encode("ascii")


def _wrapping_key(recovery_key: str, key_id: str) -> bytes:
    # 160 random bits: HKDF is enough (no password stretching needed for a random secret)
    return _hkdf(_recovery_secret(recovery_key), key_id.encode(), b"motcua/recovery-wrap")


# ---- the wrapped key in the profile --------------------------------------------------------------------


@dataclass(frozen=True)
class WrappedKey:
    key_id: str
    nonce: bytes
    wrapped: bytes

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": 1,
                "key_id": self.key_id,
                "nonce": base64.b64encode(self.nonce).decode(),
                "wrapped": base64.b64encode(self.wrapped).decode(),
            },
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> WrappedKey:
        data = json.loads(text)
        return cls(data["key_id"], base64.b64decode(data["nonce"]), base64.b64decode(data["wrapped"]))

    def unwrap(self, recovery_key: str) -> StoreKey:
        aead = AESGCM(_wrapping_key(recovery_key, self.key_id))
        try:
            key = aead.decrypt(self.nonce, self.wrapped, self.key_id.encode())
        except InvalidTag:
            raise ValidationError(WRONG_RECOVERY, "recovery_key") from None
        return StoreKey(self.key_id, key)


def wrap(store_key: StoreKey, recovery_key: str) -> WrappedKey:
    nonce = os.urandom(12)
    aead = AESGCM(_wrapping_key(recovery_key, store_key.key_id))
    return WrappedKey(store_key.key_id, nonce, aead.encrypt(nonce, store_key.key, store_key.key_id.encode()))


def key_file(profile: Profile) -> Path:
    return profile.root / KEY_FILE


def read_wrapped(profile: Profile) -> WrappedKey | None:
    try:
        return WrappedKey.from_json(key_file(profile).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (ValueError, KeyError) as exc:
        raise StorageError(f"Tệp khoá '{key_file(profile)}' bị hỏng ({type(exc).__name__}).") from None


def write_wrapped(profile: Profile, wrapped: WrappedKey) -> None:
    """Written atomically (temporary file, fsync, rename), readable by its owner only."""
    path = key_file(profile)
    temp = path.with_name(path.name + ".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(wrapped.to_json())
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(temp, path)


# ---- the keyring ---------------------------------------------------------------------------------------


def remember(store_key: StoreKey) -> bool:
    """Keep the key in the OS keyring; False (logged) when the keyring is missing, locked or refuses."""
    encoded = base64.b64encode(store_key.key).decode()
    try:
        keyring.set_password(SERVICE, store_key.key_id, encoded)
        return keyring.get_password(SERVICE, store_key.key_id) == encoded
    except Exception as exc:  # KeyringError and the backends' own (D-Bus, Windows API)
        log.warning("store key not kept in the keyring: %s", type(exc).__name__)
        return False


def from_keyring(key_id: str) -> StoreKey | None:
    try:
        encoded = keyring.get_password(SERVICE, key_id)
    except Exception as exc:
        log.warning("keyring not readable: %s", type(exc).__name__)
        return None
    if not encoded:
        return None
    return StoreKey(key_id, base64.b64decode(encoded))


_unlocked: dict[str, StoreKey] = {}  # key id -> the key, once this process had it (scans read and written)


def forget_unlocked() -> None:
    """This process forgets the store keys it made or unlocked (as a new process would start)."""
    _unlocked.clear()


def profile_key(profile: Profile) -> StoreKey | None:
    """The store key of `profile` when this process can have it without asking: unlocked before, or in
    the keyring. None for a profile without a store key, and when the key is locked away (the caller then
    refuses what needs it: `desktop.scan.blobstore.BlobStore.locked`)."""
    wrapped = read_wrapped(profile)
    if wrapped is None:
        return None
    found = _unlocked.get(wrapped.key_id) or from_keyring(wrapped.key_id)
    if found is not None:
        _unlocked[found.key_id] = found
    return found


def in_keyring(root: Path) -> bool:
    """Whether this PC's keyring holds the store key of the profile at `root`."""
    wrapped = read_wrapped(Profile(root))
    return wrapped is not None and from_keyring(wrapped.key_id) is not None


# ---- the use cases -------------------------------------------------------------------------------------


def create_store_key(profile: Profile) -> str:
    """A new store key for `profile` (refused when it has one): kept in the keyring when possible and
    wrapped by a new recovery key in the profile. Returns the recovery key, to show once."""
    if key_file(profile).exists():
        raise ValidationError("Hồ sơ dữ liệu này đã có khoá dữ liệu.")
    store_key = StoreKey(uuid.uuid4().hex, secrets.token_bytes(32))
    recovery_key = new_recovery_key()
    write_wrapped(profile, wrap(store_key, recovery_key))
    remember(store_key)
    _unlocked[store_key.key_id] = store_key
    cipher.remember(profile.root, store_key.derive(DATABASE))  # this process encrypts, keyring or not
    return recovery_key


def ensure_store_key(profile: Profile) -> str | None:
    """A profile set up before the store key (an upgrade) gets one: its recovery key, to show the
    administrator once; None when the profile already has its key."""
    if key_file(profile).exists():
        return None
    return create_store_key(profile)


def unlock(wrapped: WrappedKey, recovery_key: str | None = None) -> StoreKey:
    """The store key: from the recovery key when given (and then kept in this PC's keyring), else as this
    process had it (made or unlocked before: a PC without a keyring asks once per start) or from the
    keyring; a ValidationError asking for the recovery key when neither has it."""
    if recovery_key is not None:
        store_key = wrapped.unwrap(recovery_key)
        remember(store_key)
        _unlocked[store_key.key_id] = store_key
        return store_key
    found = _unlocked.get(wrapped.key_id) or from_keyring(wrapped.key_id)
    if found is None:
        raise ValidationError(NO_KEY, "recovery_key")
    return found


def load_store_key(profile: Profile, recovery_key: str | None = None) -> StoreKey:
    wrapped = read_wrapped(profile)
    if wrapped is None:
        raise ValidationError("Hồ sơ dữ liệu này chưa có khoá dữ liệu (mở chương trình một lần để tạo).")
    return unlock(wrapped, recovery_key)


def database_key(root: Path) -> bytes | None:
    """The raw SQLCipher key of the profile at `root` (the key source of `desktop.store.cipher`): None when
    it has no store key yet; a ValidationError asking for the recovery key when the keyring has none."""
    wrapped = read_wrapped(Profile(root))
    if wrapped is None:
        return None
    return unlock(wrapped).derive(DATABASE)


def unlock_profile(profile: Profile, recovery_key: str) -> StoreKey:
    """The store key unwrapped by the recovery key (then kept in this PC's keyring when it can), its
    database key used by this process from now on even when the keyring is locked or absent."""
    store_key = load_store_key(profile, recovery_key)
    cipher.remember(profile.root, store_key.derive(DATABASE))
    return store_key

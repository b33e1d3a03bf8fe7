"""A sealed file: a clear header, then AES-GCM chunks keyed from the store key, written and read as a stream
(a backup of 2 GB of scans never sits in memory).

    MAGIC | header length (4 bytes) | header (JSON, clear: no citizen data) | chunk | chunk | … | final chunk
    chunk = ciphertext length (4 bytes) | AES-GCM(ciphertext + tag)

The file key is HKDF(store key, random salt from the header, "motcua/<purpose>"); each chunk's nonce is its
number and a "final" flag (the STREAM construction), and every chunk authenticates the header's hash, so a
reordered, dropped, altered or cut chunk, an edited header or bytes appended after the final chunk all
fail. The header carries a check value of the key, which tells a wrong key apart from an altered file.

Here, below the store and the scans, because the backups, the attachment files (`desktop.scan.blobstore`) and
the printed copies all seal with it; `StoreKey` (the key itself, its HKDF per purpose) lives here for the
same reason, and is kept, wrapped and unlocked by `desktop.services.store_key`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import struct
from dataclasses import dataclass
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.core.errors import ValidationError

MAGIC = b"MOTCUA-SEALED\x00\x01\n"
KEY_FILE = "store-key.json"  # in the profile folder: the store key wrapped by the recovery key
CHUNK = 1 << 20
_LEN = struct.Struct(">I")
_MAX_HEADER = 1 << 16

NOT_SEALED = "Tệp này không phải bản sao lưu của Một Cửa Desktop."
TRUNCATED = "Bản sao lưu bị cắt cụt (thiếu phần cuối tệp): có thể sao chép chưa xong hoặc ổ đĩa bị lỗi."
ALTERED = "Bản sao lưu đã bị sửa đổi hoặc hỏng (dữ liệu không khớp mã xác thực)."
WRONG_KEY = (
    "Khoá không mở được bản sao lưu này (bản sao lưu của hồ sơ dữ liệu khác, hoặc khoá khôi phục không đúng)."
)


@dataclass(frozen=True)
class StoreKey:
    key_id: str
    key: bytes  # 32 bytes

    def derive(self, purpose: bytes, salt: bytes | None = None, length: int = 32) -> bytes:
        """A key for one purpose (b"backup", b"store", b"scans"…), never the store key itself."""
        return hkdf(self.key, salt, b"motcua/" + purpose, length)


def hkdf(material: bytes, salt: bytes | None, info: bytes, length: int = 32) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(material)


class SealedError(ValidationError):
    """The file is not sealed, cut short, altered, or needs another key (the message says which)."""


def _nonce(number: int, final: bool) -> bytes:
    return number.to_bytes(11, "big") + (b"\x01" if final else b"\x00")


def _check(file_key: bytes) -> str:
    return hmac.new(file_key, b"motcua key check", hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class Header:
    fields: dict[str, Any]  # what the caller put in the header (clear)
    raw: bytes

    @property
    def digest(self) -> bytes:
        return hashlib.sha256(MAGIC + self.raw).digest()


def read_header(fh: BinaryIO) -> Header:
    """The clear header of a sealed file (no key needed)."""
    if fh.read(len(MAGIC)) != MAGIC:
        raise SealedError(NOT_SEALED)
    length = fh.read(_LEN.size)
    if len(length) < _LEN.size:
        raise SealedError(TRUNCATED)
    (size,) = _LEN.unpack(length)
    if size > _MAX_HEADER:
        raise SealedError(ALTERED)
    raw = fh.read(size)
    if len(raw) < size:
        raise SealedError(TRUNCATED)
    try:
        fields = json.loads(raw)
    except ValueError:
        raise SealedError(ALTERED) from None
    if not isinstance(fields, dict):
        raise SealedError(ALTERED)
    return Header(fields, raw)


class SealedWriter:
    """A write-only file object: what is written is sealed in chunks; `close()` writes the final chunk."""

    def __init__(self, fh: BinaryIO, key: StoreKey, purpose: bytes, fields: dict[str, Any]) -> None:
        salt = os.urandom(16)
        file_key = key.derive(purpose, salt)
        fields = {**fields, "key_id": key.key_id, "salt": base64.b64encode(salt).decode()}
        fields["key_check"] = _check(file_key)
        raw = json.dumps(fields, ensure_ascii=False, sort_keys=True).encode()
        self.header = Header(fields, raw)
        self._fh = fh
        self._aead = AESGCM(file_key)
        self._buffer = bytearray()
        self._number = 0
        self.closed = False
        fh.write(MAGIC + _LEN.pack(len(raw)) + raw)

    def write(self, data: bytes) -> int:
        self._buffer += data
        done = 0
        with memoryview(self._buffer) as view:  # chunks sealed from the buffer itself, not copies of it
            while len(self._buffer) - done >= CHUNK + 1:  # the last chunk is kept back for the final flag
                self._seal(view[done : done + CHUNK], final=False)
                done += CHUNK
        del self._buffer[:done]
        return len(data)

    def _seal(self, plain: bytes | memoryview, final: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._number, final), plain, self.header.digest)
        self._fh.write(_LEN.pack(len(sealed)))
        self._fh.write(sealed)
        self._number += 1

    def close(self) -> None:
        if not self.closed:
            self._seal(bytes(self._buffer), final=True)
            self._buffer.clear()
            self.closed = True


def file_key_for(header: Header, key: StoreKey, purpose: bytes) -> bytes:
    """The header's file key from `key`; SealedError(WRONG_KEY) when the key is not the one it was sealed with."""
    try:
        salt = base64.b64decode(header.fields["salt"])
        expected = str(header.fields["key_check"])
    except (KeyError, ValueError):
        raise SealedError(ALTERED) from None
    file_key = key.derive(purpose, salt)
    if not hmac.compare_digest(_check(file_key), expected):
        raise SealedError(WRONG_KEY)
    return file_key


class SealedReader:
    """A read-only file object over a sealed file's chunks (after `read_header`)."""

    def __init__(self, fh: BinaryIO, header: Header, file_key: bytes) -> None:
        self._fh = fh
        self._aead = AESGCM(file_key)
        self._aad = header.digest
        self._number = 0
        self._plain = b""
        self._offset = 0
        self._done = False

    def _next_chunk(self) -> None:
        length = self._fh.read(_LEN.size)
        if len(length) < _LEN.size:
            raise SealedError(TRUNCATED)
        (size,) = _LEN.unpack(length)
        if size > CHUNK + 16:
            raise SealedError(ALTERED)
        sealed = self._fh.read(size)
        if len(sealed) < size:
            raise SealedError(TRUNCATED)
        for final in (False, True):
            try:
                self._plain = self._aead.decrypt(_nonce(self._number, final), sealed, self._aad)
            except InvalidTag:
                continue
            self._offset = 0
            self._number += 1
            if final:
                self._done = True
                if self._fh.read(1):
                    raise SealedError(ALTERED)  # bytes after the final chunk
            return
        raise SealedError(ALTERED)

    def read(self, size: int = -1) -> bytes:
        parts = []
        wanted = size if size >= 0 else None
        while wanted is None or wanted > 0:
            if self._offset >= len(self._plain):
                if self._done:
                    break
                self._next_chunk()
                continue
            end = len(self._plain) if wanted is None else min(len(self._plain), self._offset + wanted)
            piece = self._plain[self._offset : end]
            self._offset = end
            parts.append(piece)
            if wanted is not None:
                wanted -= len(piece)
        return b"".join(parts)

    def finish(self) -> None:
        """Read to the final chunk: a file cut right after what the caller read is still found out."""
        while not self._done:
            self._next_chunk()

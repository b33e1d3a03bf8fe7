"""The HTTP side of the client: one requests session with timeouts, TLS verification, CA bundle, proxy.

Bodies go out as gzip-compressed JSON. Every answer is turned into either a pydantic model or a
`SyncError` whose kind tells the caller what to do: NETWORK/SERVER are retried (429/503 carry the
server's Retry-After), AUTH asks for a new enrolment and keeps the queue, REJECTED is shown. The
server's `Date` header is read on every answer to measure the workstation's clock skew. A `quick` call (the
connectivity probe) has a short connect timeout and a bound on the whole exchange (`ClientConfig.probe_*`).

An optional upload cap (`ClientConfig.upload_rate_kbit`, the officer's setting) paces every request body
through a `TokenBucket`: the body is handed to requests as a file-like `PacedBody`, read in small pieces,
each waiting for its bytes' tokens, so the counter's other work keeps the rest of a slow link.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any, NoReturn, TypeVar

import requests
from pydantic import BaseModel, ValidationError
from urllib3.util import Timeout

from sync.client.config import ClientConfig
from sync.common.errors import SyncError, SyncErrorKind
from sync.common.version import __version__

M = TypeVar("M", bound=BaseModel)


class TlsError(SyncError):
    """The server's certificate could not be verified: retrying will not help."""

    final = True


class Forbidden(SyncError):
    """HTTP 403: the credentials are fine but may not do this (another unit's); the server says why."""


class TokenBucket:
    """At most `rate` bytes a second on average, in bursts of at most `burst` bytes (0.25 s of the rate by
    default). `take(n)` returns at once while tokens remain and otherwise sleeps until the debt is paid;
    `clock` and `sleep` are injectable (tests use a fake clock). Thread-safe."""

    def __init__(
        self,
        rate: float,
        burst: float | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.burst = burst if burst is not None else max(rate / 4, 1024.0)
        self.clock, self.sleep = clock, sleep
        self._tokens = self.burst
        self._stamp = clock()
        self._lock = threading.Lock()

    @property
    def piece(self) -> int:
        """A read size that keeps each wait short (about a tenth of a second at the rate)."""
        return max(256, min(16384, int(self.rate / 10)))

    def take(self, count: int) -> None:
        with self._lock:
            now = self.clock()
            self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
            self._stamp = now
            self._tokens -= count
            wait = -self._tokens / self.rate if self._tokens < 0 else 0.0
        if wait > 0:
            self.sleep(wait)


class PacedBody:
    """A request body read through a `TokenBucket` (requests streams it with its Content-Length)."""

    def __init__(self, data: bytes, bucket: TokenBucket) -> None:
        self._view = memoryview(data)
        self._at = 0
        self.bucket = bucket

    def __len__(self) -> int:
        return len(self._view)

    def read(self, size: int = -1) -> bytes:
        left = len(self._view) - self._at
        size = left if size is None or size < 0 else size
        size = min(size, left, self.bucket.piece)
        if size <= 0:
            return b""
        self.bucket.take(size)
        piece = self._view[self._at : self._at + size].tobytes()
        self._at += size
        return piece


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _detail(response: requests.Response) -> str:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        return ""
    return detail if isinstance(detail, str) else ""


class SyncHttp:
    """Calls to the provincial server's `/api/v1` for one workstation."""

    def __init__(self, config: ClientConfig, token: str | None = None) -> None:
        if not config.server_url.startswith(("http://", "https://")):
            raise SyncError(
                f"Địa chỉ máy chủ tỉnh '{config.server_url}' không hợp lệ (cần http:// hoặc https://).",
                SyncErrorKind.REJECTED,
            )
        self.config = config
        self.session = requests.Session()
        # Both passed per request, not set on the session: requests lets the environment (REQUESTS_CA_BUNDLE,
        # HTTPS_PROXY…) override session-level values, and the officer's settings must win.
        self.verify: str | bool = config.ca_bundle or True
        self.proxies = {"http": config.proxy_url, "https": config.proxy_url} if config.proxy_url else {}
        self.session.headers["User-Agent"] = f"motcua/{__version__}"
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        self.bytes_sent = 0
        self.clock_offset_ms: int | None = None
        self.bucket = TokenBucket(config.upload_rate) if config.upload_rate > 0 else None

    def paced(self, data: bytes) -> bytes | PacedBody:
        """A request body under the upload cap (as it is when there is none); counted in `bytes_sent`."""
        self.bytes_sent += len(data)
        return PacedBody(data, self.bucket) if self.bucket is not None else data

    def close(self) -> None:
        self.session.close()

    def call(
        self,
        method: str,
        path: str,
        model: type[M],
        body: BaseModel | None = None,
        params: dict[str, str] | None = None,
        quick: bool = False,
    ) -> M:
        """One request; the answer parsed as `model`, or a SyncError. `quick`: the probe's short timeouts."""
        headers: dict[str, str] = {"Accept-Encoding": "gzip"}
        data: bytes | PacedBody | None = None
        if body is not None:
            data = self.paced(
                gzip.compress(body.model_dump_json(exclude_defaults=True).encode("utf-8"), compresslevel=6)
            )
            headers.update({"Content-Type": "application/json", "Content-Encoding": "gzip"})
        response = self._request(method, path, data=data, params=params, headers=headers, quick=quick)
        return self._parse(response, model)

    def send(
        self,
        method: str,
        path: str,
        headers: dict[str, str],
        data: bytes | None = None,
        ok: tuple[int, ...] = (),
    ) -> requests.Response:
        """One raw request (the tus upload of scans): the answer when it is 2xx or its status is in `ok`,
        otherwise the SyncError `call` would raise. `data` counts in `bytes_sent` and obeys the upload cap."""
        body = self.paced(data) if data else data
        response = self._request(method, path, data=body, params=None, headers=headers, quick=False)
        if response.status_code >= 400 and response.status_code not in ok:
            self._raise_for(response)
        return response

    def _request(
        self,
        method: str,
        path: str,
        *,
        data: bytes | PacedBody | None,
        params: dict[str, str] | None,
        headers: dict[str, str],
        quick: bool,
    ) -> requests.Response:
        config = self.config
        timeout: Any = (
            Timeout(connect=config.probe_connect_timeout, total=config.probe_timeout)
            if quick
            else (config.connect_timeout, config.read_timeout)
        )
        started = time.time()
        try:
            response = self.session.request(
                method,
                path if path.startswith(("http://", "https://")) else self.config.api + path,
                data=data,
                params=params,
                headers=headers,
                proxies=self.proxies,
                verify=self.verify,
                timeout=timeout,  # requests passes a urllib3 Timeout through as it is
            )
        except requests.exceptions.SSLError:
            raise TlsError(
                "Không xác minh được chứng chỉ của máy chủ tỉnh. Hãy kiểm tra tệp chứng chỉ (CA) trong cài đặt.",
                SyncErrorKind.NETWORK,
            ) from None
        except requests.exceptions.ProxyError:
            raise SyncError("Không kết nối được qua máy chủ proxy.", SyncErrorKind.NETWORK) from None
        except requests.exceptions.RequestException:
            raise SyncError(
                "Không kết nối được máy chủ tỉnh (mất mạng hoặc quá thời gian chờ).", SyncErrorKind.NETWORK
            ) from None
        self._measure_clock(response, started, time.time())
        return response

    def _measure_clock(self, response: requests.Response, started: float, finished: float) -> None:
        date = response.headers.get("Date")
        if not date:
            return
        try:
            server = parsedate_to_datetime(date).timestamp()
        except (TypeError, ValueError):
            return
        # Date has whole seconds: the server's clock read somewhere in [server, server + 1).
        self.clock_offset_ms = round((server + 0.5 - (started + finished) / 2) * 1000)

    def _parse(self, response: requests.Response, model: type[M]) -> M:
        if response.status_code >= 400:
            self._raise_for(response)
        try:
            payload: Any = response.json()
            return model.model_validate(payload)
        except (ValueError, ValidationError, requests.exceptions.RequestException):
            # a truncated or mangled answer (a proxy cut it): the request may have been applied; retry
            raise SyncError(
                "Câu trả lời của máy chủ tỉnh bị hỏng hoặc không đầy đủ.", SyncErrorKind.NETWORK
            ) from None

    def _raise_for(self, response: requests.Response) -> NoReturn:
        """The SyncError of a 4xx/5xx answer: 429, 503 and 507 (a full disk) carry Retry-After."""
        status = response.status_code
        if status in (401, 403):
            raise (Forbidden if status == 403 else SyncError)(
                _detail(response) or "Máy chủ tỉnh từ chối mã thiết bị: hãy đăng ký lại máy trạm.",
                SyncErrorKind.AUTH,
            )
        if status in (429, 503) or status >= 500:
            raise SyncError(
                _detail(response) or f"Máy chủ tỉnh đang lỗi hoặc quá tải (HTTP {status}).",
                SyncErrorKind.SERVER,
                retry_after=_retry_after(response.headers.get("Retry-After"))
                if status in (429, 503, 507)
                else None,
            )
        raise SyncError(
            _detail(response) or f"Máy chủ tỉnh không nhận yêu cầu (HTTP {status}).",
            SyncErrorKind.CONFLICT if status == 409 else SyncErrorKind.REJECTED,
        )

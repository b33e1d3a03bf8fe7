"""Whether this workstation and the provincial server speak the same protocol, read from `GET /health`
before anything is sent (a pass, an enrolment).

- A server of another protocol version, older or newer (`protocol_version` of `/health`), is refused with a
  message naming both versions, and nothing is sent: the records' shapes and the rules of a status change
  are those of one version.
- A client older than the server's `min_client_version` is refused the same way ("hãy cập nhật phần mềm").
- `/health` is read leniently (`ServerHealth`: the fields a newer server adds are ignored), so such a server
  gets the version message, not "a broken answer"; a server without `/api/v1/health` at all (an address
  that is not a provincial server, or one that no longer serves version 1) is said as such.
"""

from __future__ import annotations

from pydantic import ConfigDict

from sync.client.http import SyncHttp
from sync.common.errors import SyncError, SyncErrorKind
from sync.common.version import __version__
from sync.protocol import PROTOCOL_VERSION, Health


class ServerHealth(Health):
    """`/health` as a client reads it: a newer server's extra fields are ignored."""

    model_config = ConfigDict(extra="ignore")


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split(".") if p.isdigit())


def server_health(http: SyncHttp, quick: bool = False) -> ServerHealth:
    """`GET /health`, checked with `require_compatible`; a SyncError when the server cannot be used."""
    try:
        health = http.call("GET", "/health", ServerHealth, quick=quick)
    except SyncError as exc:
        if exc.kind is not SyncErrorKind.REJECTED:  # offline, busy, a broken answer: as any other call
            raise
        raise SyncError(
            f"Máy chủ tại địa chỉ này không trả lời giao thức đồng bộ phiên bản {PROTOCOL_VERSION}: hãy kiểm "
            "tra địa chỉ máy chủ tỉnh, hoặc hỏi tỉnh phiên bản máy chủ đang dùng. Chưa gửi gì.",
            SyncErrorKind.REJECTED,
        ) from None
    require_compatible(health)
    return health


def require_compatible(health: Health) -> None:
    """A SyncError (REJECTED) when the server speaks another protocol version or needs a newer client."""
    if health.protocol_version != PROTOCOL_VERSION:
        newer = health.protocol_version > PROTOCOL_VERSION
        advice = "hãy cập nhật phần mềm máy trạm" if newer else "máy chủ tỉnh cần được nâng cấp"
        raise SyncError(
            f"Máy chủ tỉnh dùng giao thức đồng bộ phiên bản {health.protocol_version}, máy trạm này dùng "
            f"phiên bản {PROTOCOL_VERSION}: {advice}. Chưa gửi gì.",
            SyncErrorKind.REJECTED,
        )
    if _version_tuple(__version__) < _version_tuple(health.min_client_version):
        raise SyncError(
            f"Máy chủ tỉnh yêu cầu phiên bản {health.min_client_version} trở lên (máy trạm này: {__version__}): "
            "hãy cập nhật phần mềm. Chưa gửi gì.",
            SyncErrorKind.REJECTED,
        )

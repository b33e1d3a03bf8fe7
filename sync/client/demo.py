"""A demo profile (`desktop.store.settings.is_demo`) talks only to a training server.

Enrolment and every sync pass check `GET /health`: without `training` the server is a real province's, and
the demo profile is refused (`DemoRefused`, Vietnamese; `motcua enroll`/`motcua sync` exit 2). Its records
travel marked (`MoRong.demo`, `sync.protocol.DEMO_FLAG`), which a real server refuses as well.
"""

from __future__ import annotations

from sync.common.errors import SyncError, SyncErrorKind
from sync.protocol import Health

DEMO_REFUSED = (
    "Đây là hồ sơ dữ liệu mẫu (demo): chỉ được kết nối với máy chủ tập huấn, không với máy chủ tỉnh thật "
    "({server}). Để tập huấn, hãy dùng máy chủ khởi động bằng 'motcua-server --training'; để làm việc "
    "thật, hãy mở hồ sơ dữ liệu của xã/phường (không phải dữ liệu mẫu)."
)


class DemoRefused(SyncError):
    """A demo profile and a real (not training) server."""


def refuse_demo_unless_training(health: Health, server_url: str) -> None:
    if not health.training:
        raise DemoRefused(DEMO_REFUSED.format(server=server_url), SyncErrorKind.REJECTED)

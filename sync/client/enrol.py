"""Enrolling this workstation with the provincial server (`POST /devices`).

The officer's provincial username and password are sent once and never kept; the device token the
server returns goes to the OS keyring. The account must belong to the commune this profile was set up
for: a token of another unit would be refused on every push anyway, so enrolment refuses it up front.
The workstation number goes along (the server refuses one another live workstation of the unit holds,
HTTP 409, so offline dossier codes never collide), and so does the device this profile was enrolled as
before, which the server then revokes. A new number (`workstation=`) is kept only once the server took it.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass

from sqlalchemy import select

from desktop import __version__
from desktop.core.errors import SyncError, SyncErrorKind, ValidationError
from desktop.core.timeutil import now_local
from desktop.services.workstation import check_new_number, set_workstation_number, workstation_number
from desktop.store import settings
from desktop.store.engine import Store
from desktop.store.models import Unit
from sync.client import credentials
from sync.client.config import DEVICE_ID, SERVER_UNIT, ClientConfig, get_state, load_config, put_state
from sync.client.http import SyncHttp
from sync.protocol import EnrolRequest, EnrolResult, Health


@dataclass(frozen=True)
class Enrolled:
    device_id: str
    unit_code: str
    unit_name: str
    officer_name: str
    server_url: str
    workstation: int = 1


def enrol(
    store: Store,
    server_url: str,
    username: str,
    password: str,
    device_name: str = "",
    workstation: int | None = None,
) -> Enrolled:
    """Enrol with the server at `server_url`; on success the URL is saved and the token is in the keyring.

    `workstation`: enrol under this number instead of the current one (checked first, saved on success)."""
    server_url = server_url.strip().rstrip("/")
    if not username.strip() or not password:
        raise ValidationError("Hãy nhập tên đăng nhập và mật khẩu của hệ thống tỉnh.", "username")
    with store.session() as session:
        unit = session.scalars(select(Unit).order_by(Unit.id)).first()
        if unit is None:
            raise ValidationError(
                "Hãy hoàn tất cài đặt ban đầu (xã/phường) trước khi đăng ký máy trạm.", "unit"
            )
        local_unit = unit.code
        base = load_config(session)
        old_device = get_state(session, DEVICE_ID)
        renumber = workstation is not None and check_new_number(session, workstation, now_local().date())
        number = workstation if workstation is not None else workstation_number(session)
    config = ClientConfig(server_url=server_url, ca_bundle=base.ca_bundle, proxy_url=base.proxy_url)
    http = SyncHttp(config)
    try:
        http.call("GET", "/health", Health)
        result = http.call(
            "POST",
            "/devices",
            EnrolResult,
            EnrolRequest(
                username=username.strip(),
                password=password,
                device_name=device_name or platform.node()[:120],
                client_version=__version__,
                workstation=number,
                replaces_device_id=old_device or None,
            ),
        )
    except SyncError as exc:
        if exc.kind is SyncErrorKind.AUTH:
            raise SyncError(
                "Tên đăng nhập hoặc mật khẩu hệ thống tỉnh không đúng.", SyncErrorKind.AUTH
            ) from None
        raise
    finally:
        http.close()
    if result.unit_code != local_unit:
        raise SyncError(
            f"Tài khoản '{username}' thuộc đơn vị {result.unit_code} ({result.unit_name}), "
            f"không phải đơn vị của máy này ({local_unit}).",
            SyncErrorKind.AUTH,
        )
    credentials.save_token(result.device_id, result.token)
    with store.transaction() as session:
        settings.put(session, settings.SERVER_URL, server_url)
        put_state(session, DEVICE_ID, result.device_id)
        put_state(session, SERVER_UNIT, result.unit_code)
        if renumber:
            set_workstation_number(session, number)
    if old_device and old_device != result.device_id:
        credentials.delete_token(old_device)
    return Enrolled(
        result.device_id, result.unit_code, result.unit_name, result.officer_name, server_url, number
    )

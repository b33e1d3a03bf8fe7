"""Enrolling this workstation with the provincial server (`POST /devices`, then `POST /devices:confirm`).

The officer's provincial username and password are sent once and never kept; the device token the
server returns goes to the OS keyring. The account must belong to the commune this profile was set up
for (the server refuses another unit's account before creating anything; checked here too, for servers
that do not). The workstation number goes along (the server refuses one another live workstation of the
unit holds, HTTP 409, so offline dossier codes never collide), and so does the device this profile was
enrolled as before, which the server revokes once the new one is confirmed (with that device's token as
proof it is this workstation; without it only a unit administrator's account may replace a live device).
A new number (`workstation=`) is kept only once the server took it.

An attempt cannot leave debris: before calling the server the profile keeps an enrolment id (a UUID);
the server's device stays pending, holding no workstation number, until this workstation has stored the
token in the keyring and confirmed it. A lost answer, a keyring that refuses or a wrong password leaves
at most that pending device, which the next attempt from this profile reuses (and which the server
deletes after a day otherwise). The id is dropped once the enrolment is complete.

A demo profile (`desktop.store.settings.is_demo`) enrols only with a training server (`GET /health`
says `training`).
"""

from __future__ import annotations

import platform
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from desktop.store import settings
from desktop.store.engine import Store
from desktop.store.models import Unit
from desktop.store.workstation import check_new_number, set_workstation_number, workstation_number
from sync.client import credentials
from sync.client.compat import server_health
from sync.client.config import (
    DEVICE_ID,
    PENDING_ENROLMENT,
    SERVER_UNIT,
    ClientConfig,
    get_state,
    load_config,
    put_state,
)
from sync.client.demo import refuse_demo_unless_training
from sync.client.http import Forbidden, SyncHttp
from sync.common.errors import SyncError, SyncErrorKind, ValidationError
from sync.common.timeutil import now_local
from sync.common.version import __version__
from sync.protocol import DeviceConfirmed, EnrolRequest, EnrolResult


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
    replace_workstation: bool = False,
) -> Enrolled:
    """Enrol with the server at `server_url`; on success the URL is saved and the token is in the keyring.

    `workstation`: enrol under this number instead of the current one (checked first, saved on success).
    `replace_workstation`: this machine replaces the live device that holds the number (a unit
    administrator's account only: the server answers 403 otherwise, its message passed on as is).
    Re-enrolling, the old device's token (when the keyring still has it) goes along as proof that this is
    the same workstation, which needs no administrator."""
    server_url = server_url.strip().rstrip("/")
    if not username.strip() or not password:
        raise ValidationError("Hãy nhập tên đăng nhập và mật khẩu của hệ thống tỉnh.", "username")
    with store.transaction() as session:
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
        demo = settings.is_demo(session)
        enrolment_id = get_state(session, PENDING_ENROLMENT)
        if not enrolment_id:  # kept before the server is asked: a retry reuses the server's pending device
            enrolment_id = str(uuid.uuid4())
            put_state(session, PENDING_ENROLMENT, enrolment_id)
    credentials.check_keyring()  # no keyring, or a locked one: say so before the server is asked
    config = ClientConfig(server_url=server_url, ca_bundle=base.ca_bundle, proxy_url=base.proxy_url)
    http = SyncHttp(config, credentials.load_token(old_device) if old_device else None)
    try:
        health = server_health(http)  # another protocol version: refused before the account is sent
        if demo:
            refuse_demo_unless_training(health, server_url)
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
                enrolment_id=enrolment_id,
                unit_code=local_unit,
                replace_workstation=replace_workstation,
            ),
        )
    except SyncError as exc:
        # 403 (another unit's account, or a replacement that needs the unit administrator): the server's words
        if exc.kind is SyncErrorKind.AUTH and not isinstance(exc, Forbidden):
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
    _confirm(config, result.token)
    with store.transaction() as session:
        settings.put(session, settings.SERVER_URL, server_url)
        put_state(session, DEVICE_ID, result.device_id)
        put_state(session, SERVER_UNIT, result.unit_code)
        put_state(session, PENDING_ENROLMENT, "")
        if renumber:
            set_workstation_number(session, number)
    if old_device and old_device != result.device_id:
        credentials.delete_token(old_device)
    return Enrolled(
        result.device_id, result.unit_code, result.unit_name, result.officer_name, server_url, number
    )


def _confirm(config: ClientConfig, token: str) -> None:
    """Tell the server the token is stored: the device goes live and takes its workstation number."""
    http = SyncHttp(config, token)
    try:
        http.call("POST", "/devices:confirm", DeviceConfirmed)
    except SyncError as exc:
        if exc.kind is SyncErrorKind.NETWORK or exc.kind is SyncErrorKind.SERVER:
            raise SyncError(
                f"{exc} Máy chủ tỉnh chưa ghi nhận xong việc đăng ký: hãy bấm đăng ký lại "
                "(lần sau dùng lại đúng yêu cầu đăng ký này, không tạo máy trạm mới).",
                exc.kind,
            ) from None
        raise
    finally:
        http.close()

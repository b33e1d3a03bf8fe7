"""The server's database: engine from a URL, schema creation, accounts, devices, numbers and reports.

SQLite (the default, for a small province or tests) gets WAL and a busy timeout; PostgreSQL URLs are
routed through psycopg 3. Opening the store brings the schema to the newest revision first
(`sync.server.migrations`: alembic, in one transaction; a database written by a newer server is refused).
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, create_engine, delete, event, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from sync.common.code_ranges import SERVER_RANGE
from sync.common.errors import NotFoundError, ValidationError
from sync.common.passwords import hasher
from sync.common.text import clean
from sync.protocol import DeviceConfirmed, EnrolResult
from sync.server.audit import audit
from sync.server.migrations import upgrade_to_head
from sync.server.models import (
    IssuedBlock,
    NumberCounter,
    ServerDevice,
    ServerDossier,
    ServerEvent,
    ServerOfficer,
    ServerUnit,
    StoredBlob,
    utcnow,
)

PENDING_TTL = timedelta(days=1)  # an enrolment not confirmed within this is deleted at the next one
MAX_DAILY_NUMBER = SERVER_RANGE[1]  # above: the workstations' offline ranges (desktop/store/numbers.py)


@cache
def _dummy_hash() -> str:
    """Verified against when the username is unknown, so both paths take the same time."""
    return hasher().hash("motcua-dummy-password")


def normalise_url(url: str) -> str:
    """Accept `postgresql://` and route it through psycopg 3; a bare path means an SQLite file."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url:
        return f"sqlite:///{url}"
    return url


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


class ServerStore:
    """Engine and session factory of the server database."""

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        self.engine: Engine = create_engine(self.url, pool_pre_ping=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        upgrade_to_head(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()

    # --- accounts and devices -------------------------------------------------------------------------

    def create_unit(self, code: str, name: str) -> None:
        code, name = clean(code, 300), clean(name)
        if not code or not name:
            raise ValidationError("Mã và tên đơn vị không được để trống.", "code")
        with self.transaction() as session:
            if session.scalar(select(ServerUnit.id).where(ServerUnit.code == code)) is not None:
                raise ValidationError(f"Đơn vị '{code}' đã tồn tại.", "code")
            session.add(ServerUnit(code=code, name=name))

    def create_officer(self, unit_code: str, username: str, password: str, full_name: str = "") -> None:
        username = clean(username)
        if not username or len(username) > 80 or len(password) < 6:
            raise ValidationError("Tên đăng nhập trống hoặc mật khẩu ngắn hơn 6 ký tự.", "username")
        with self.transaction() as session:
            unit = self.unit_by_code(session, unit_code)
            if session.scalar(select(ServerOfficer.id).where(ServerOfficer.username == username)):
                raise ValidationError(f"Tài khoản '{username}' đã tồn tại.", "username")
            session.add(
                ServerOfficer(
                    unit_id=unit.id,
                    username=username,
                    full_name=clean(full_name) or username,
                    password_hash=hasher().hash(password),
                )
            )

    def set_unit_admin(self, unit_code: str, username: str, admin: bool) -> None:
        """Grant (or take back) the unit administrator's role of an account of the unit."""
        with self.transaction() as session:
            unit = self.unit_by_code(session, unit_code)
            officer = session.scalars(
                select(ServerOfficer).where(
                    ServerOfficer.username == clean(username), ServerOfficer.unit_id == unit.id
                )
            ).first()
            if officer is None:
                raise NotFoundError(f"Đơn vị {unit.code} không có tài khoản '{username}'.")
            officer.unit_admin = admin

    def has_account(self, username: str) -> bool:
        """Whether `username` is a provincial account (the audit log names only those: an unknown one may
        be a password typed into the wrong box)."""
        with self.transaction() as session:
            return (
                session.scalar(select(ServerOfficer.id).where(ServerOfficer.username == username)) is not None
            )

    @staticmethod
    def unit_by_code(session: Session, code: str) -> ServerUnit:
        unit = session.scalars(select(ServerUnit).where(ServerUnit.code == clean(code))).first()
        if unit is None:
            raise NotFoundError(f"Không có đơn vị '{code}'.")
        return unit

    def enrol(
        self,
        username: str,
        password: str,
        device_name: str,
        workstation: int | None = None,
        replaces: str | None = None,
        enrolment_id: str | None = None,
        unit_code: str | None = None,
        *,
        replace_workstation: bool = False,
        proof: str | None = None,
        address: str = "?",
    ) -> EnrolResult:
        """Check the provincial account and issue a device token (only its hash is stored).

        `workstation`: refused (WorkstationTaken) while another live device of the unit holds that number.
        `replaces`: this profile's earlier device; if it is of the same unit it is revoked and linked, so
        re-enrolling a workstation never collides with itself and keeps its dossiers (reconciliation).
        `enrolment_id`: the device is pending until `confirm` (it holds no number and the revocation of
        `replaces` waits for the confirmation); the same id again reuses that device with a new token.
        Without it the device is live at once (older clients). `unit_code`: refused (WrongUnit) when the
        account belongs to another unit, before anything is written. Pending devices older than
        PENDING_TTL are deleted on the way.

        Replacing a live device needs the unit administrator's role (ReplacementRefused otherwise): `replaces`
        naming a live device, unless `proof` is that device's own token (the workstation re-enrolling
        itself); `replace_workstation`, which makes the live holder of `workstation` the device replaced
        (without it a held number is WorkstationTaken for every account). Each replacement, allowed or
        refused, goes to the audit log with the unit, workstation, username and `address`.
        """
        with self.transaction() as session:
            officer = session.scalars(select(ServerOfficer).where(ServerOfficer.username == username)).first()
            try:
                hasher().verify(officer.password_hash if officer else _dummy_hash(), password)
            except (VerificationError, InvalidHashError):
                officer = None
            if officer is None or not officer.active:
                raise PermissionError("Tên đăng nhập hoặc mật khẩu không đúng.")
            unit = session.get_one(ServerUnit, officer.unit_id)
            if unit_code is not None and clean(unit_code, 300) != unit.code:
                raise WrongUnit(
                    f"Tài khoản '{username}' thuộc đơn vị {unit.code} ({unit.name}), không phải đơn vị "
                    f"của máy trạm này ({unit_code}). Hãy dùng tài khoản của đơn vị {unit_code}."
                )
            _purge_stale_pending(session)
            previous = session.get(ServerDevice, replaces) if replaces else None
            if previous is not None and (previous.unit_id != unit.id or previous.confirmed_at is None):
                previous = None
            device = _pending_device(session, enrolment_id, unit) if enrolment_id else None
            who = _Replacing(officer, unit, address)
            if previous is not None and previous.revoked_at is None:
                own = proof is not None and secrets.compare_digest(token_digest(proof), previous.token_hash)
                who.check(previous, "the workstation's own token" if own else None)
            if workstation is not None:
                holder = _workstation_holder(session, unit, workstation, previous, device)
                if holder is not None and replace_workstation and (previous is None or previous.revoked_at):
                    who.check(holder, None)
                    previous = holder
                elif holder is not None:
                    raise WorkstationTaken(_taken_message(unit, holder))
            token = secrets.token_urlsafe(32)
            if device is None:
                device = ServerDevice(id=str(uuid.uuid4()), unit_id=unit.id, enrolment_id=enrolment_id)
                session.add(device)
            device.officer_id = officer.id
            device.name = clean(device_name, 120)
            device.token_hash = token_digest(token)
            device.workstation = workstation
            device.replaced_device_id = previous.id if previous is not None else None
            if enrolment_id is None:  # an older client: live at once, as before
                _go_live(session, device)
            return EnrolResult(
                device_id=device.id,
                token=token,
                unit_code=unit.code,
                unit_name=unit.name,
                officer_name=officer.full_name,
            )

    def confirm(self, token: str) -> DeviceConfirmed | None:
        """The workstation stored the token of its pending device: the device goes live, takes its
        workstation number (WorkstationTaken if another device took it meanwhile) and revokes the device it
        replaces. Idempotent; None for an unknown or revoked token."""
        with self.transaction() as session:
            device = session.scalars(
                select(ServerDevice).where(ServerDevice.token_hash == token_digest(token))
            ).first()
            if device is None or device.revoked_at is not None:
                return None
            unit = session.get_one(ServerUnit, device.unit_id)
            if device.confirmed_at is None:
                previous = (
                    session.get(ServerDevice, device.replaced_device_id)
                    if device.replaced_device_id
                    else None
                )
                if device.workstation is not None:
                    holder = _workstation_holder(session, unit, device.workstation, previous, device)
                    if holder is not None:
                        raise WorkstationTaken(_taken_message(unit, holder))
                _go_live(session, device)
            return DeviceConfirmed(device_id=device.id, unit_code=unit.code, workstation=device.workstation)

    def device_for_token(self, token: str) -> tuple[ServerDevice, ServerUnit] | None:
        """The live device and its unit for a bearer token, or None (unknown, forged or revoked)."""
        with self.transaction() as session:
            device = session.scalars(
                select(ServerDevice).where(ServerDevice.token_hash == token_digest(token))
            ).first()
            if device is None or device.revoked_at is not None or device.confirmed_at is None:
                return None
            device.last_seen_at = utcnow()
            return device, session.get_one(ServerUnit, device.unit_id)

    def replace_device(self, unit_code: str, workstation: int) -> str:
        """The province replaces a workstation's device: the live device holding `workstation` is revoked,
        so the next enrolment under that number (by any officer of the unit) takes it. Returns its name."""
        device_id = self.device_at(unit_code, workstation)
        with self.transaction() as session:
            device = session.get_one(ServerDevice, device_id)
            device.revoked_at = device.revoked_at or utcnow()
            return device.name

    def device_at(self, unit_code: str, workstation: int) -> str:
        """The id of the live device that holds `workstation` in the unit (the province's admin revokes by
        number: a refused enrolment names the number, never another device's id)."""
        with self.transaction() as session:
            unit = self.unit_by_code(session, unit_code)
            holder = _workstation_holder(session, unit, workstation, None)
            if holder is None:
                raise NotFoundError(f"Đơn vị {unit_code} không có máy trạm số {workstation} đang hoạt động.")
            return holder.id

    def revoke_device(self, device_id: str) -> None:
        with self.transaction() as session:
            device = session.get(ServerDevice, device_id)
            if device is None:
                raise NotFoundError(f"Không có máy trạm '{device_id}'.")
            device.revoked_at = device.revoked_at or utcnow()

    # --- dossier numbers ------------------------------------------------------------------------------

    def reserve_numbers(self, unit_id: int, day: date, count: int, device_id: str | None) -> tuple[int, int]:
        """Hand out up to `count` consecutive numbers of a unit's day; devices and the province share one
        counter, which never goes past MAX_DAILY_NUMBER (the last block of a day may be shorter).

        The counter row is advanced by one atomic UPDATE … RETURNING, so concurrent requests never overlap.
        """
        with self.transaction() as session:
            insert = postgresql.insert if self.engine.dialect.name == "postgresql" else sqlite.insert
            session.execute(
                insert(NumberCounter)
                .values(unit_id=unit_id, day=day, next_number=1)
                .on_conflict_do_nothing(index_elements=["unit_id", "day"])
            )
            after = session.execute(
                update(NumberCounter)
                .where(NumberCounter.unit_id == unit_id, NumberCounter.day == day)
                .values(next_number=NumberCounter.next_number + count)
                .returning(NumberCounter.next_number)
            ).scalar_one()
            first, last = after - count, min(after - 1, MAX_DAILY_NUMBER)
            if first > last:
                raise OverflowError(
                    f"Đã hết số hồ sơ tỉnh cấp cho ngày {day:%d/%m/%Y} (tối đa {MAX_DAILY_NUMBER})."
                )
            session.add(IssuedBlock(unit_id=unit_id, day=day, first=first, last=last, device_id=device_id))
            return first, last

    # --- reports --------------------------------------------------------------------------------------

    def report(self, unit_code: str) -> dict[str, Any]:
        """Counts the server holds for a unit, as `motcua-server admin report` prints them.

        `dossiers`: dossiers whose intake was accepted; `events`: events stored (accepted or rejected: each
        takes its place once), `rejected_events` of them; `duplicates`: event UUIDs stored more than once
        (always 0: the UUID is the key, which is what the fault tests check from outside); `devices`: enrolled
        (confirmed) devices, revoked ones included; `pending_devices`: enrolments not confirmed yet;
        `attachments`, `attachment_bytes`: the scans held for the unit, each verified against its SHA-256.
        """
        with self.transaction() as session:
            unit = self.unit_by_code(session, unit_code)
            dossiers = session.scalar(
                select(func.count())
                .select_from(ServerDossier)
                .where(ServerDossier.unit_id == unit.id, ServerDossier.code.is_not(None))
            )
            by_status = dict(
                session.execute(
                    select(ServerEvent.status, func.count())
                    .where(ServerEvent.unit_id == unit.id)
                    .group_by(ServerEvent.status)
                ).all()
            )
            repeated = (
                select(ServerEvent.uuid)
                .where(ServerEvent.unit_id == unit.id)
                .group_by(ServerEvent.uuid)
                .having(func.count() > 1)
                .subquery()
            )
            duplicates = session.scalar(select(func.count()).select_from(repeated))
            devices = dict(
                session.execute(
                    select(ServerDevice.confirmed_at.is_(None), func.count())
                    .where(ServerDevice.unit_id == unit.id)
                    .group_by(ServerDevice.confirmed_at.is_(None))
                ).all()
            )
            scans, scan_bytes = session.execute(
                select(func.count(), func.coalesce(func.sum(StoredBlob.size), 0)).where(
                    StoredBlob.unit_id == unit.id
                )
            ).one()
            return {
                "unit": unit.code,
                "dossiers": int(dossiers or 0),
                "events": int(sum(by_status.values())),
                "rejected_events": int(by_status.get("rejected", 0)),
                "duplicates": int(duplicates or 0),
                "devices": int(devices.get(False, 0)),
                "pending_devices": int(devices.get(True, 0)),
                "attachments": int(scans or 0),
                "attachment_bytes": int(scan_bytes or 0),
            }


class WorkstationTaken(Exception):
    """Another live device of the unit holds the workstation number (HTTP 409); the message is Vietnamese."""


class WrongUnit(Exception):
    """The account belongs to another unit than the workstation's (HTTP 403); the message is Vietnamese."""


class ReplacementRefused(Exception):
    """The enrolment would replace a live device and the account is not the unit administrator (HTTP 403);
    the message is Vietnamese."""


def _purge_stale_pending(session: Session) -> None:
    """Delete enrolments never confirmed within PENDING_TTL (they hold nothing and nothing refers to them)."""
    session.execute(
        delete(ServerDevice).where(
            ServerDevice.confirmed_at.is_(None), ServerDevice.created_at < utcnow() - PENDING_TTL
        )
    )


def _pending_device(session: Session, enrolment_id: str, unit: ServerUnit) -> ServerDevice | None:
    """The device of an earlier attempt with this enrolment id, to reuse; None for a new enrolment. An id
    left on a revoked device or on another unit's is released (set NULL) so the new device can take it."""
    device = session.scalars(select(ServerDevice).where(ServerDevice.enrolment_id == enrolment_id)).first()
    if device is None:
        return None
    if device.revoked_at is None and device.unit_id == unit.id:
        return device
    device.enrolment_id = None
    session.flush()
    return None


def _go_live(session: Session, device: ServerDevice) -> None:
    """Revoke the device this one replaces (first: the partial unique index), then confirm this one."""
    previous = session.get(ServerDevice, device.replaced_device_id) if device.replaced_device_id else None
    if previous is not None and previous.revoked_at is None:
        previous.revoked_at = utcnow()
        session.flush()
    device.confirmed_at = utcnow()
    session.flush()


def _workstation_holder(
    session: Session,
    unit: ServerUnit,
    workstation: int,
    previous: ServerDevice | None,
    device: ServerDevice | None = None,
) -> ServerDevice | None:
    """The confirmed live device of the unit, other than `previous` (the one being replaced) and `device`
    (the one being enrolled), that holds `workstation`; pending devices hold nothing."""
    mine = [d.id for d in (previous, device) if d is not None]
    return session.scalars(
        select(ServerDevice).where(
            ServerDevice.unit_id == unit.id,
            ServerDevice.workstation == workstation,
            ServerDevice.revoked_at.is_(None),
            ServerDevice.confirmed_at.is_not(None),
            ServerDevice.id.not_in(mine),
        )
    ).first()


def _taken_message(unit: ServerUnit, holder: ServerDevice) -> str:
    number = holder.workstation
    return (
        f"Số máy trạm {number} đang được một máy trạm khác của đơn vị {unit.code} sử dụng "
        f"('{holder.name or 'không tên'}'). Hãy chọn số máy trạm khác cho máy này. Nếu máy này thay cho "
        "máy cũ, quản trị đơn vị đăng ký máy này với lựa chọn thay máy trạm, hoặc nhờ quản trị hệ thống "
        f"tỉnh thay máy (motcua-server admin replace-device --unit {unit.code} --workstation {number})."
    )


@dataclass(frozen=True)
class _Replacing:
    """Who enrols a device that would replace a live one: allowed for the unit administrator or with the
    replaced device's own token (`because`), refused otherwise; either way one audit line."""

    officer: ServerOfficer
    unit: ServerUnit
    address: str

    def check(self, replaced: ServerDevice, because: str | None) -> None:
        because = because or ("unit administrator" if self.officer.unit_admin else None)
        where = (
            f"unit {self.unit.code} workstation {replaced.workstation or '-'} "
            f"(device name {replaced.name!r}) by username {self.officer.username!r} from {self.address}"
        )
        if because is None:
            audit.warning("device replacement refused (not a unit administrator): %s", where)
            what = f"máy trạm số {replaced.workstation}" if replaced.workstation else "máy trạm"
            raise ReplacementRefused(
                f"Chỉ quản trị đơn vị mới được thay {what} ('{replaced.name or 'không tên'}') của đơn vị "
                f"{self.unit.code}; tài khoản '{self.officer.username}' không có quyền này. Hãy nhờ quản "
                "trị đơn vị đăng ký máy này, hoặc nhờ quản trị hệ thống tỉnh thay máy"
                + (
                    f" (motcua-server admin replace-device --unit {self.unit.code} "
                    f"--workstation {replaced.workstation})."
                    if replaced.workstation
                    else "."
                )
            )
        audit.info("device replacement allowed (%s): %s", because, where)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()

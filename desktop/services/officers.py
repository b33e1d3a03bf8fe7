"""Managing the officers of the profile (administrators only): list, add, disable or enable, reset a
password, change a role, lift a lockout; and the workstation's auto-lock delay. Each change is one
transaction with its line in the audit log (`desktop.services.audit`).

The acting administrator is checked against the store in the same transaction (still active, still an
administrator), not trusted from the `SignedIn` given. The last active administrator cannot be disabled
or demoted (nobody could manage the officers any more), nor can an administrator disable themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core import limits, roles
from desktop.core.errors import NotFoundError, ValidationError
from desktop.core.password_policy import check_password
from desktop.core.text import clean
from desktop.core.timeutil import now_local
from desktop.services import audit, lockout
from desktop.services.credentials import SignedIn, hash_password
from desktop.store import settings
from desktop.store.engine import Store
from desktop.store.models import Officer

MAX_FULL_NAME = limits.OFFICER_NAME
AUTO_LOCK_DEFAULT = 10  # minutes
AUTO_LOCK_RANGE = (1, 240)


@dataclass(frozen=True)
class OfficerRow:
    id: int
    username: str
    full_name: str
    role: str
    active: bool
    locked_until: datetime | None  # set only while the lockout lasts
    last_login_at: datetime | None

    @property
    def role_label(self) -> str:
        return roles.label_vi(self.role)


def _row(officer: Officer, now: datetime) -> OfficerRow:
    return OfficerRow(
        id=officer.id,
        username=officer.username,
        full_name=officer.full_name,
        role=officer.role,
        active=officer.active,
        locked_until=officer.locked_until if lockout.is_locked(officer, now) else None,
        last_login_at=officer.last_login_at,
    )


def list_officers(store: Store) -> list[OfficerRow]:
    now = now_local()
    with store.session() as session:
        return [_row(o, now) for o in session.scalars(select(Officer).order_by(Officer.username))]


def _admin(session: Session, actor: SignedIn) -> Officer:
    admin = session.get(Officer, actor.officer_id)
    if admin is None or not admin.active:
        raise ValidationError("Tài khoản của bạn không còn hoạt động.", "role")
    roles.require_admin(admin.role)
    return admin


def _named(session: Session, username: str) -> Officer:
    officer = session.scalars(
        select(Officer).where(func.lower(Officer.username) == clean(username).lower())
    ).first()
    if officer is None:
        raise NotFoundError(f"Không có cán bộ với tên đăng nhập '{clean(username)}'.")
    return officer


def _keep_an_admin(session: Session, officer: Officer) -> None:
    others = session.scalar(
        select(func.count())
        .select_from(Officer)
        .where(Officer.role == roles.ADMIN, Officer.active, Officer.id != officer.id)
    )
    if officer.role == roles.ADMIN and officer.active and not others:
        raise ValidationError(
            f"'{officer.username}' là quản trị viên duy nhất còn hoạt động: hãy thêm một quản trị viên khác trước.",
            "role",
        )


def check_username(username: str) -> str:
    username = clean(username)
    if not username or any(ch.isspace() for ch in username) or len(username) > 80:
        raise ValidationError(
            "Tên đăng nhập không được để trống, không chứa dấu cách và dài tối đa 80 ký tự.", "username"
        )
    return username


def add_officer(
    store: Store, actor: SignedIn, username: str, full_name: str, password: str, role: str = roles.OFFICER
) -> OfficerRow:
    """A new active officer of the administrator's unit; everything checked before anything is written."""
    username = check_username(username)
    full_name = clean(full_name)
    if not full_name:
        raise ValidationError("Hãy nhập họ và tên cán bộ.", "full_name")
    if len(full_name) > MAX_FULL_NAME:
        raise ValidationError(f"Họ và tên cán bộ dài quá {MAX_FULL_NAME} ký tự.", "full_name")
    roles.check_role(role)
    check_password(password, username)
    with store.transaction() as session:
        admin = _admin(session, actor)
        taken = session.scalars(
            select(Officer).where(func.lower(Officer.username) == username.lower())
        ).first()
        if taken is not None:
            raise ValidationError(f"Tên đăng nhập '{username}' đã có.", "username")
        officer = Officer(
            unit_id=admin.unit_id,
            username=username,
            full_name=full_name,
            password_hash=hash_password(password),
            role=role,
        )
        session.add(officer)
        session.flush()
        audit.record(session, audit.OFFICER_ADDED, admin.id, officer.id, roles.label_vi(role))
        return _row(officer, now_local())


def set_active(store: Store, actor: SignedIn, username: str, active: bool) -> OfficerRow:
    """Disable (they can no longer sign in; their dossiers and history stay) or enable an officer again."""
    with store.transaction() as session:
        admin = _admin(session, actor)
        officer = _named(session, username)
        if not active:
            if officer.id == admin.id:
                raise ValidationError("Không thể tự ngừng kích hoạt tài khoản đang đăng nhập.", "username")
            _keep_an_admin(session, officer)
        if officer.active != active:
            officer.active = active
            action = audit.OFFICER_ENABLED if active else audit.OFFICER_DISABLED
            audit.record(session, action, admin.id, officer.id)
        return _row(officer, now_local())


def reset_password(store: Store, actor: SignedIn, username: str, password: str) -> OfficerRow:
    """A new password for an officer (also lifts their lockout)."""
    with store.transaction() as session:
        admin = _admin(session, actor)
        officer = _named(session, username)
        check_password(password, officer.username)
        officer.password_hash = hash_password(password)
        lockout.lift(session, officer, admin.id)
        audit.record(session, audit.PASSWORD_RESET, admin.id, officer.id)
        return _row(officer, now_local())


def set_role(store: Store, actor: SignedIn, username: str, role: str) -> OfficerRow:
    roles.check_role(role)
    with store.transaction() as session:
        admin = _admin(session, actor)
        officer = _named(session, username)
        if role != roles.ADMIN:
            _keep_an_admin(session, officer)
        if officer.role != role:
            officer.role = role
            audit.record(session, audit.ROLE_CHANGED, admin.id, officer.id, roles.label_vi(role))
        return _row(officer, now_local())


def lift_lockout(store: Store, actor: SignedIn, username: str) -> bool:
    """Let a locked-out officer sign in again at once; whether they were locked."""
    with store.transaction() as session:
        admin = _admin(session, actor)
        return lockout.lift(session, _named(session, username), admin.id)


def auto_lock_minutes(store: Store) -> int:
    """After how many idle minutes this workstation's window locks (setting `auto_lock_minutes`)."""
    with store.session() as session:
        value = settings.get(session, settings.AUTO_LOCK_MINUTES)
    try:
        minutes = int(value)
    except ValueError:
        return AUTO_LOCK_DEFAULT
    low, high = AUTO_LOCK_RANGE
    return minutes if low <= minutes <= high else AUTO_LOCK_DEFAULT


def set_auto_lock_minutes(store: Store, actor: SignedIn, minutes: int) -> int:
    low, high = AUTO_LOCK_RANGE
    if not low <= minutes <= high:
        raise ValidationError(f"Thời gian tự khoá màn hình phải từ {low} đến {high} phút.", "auto_lock")
    with store.transaction() as session:
        admin = _admin(session, actor)
        settings.put(session, settings.AUTO_LOCK_MINUTES, str(minutes))
        audit.record(session, audit.AUTO_LOCK_CHANGED, admin.id, detail=f"{minutes} phút")
    return minutes

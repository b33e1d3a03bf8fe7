"""The audit log: who did what, when, at which workstation (sign-ins, failures, lockouts and their lifting,
changes to officers, the screen locked and unlocked). Written in the transaction of what it records, or
in its own for a refused sign-in (whose transaction is rolled back); listed newest first.

Never holds a password, nor what was typed as a username for an unknown account (it may be a password).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from desktop.core.timeutil import now_local
from desktop.store.engine import Store
from desktop.store.models import AuditEntry, Officer
from desktop.store.workstation import workstation_number

SIGN_IN = "sign_in"
SIGN_IN_FAILED = "sign_in_failed"
LOCKED_OUT = "locked_out"
LOCKOUT_LIFTED = "lockout_lifted"
SIGN_OUT = "sign_out"
SCREEN_LOCKED = "screen_locked"
SCREEN_UNLOCKED = "screen_unlocked"
OFFICER_ADDED = "officer_added"
OFFICER_DISABLED = "officer_disabled"
OFFICER_ENABLED = "officer_enabled"
PASSWORD_RESET = "password_reset"
ROLE_CHANGED = "role_changed"
AUTO_LOCK_CHANGED = "auto_lock_changed"
BACKUP_CREATED = "backup_created"
BACKUP_VERIFIED = "backup_verified"
BACKUP_RESTORED = "backup_restored"
CATALOGUE_IMPORTED = "catalogue_imported"
TIME_LIMIT_CONFIRMED = "time_limit_confirmed"

ACTIONS: dict[str, str] = {
    SIGN_IN: "Đăng nhập",
    SIGN_IN_FAILED: "Đăng nhập không thành công",
    LOCKED_OUT: "Tạm khoá tài khoản (sai mật khẩu nhiều lần)",
    LOCKOUT_LIFTED: "Mở khoá tài khoản",
    SIGN_OUT: "Đăng xuất",
    SCREEN_LOCKED: "Khoá màn hình",
    SCREEN_UNLOCKED: "Mở khoá màn hình",
    OFFICER_ADDED: "Thêm cán bộ",
    OFFICER_DISABLED: "Ngừng kích hoạt cán bộ",
    OFFICER_ENABLED: "Kích hoạt lại cán bộ",
    PASSWORD_RESET: "Đặt lại mật khẩu",
    ROLE_CHANGED: "Đổi vai trò",
    AUTO_LOCK_CHANGED: "Đổi thời gian tự khoá màn hình",
    BACKUP_CREATED: "Sao lưu dữ liệu",
    BACKUP_VERIFIED: "Kiểm tra bản sao lưu",
    BACKUP_RESTORED: "Khôi phục từ bản sao lưu",
    CATALOGUE_IMPORTED: "Nhập danh mục thủ tục",
    TIME_LIMIT_CONFIRMED: "Xác nhận thời hạn giải quyết thủ tục",
}


@dataclass(frozen=True)
class AuditLine:
    at: datetime
    action: str  # a key of ACTIONS
    label: str  # its Vietnamese label
    officer: str  # the username of who did it ("" when unknown)
    subject: str  # the username of the officer it concerns ("" when none)
    workstation: int
    detail: str


def record(
    session: Session,
    action: str,
    officer_id: int | None,
    subject_id: int | None = None,
    detail: str = "",
    at: datetime | None = None,
) -> None:
    """Add one line to the audit log (the caller's transaction)."""
    assert action in ACTIONS, action
    session.add(
        AuditEntry(
            at=at or now_local(),
            action=action,
            officer_id=officer_id,
            subject_id=subject_id,
            workstation=workstation_number(session),
            detail=detail,
        )
    )


def record_apart(store: Store, action: str, officer_id: int | None, subject_id: int | None = None) -> None:
    """One line in a transaction of its own (the screen locked or unlocked, a sign-out)."""
    if store.read_only:
        return
    with store.transaction() as session:
        record(session, action, officer_id, subject_id)


def audit_lines(store: Store, limit: int = 200) -> list[AuditLine]:
    """The latest `limit` lines of the audit log, newest first."""
    who, whom = aliased(Officer), aliased(Officer)
    with store.session() as session:
        rows = session.execute(
            select(AuditEntry, who.username, whom.username)
            .outerjoin(who, who.id == AuditEntry.officer_id)
            .outerjoin(whom, whom.id == AuditEntry.subject_id)
            .order_by(AuditEntry.id.desc())
            .limit(limit)
        ).all()
    return [
        AuditLine(
            at=entry.at,
            action=entry.action,
            label=ACTIONS.get(entry.action, entry.action),
            officer=officer or "",
            subject=subject or "",
            workstation=entry.workstation,
            detail=entry.detail,
        )
        for entry, officer, subject in rows
    ]

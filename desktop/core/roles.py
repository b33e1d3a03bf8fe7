"""Officers' roles and what each may do, as plain rules (no I/O).

- `admin` (Quản trị viên): everything a counter officer does, plus the unit's settings and the officers.
- `officer` (Cán bộ một cửa): receives and follows dossiers.
- `readonly` (Chỉ xem: lãnh đạo, thanh tra): lists, dossiers, reports and prints; no change at all.

The store refuses a change by a read-only officer at its single way in for dossier changes
(`desktop.store.events.append_event`, which every writing service calls in its transaction after
`require_allowed`), through `require_can_change`; other writes (drafts, settings, officers) call it or
`require_admin` themselves. The screens disable what a role cannot do (`can_change`).
"""

from __future__ import annotations

from desktop.core.errors import ValidationError

ADMIN = "admin"
OFFICER = "officer"
READONLY = "readonly"

# role -> Vietnamese label, in the order a list offers them
ROLES: dict[str, str] = {
    ADMIN: "Quản trị viên",
    OFFICER: "Cán bộ một cửa",
    READONLY: "Chỉ xem (lãnh đạo, thanh tra)",
}


def label_vi(role: str) -> str:
    return ROLES.get(role, role)


def check_role(role: str) -> str:
    """`role` when it is one of ROLES; a Vietnamese ValidationError naming the choices otherwise."""
    if role not in ROLES:
        choices = ", ".join(f"{key} ({label})" for key, label in ROLES.items())
        raise ValidationError(f"Vai trò '{role}' không hợp lệ; chọn một trong: {choices}.", "role")
    return role


def can_change(role: str) -> bool:
    """Whether an officer with `role` may change dossiers (receive, follow up, collect fees…)."""
    return role in (ADMIN, OFFICER)


def require_can_change(role: str) -> None:
    if not can_change(role):
        raise ValidationError(
            "Tài khoản chỉ xem (lãnh đạo, thanh tra) không được thay đổi hồ sơ; "
            "hãy đăng nhập bằng tài khoản cán bộ một cửa.",
            "role",
        )


def require_admin(role: str) -> None:
    if role != ADMIN:
        raise ValidationError("Chỉ quản trị viên mới được làm việc này.", "role")

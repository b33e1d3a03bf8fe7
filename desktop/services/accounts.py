"""First-run setup of a profile and officer sign-in (passwords as Argon2 hashes)."""

from __future__ import annotations

import logging
from contextlib import AbstractContextManager
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core import limits, roles
from desktop.core.code_ranges import MAX_WORKSTATION, check_workstation
from desktop.core.errors import ValidationError
from desktop.core.password_policy import check_password
from desktop.core.text import clean
from desktop.core.timeutil import now_local
from desktop.services import audit, lockout
from desktop.services.credentials import SignedIn as SignedIn  # here for the rest of the code
from desktop.services.credentials import accepted, hash_password, needs_rehash, wrong_password
from desktop.store import settings
from desktop.store.catalogue import ensure_catalogue, refresh_shipped
from desktop.store.engine import Store
from desktop.store.models import Officer, Unit

log = logging.getLogger(__name__)
MAX_PROVINCE = 100  # Unit.province
MAX_UNIT_NAME = limits.UNIT_NAME  # Unit.place_name takes it by default
MAX_UNIT_CODE = limits.UNIT_CODE  # Unit.code
MAX_FULL_NAME = limits.OFFICER_NAME  # Officer.full_name


@dataclass(frozen=True)
class SetupData:
    unit_name: str
    unit_code: str
    province: str
    workstation: int
    username: str
    full_name: str
    password: str
    parent_name: str = ""
    place_name: str = ""


def needs_setup(store: Store) -> bool:
    with store.session() as session:
        return settings.get(session, settings.SETUP_DONE) != "1"


def check_province(province: str) -> str:
    """The cleaned province name; required (at setup and when the unit is edited)."""
    province = clean(province)
    if not province:
        raise ValidationError("Hãy nhập tỉnh/thành phố.", "province")
    if len(province) > MAX_PROVINCE:
        raise ValidationError(f"Tên tỉnh/thành phố dài quá {MAX_PROVINCE} ký tự.", "province")
    return province


def parse_workstation(text: str) -> int:
    """A workstation number typed as text (the command line); 1-99."""
    try:
        number = int(text.strip())
    except ValueError:
        raise ValidationError(
            f"Số máy trạm '{text}' không hợp lệ: hãy nhập một số từ 1 đến {MAX_WORKSTATION}.", "workstation"
        ) from None
    return check_workstation(number)


def validate_setup(data: SetupData) -> None:
    """Every check of the first-run setup, before anything is written (the setup screen and `motcua setup`;
    the screen also has the password typed twice)."""
    unit_name = clean(data.unit_name)
    if not unit_name:
        raise ValidationError("Hãy nhập tên xã/phường.", "unit_name")
    if len(unit_name) > MAX_UNIT_NAME:
        raise ValidationError(f"Tên xã/phường dài quá {MAX_UNIT_NAME} ký tự.", "unit_name")
    unit_code = clean(data.unit_code)
    if not unit_code:
        raise ValidationError("Hãy nhập mã định danh của cơ quan.", "unit_code")
    if len(unit_code) > MAX_UNIT_CODE or any(ch.isspace() for ch in unit_code):
        raise ValidationError(
            f"Mã định danh của cơ quan không chứa dấu cách và dài tối đa {MAX_UNIT_CODE} ký tự "
            "(ví dụ H21.55.10, theo mã tỉnh cấp).",
            "unit_code",
        )
    check_province(data.province)
    check_workstation(data.workstation)
    username = clean(data.username)
    if not username or " " in username or len(username) > 80:
        raise ValidationError("Tên đăng nhập không được để trống và không chứa dấu cách.", "username")
    full_name = clean(data.full_name)
    if not full_name:
        raise ValidationError("Hãy nhập họ và tên cán bộ.", "full_name")
    if len(full_name) > MAX_FULL_NAME:
        raise ValidationError(f"Họ và tên cán bộ dài quá {MAX_FULL_NAME} ký tự.", "full_name")
    check_password(data.password, username)


def _refuse_a_second_setup(session: Session) -> None:
    if settings.get(session, settings.SETUP_DONE) != "1":
        return
    unit = session.scalars(select(Unit).order_by(Unit.id)).first()
    which = f" (đơn vị {unit.name}, mã {unit.code})" if unit is not None else ""
    raise ValidationError(
        f"Hồ sơ dữ liệu này đã được cài đặt{which}; không cài đặt lại, không có gì thay đổi. "
        "Sửa thông tin đơn vị bằng 'motcua unit set', hoặc cài đặt một hồ sơ mới với --data-dir THƯ_MỤC_KHÁC."
    )


def complete_setup(store: Store, data: SetupData) -> SignedIn:
    """Create the commune, the first (admin) officer and load the catalogue, in one transaction; refused
    (nothing written) on a profile already set up."""
    validate_setup(data)
    unit_name = clean(data.unit_name)
    with store.transaction() as session:
        _refuse_a_second_setup(session)
        unit = session.scalars(select(Unit).where(Unit.code == clean(data.unit_code))).first()
        if unit is None:
            unit = Unit(
                code=clean(data.unit_code),
                name=unit_name,
                parent_name=clean(data.parent_name) or f"UBND {unit_name.upper()}",
                province=clean(data.province),
                place_name=clean(data.place_name) or unit_name,
            )
            session.add(unit)
            session.flush()
        if session.scalars(select(Officer).where(Officer.username == clean(data.username))).first():
            raise ValidationError("Tên đăng nhập đã tồn tại.", "username")
        officer = Officer(
            unit_id=unit.id,
            username=clean(data.username),
            full_name=clean(data.full_name),
            password_hash=hash_password(data.password),
            role=roles.ADMIN,
        )
        session.add(officer)
        ensure_catalogue(session)
        settings.put(session, settings.UNIT_ID, str(unit.id))
        settings.put(session, settings.WORKSTATION, str(data.workstation))
        settings.put(session, settings.SETUP_DONE, "1")
        session.flush()
        audit.record(
            session, audit.OFFICER_ADDED, officer.id, officer.id, "quản trị viên đầu tiên, khi cài đặt"
        )
        return _signed_in(officer, unit)


def _signed_in(officer: Officer, unit: Unit) -> SignedIn:
    return SignedIn(
        officer_id=officer.id,
        username=officer.username,
        full_name=officer.full_name,
        role=officer.role,
        unit_id=unit.id,
        unit_code=unit.code,
        unit_name=unit.name,
    )


def _signing_in(store: Store) -> AbstractContextManager[Session]:
    """The sign-in is recorded in a transaction; on a damaged store (read-only) it is only checked, so the
    officer can still read and print."""
    return store.session() if store.read_only else store.transaction()


def sign_in(store: Store, username: str, password: str) -> SignedIn:
    """Check an officer's password; the same message for an unknown user and a wrong password. A locked
    account is refused whatever the password; each refusal is counted (`desktop.services.lockout`)."""
    with _signing_in(store) as session:
        officer = session.scalars(
            select(Officer).where(func.lower(Officer.username) == clean(username).lower(), Officer.active)
        ).first()
        locked = officer is not None and lockout.is_locked(officer)
        try:
            if locked:
                raise wrong_password()
            accepted((officer.id, officer.password_hash) if officer is not None else None, password)
        except ValidationError:
            refused = officer.id if officer is not None else None
        else:
            assert officer is not None
            return _record_sign_in(session, officer, password, record=not store.read_only)
    raise lockout.note_failure(store, refused, while_locked=locked)


def note_refused(store: Store, usernames: list[str]) -> None:
    """Count sign-ins refused before the store was open (`credentials.check_credentials`)."""
    for username in usernames:
        with store.session() as session:
            officer = session.scalars(
                select(Officer).where(func.lower(Officer.username) == clean(username).lower(), Officer.active)
            ).first()
            officer_id = officer.id if officer is not None else None
        lockout.note_failure(store, officer_id)


def finish_sign_in(store: Store, officer_id: int, password: str) -> SignedIn:
    """Record the sign-in of an officer whose password `credentials.check_credentials` accepted (refused
    while the account is locked)."""
    with _signing_in(store) as session:
        officer = session.get(Officer, officer_id)
        if officer is None or not officer.active:  # deactivated meanwhile
            raise wrong_password()
        locked = lockout.is_locked(officer)
        if not locked:
            return _record_sign_in(session, officer, password, record=not store.read_only)
    raise lockout.note_failure(store, officer_id, while_locked=True)


def _record_sign_in(session: Session, officer: Officer, password: str, *, record: bool = True) -> SignedIn:
    if record and needs_rehash(officer.password_hash):
        officer.password_hash = hash_password(password)
    if record:
        officer.last_login_at = now_local()
        lockout.note_success(session, officer)
        audit.record(session, audit.SIGN_IN, officer.id, officer.id)
        refresh_shipped(session)  # a new release's catalogue, once (profiles on shipped catalogues only)
    unit = session.get(Unit, officer.unit_id)
    assert unit is not None
    return _signed_in(officer, unit)


def check_password_of(store: Store, officer_id: int, password: str) -> None:
    """Unlocking the screen: `password` must be officer `officer_id`'s; refusals count towards the lockout
    like a sign-in's (ValidationError, the lockout's message once locked)."""
    with store.session() as session:
        officer = session.get(Officer, officer_id)
        found = (officer.id, officer.password_hash) if officer is not None and officer.active else None
        locked = officer is not None and lockout.is_locked(officer)
    try:
        if locked:
            raise wrong_password()
        accepted(found, password)
    except ValidationError:
        raise lockout.note_failure(store, officer_id, while_locked=locked) from None
    if not store.read_only:
        with store.transaction() as session:
            officer = session.get(Officer, officer_id)
            assert officer is not None
            lockout.note_success(session, officer)


def acting_officer(store: Store, username: str | None) -> SignedIn:
    """The officer a headless command acts as (`--officer USERNAME`; without it, the profile's only active
    officer). No password: whoever runs `motcua` on the profile's folder already has the store, as for
    `motcua attach`. An unknown or ambiguous name is a Vietnamese ValidationError naming the option."""
    with store.session() as session:
        query = select(Officer).where(Officer.active).order_by(Officer.id)
        if username:
            query = query.where(func.lower(Officer.username) == clean(username).lower())
        officers = session.scalars(query.limit(2)).all()
        if not officers:
            if username:
                raise ValidationError(
                    f"Không có cán bộ đang hoạt động với tên đăng nhập '{clean(username)}'.", "officer"
                )
            raise ValidationError("Hồ sơ dữ liệu chưa có cán bộ nào: chạy 'motcua setup' trước.", "officer")
        if len(officers) > 1 and not username:
            raise ValidationError("Máy này có nhiều cán bộ: ghi rõ --officer TÊN_ĐĂNG_NHẬP.", "officer")
        unit = session.get(Unit, officers[0].unit_id)
        assert unit is not None
        return _signed_in(officers[0], unit)

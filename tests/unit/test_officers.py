"""Officers and roles (issue 18): managing officers, the password policy, the read-only role refused at the
one way in for dossier changes, lockout after 5 wrong passwords for 15 minutes, and the audit log."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from desktop import cli
from desktop.core.errors import NotFoundError, ValidationError
from desktop.services import officers
from desktop.services.accounts import SignedIn, check_password_of, sign_in
from desktop.services.audit import audit_lines
from desktop.services.drafts import save_draft
from desktop.services.intake import receive_dossier
from desktop.store.engine import Store
from desktop.store.models import Dossier
from tests.clock import Clock
from tests.conftest import DEMO_SETUP
from tests.factories import intake_draft

pytestmark = pytest.mark.one_moment

ADMIN_PW = DEMO_SETUP.password
PW = "quay-mot-cua-2"


def _dossiers(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Dossier)) or 0)


def test_a_read_only_officer_reads_but_cannot_change_anything(ready_store: tuple[Store, SignedIn]) -> None:
    store, admin = ready_store
    officers.add_officer(store, admin, "lanhdao", "Trần Văn Lãnh", PW, "readonly")
    officers.add_officer(store, admin, "canbo2", "Lê Thị Quầy", PW, "officer")
    leader = sign_in(store, "lanhdao", PW)
    assert leader.role == "readonly"
    with pytest.raises(ValidationError, match="chỉ xem"):
        receive_dossier(store, leader, intake_draft(store))
    with pytest.raises(ValidationError, match="chỉ xem"):
        save_draft(store, leader, intake_draft(store))
    assert _dossiers(store) == 0  # nothing half-written
    receive_dossier(store, sign_in(store, "canbo2", PW), intake_draft(store))  # a counter officer may
    assert _dossiers(store) == 1
    with pytest.raises(ValidationError, match="Chỉ quản trị viên"):
        officers.add_officer(store, leader, "x1", "X", PW)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("ngan-1", "ít nhất 8 ký tự"),
        ("12345678", "chỉ gồm chữ số"),
        ("CanBo3xx", "trùng với tên đăng nhập"),
    ],
)
def test_the_password_policy_says_what_is_wrong(
    ready_store: tuple[Store, SignedIn], password: str, message: str
) -> None:
    store, admin = ready_store
    with pytest.raises(ValidationError, match=message):
        officers.add_officer(store, admin, "canbo3xx", "Phạm Văn Ba", password)
    if password != "CanBo3xx":
        with pytest.raises(ValidationError, match=message):
            officers.reset_password(store, admin, "canbo1", password)
    assert [o.username for o in officers.list_officers(store)] == ["canbo1"]


def test_disable_enable_roles_and_the_last_administrator(ready_store: tuple[Store, SignedIn]) -> None:
    store, admin = ready_store
    officers.add_officer(store, admin, "canbo2", "Lê Thị Quầy", PW)
    with pytest.raises(ValidationError, match="Tên đăng nhập 'CanBo2' đã có"):
        officers.add_officer(store, admin, "CanBo2", "Khác", PW)
    officers.set_active(store, admin, "canbo2", False)
    with pytest.raises(ValidationError, match="Sai tên đăng nhập hoặc mật khẩu"):
        sign_in(store, "canbo2", PW)
    officers.set_active(store, admin, "canbo2", True)
    assert sign_in(store, "canbo2", PW).username == "canbo2"
    with pytest.raises(ValidationError, match="tự ngừng"):
        officers.set_active(store, admin, "canbo1", False)
    with pytest.raises(ValidationError, match="quản trị viên duy nhất"):
        officers.set_role(store, admin, "canbo1", "officer")
    officers.set_role(store, admin, "canbo2", "admin")
    officers.set_role(store, admin, "canbo1", "officer")  # another administrator now exists
    with pytest.raises(ValidationError, match="Chỉ quản trị viên"):
        officers.set_active(store, admin, "canbo2", False)  # no longer an administrator
    with pytest.raises(NotFoundError):
        officers.lift_lockout(store, sign_in(store, "canbo2", PW), "khongco")


def test_five_wrong_passwords_lock_for_15_minutes_until_lifted(
    ready_store: tuple[Store, SignedIn], clock: Clock
) -> None:
    store, admin = ready_store
    officers.add_officer(store, admin, "canbo2", "Lê Thị Quầy", PW)
    start = clock.set(datetime(2026, 12, 3, 9, 0))
    for _ in range(4):
        with pytest.raises(ValidationError, match="Sai tên đăng nhập"):
            sign_in(store, "canbo2", "sai-mat-khau")
    with pytest.raises(ValidationError, match="tạm khoá đến 09:15 03/12/2026"):
        sign_in(store, "canbo2", "sai-mat-khau")
    clock.advance(timedelta(minutes=14))
    with pytest.raises(ValidationError, match="tạm khoá"):
        sign_in(store, "canbo2", PW)  # the right password is refused while locked
    [row] = [o for o in officers.list_officers(store) if o.username == "canbo2"]
    assert row.locked_until == start + timedelta(minutes=15)
    clock.advance(timedelta(minutes=1))
    assert sign_in(store, "canbo2", PW).username == "canbo2"  # over by itself

    for _ in range(5):  # locked again; the administrator lifts it
        with pytest.raises(ValidationError):
            sign_in(store, "canbo2", "sai-mat-khau")
    with pytest.raises(ValidationError, match="tạm khoá"):
        check_password_of(
            store, sign_in(store, "canbo1", ADMIN_PW).officer_id + 1, PW
        )  # unlocking the screen too
    assert officers.lift_lockout(store, admin, "canbo2") is True
    assert sign_in(store, "canbo2", PW).username == "canbo2"

    actions = [(line.action, line.officer) for line in reversed(audit_lines(store))]
    assert actions.count(("sign_in_failed", "canbo2")) == 12  # 10 wrong, 2 right ones while locked
    assert actions.count(("locked_out", "canbo2")) == 2
    assert ("lockout_lifted", "canbo1") in actions
    assert actions[-1] == ("sign_in", "canbo2")
    assert {line.workstation for line in audit_lines(store)} == {1}


def test_an_unknown_username_is_logged_without_what_was_typed(ready_store: tuple[Store, SignedIn]) -> None:
    store, _admin = ready_store
    with pytest.raises(ValidationError, match="Sai tên đăng nhập"):
        sign_in(store, "mat-khau-go-nham", "x")
    [line] = [line for line in audit_lines(store) if line.action == "sign_in_failed"]
    assert line.officer == "" and "mat-khau-go-nham" not in line.detail


def _motcua(monkeypatch: pytest.MonkeyPatch, store: Store, stdin: str, *args: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return cli.main(["--data-dir", str(store.profile.root), "officer", *args])


def test_officer_commands(
    ready_store: tuple[Store, SignedIn], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store, _admin = ready_store
    store.close()
    admin = ["--admin", "canbo1", "--password-stdin"]
    assert (
        _motcua(
            monkeypatch,
            store,
            f"{ADMIN_PW}\n{PW}\n",
            "add",
            "lanhdao",
            "--full-name",
            "Trần Lãnh",
            "--role",
            "readonly",
            *admin,
        )
        == 0
    )
    assert "Đã thêm cán bộ lanhdao (Trần Lãnh), vai trò: Chỉ xem" in capsys.readouterr().out
    assert _motcua(monkeypatch, store, f"sai-mat-khau\n{PW}\n", "add", "x2", "--full-name", "X", *admin) == 2
    assert "Sai tên đăng nhập hoặc mật khẩu" in capsys.readouterr().err
    assert _motcua(monkeypatch, store, f"{ADMIN_PW}\n1234\n", "reset-password", "lanhdao", *admin) == 2
    assert "ít nhất 8 ký tự" in capsys.readouterr().err
    assert _motcua(monkeypatch, store, f"{ADMIN_PW}\n", "disable", "lanhdao", *admin) == 0
    assert _motcua(monkeypatch, store, f"{ADMIN_PW}\n", "auto-lock", "5", *admin) == 0
    capsys.readouterr()
    assert _motcua(monkeypatch, store, "", "list") == 0
    listed = capsys.readouterr().out
    assert "lanhdao\tTrần Lãnh\tChỉ xem (lãnh đạo, thanh tra)\tngừng hoạt động" in listed
    assert _motcua(monkeypatch, store, "", "audit", "--json") == 0
    lines = json.loads(capsys.readouterr().out)
    assert [line["action"] for line in lines[:3]] == ["auto_lock_changed", "sign_in", "officer_disabled"]
    assert lines[2]["subject"] == "lanhdao" and lines[2]["officer"] == "canbo1"
    assert all(PW not in json.dumps(line) and ADMIN_PW not in json.dumps(line) for line in lines)

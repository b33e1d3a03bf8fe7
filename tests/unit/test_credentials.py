"""A password checked before the store is open gives the same answer as signing in through the store."""

from __future__ import annotations

import pytest

from desktop.core.errors import ValidationError
from desktop.services.accounts import SignedIn, finish_sign_in, sign_in
from desktop.services.credentials import check_credentials
from desktop.store.engine import Store
from desktop.store.models import Officer


@pytest.mark.parametrize(
    ("username", "password", "accepted"),
    [
        ("canbo1", "matkhau-123", True),
        (" CanBo1 ", "matkhau-123", True),  # cleaned, any case
        ("canbo1", "matkhau-124", False),
        ("canbo2", "matkhau-123", False),  # unknown
    ],
)
def test_the_early_check_agrees_with_the_store(
    ready_store: tuple[Store, SignedIn], username: str, password: str, accepted: bool
) -> None:
    store, officer = ready_store
    if not accepted:
        with pytest.raises(ValidationError, match="^Sai tên đăng nhập hoặc mật khẩu.$"):
            check_credentials(store.profile, username, password)
        with pytest.raises(ValidationError, match="^Sai tên đăng nhập hoặc mật khẩu.$"):
            sign_in(store, username, password)
        return
    assert check_credentials(store.profile, username, password) == officer  # what the main window shows
    assert (
        finish_sign_in(store, officer.officer_id, password) == sign_in(store, username, password) == officer
    )


def test_a_deactivated_officer_is_refused_both_ways(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    with store.transaction() as session:
        row = session.get(Officer, officer.officer_id)
        assert row is not None
        row.active = False
    with pytest.raises(ValidationError):
        check_credentials(store.profile, "canbo1", "matkhau-123")
    with pytest.raises(ValidationError):
        finish_sign_in(store, officer.officer_id, "matkhau-123")  # deactivated after the early check
    with pytest.raises(ValidationError):
        sign_in(store, "canbo1", "matkhau-123")


def test_finishing_a_sign_in_records_it(ready_store: tuple[Store, SignedIn]) -> None:
    store, officer = ready_store
    finish_sign_in(store, officer.officer_id, "matkhau-123")
    with store.session() as session:
        row = session.get(Officer, officer.officer_id)
        assert row is not None and row.last_login_at is not None

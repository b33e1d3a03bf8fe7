"""The Argon2 cost of officers' passwords: production's by default, the cheapest only when asked."""

from __future__ import annotations

import pytest

from desktop.services.credentials import hash_password, needs_rehash, verify_password
from sync.common import passwords


@pytest.fixture
def fresh_hasher(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    passwords.hasher.cache_clear()
    yield monkeypatch
    passwords.hasher.cache_clear()


def test_production_cost_unless_a_test_suite_asks(fresh_hasher: pytest.MonkeyPatch) -> None:
    fresh_hasher.delenv(passwords.PROFILE_ENV, raising=False)
    assert (passwords.hasher().memory_cost, passwords.hasher().time_cost) == (65536, 3)
    passwords.hasher.cache_clear()
    fresh_hasher.setenv(passwords.PROFILE_ENV, "cheapest")
    assert (passwords.hasher().memory_cost, passwords.hasher().time_cost) == (8, 1)


def test_a_cheap_hash_still_checks_and_is_renewed_at_production_cost(
    fresh_hasher: pytest.MonkeyPatch,
) -> None:
    fresh_hasher.setenv(passwords.PROFILE_ENV, "CHEAPEST")
    cheap = hash_password("matkhau-123")
    passwords.hasher.cache_clear()
    fresh_hasher.delenv(passwords.PROFILE_ENV)
    assert verify_password(cheap, "matkhau-123") and not verify_password(cheap, "matkhau-124")
    assert needs_rehash(cheap)
    assert not needs_rehash(hash_password("matkhau-123"))


def test_an_unknown_profile_is_refused(fresh_hasher: pytest.MonkeyPatch) -> None:
    fresh_hasher.setenv(passwords.PROFILE_ENV, "FASTEST_PLEASE")
    with pytest.raises(ValueError, match="argon2.profiles"):
        passwords.hasher()

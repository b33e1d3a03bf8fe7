"""Without PostgreSQL the `postgres` tests skip on a developer's machine but fail under CI (`CI=true`)."""

from __future__ import annotations

import pytest

from tests.e2e.postgres import unavailable


@pytest.mark.parametrize("value", ["true", "TRUE", "1"])
def test_missing_postgres_fails_under_ci(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        unavailable("PostgreSQL binaries not found")


@pytest.mark.parametrize("value", [None, "", "false"])
def test_missing_postgres_skips_elsewhere(monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.skip.Exception):
        unavailable("PostgreSQL binaries not found")

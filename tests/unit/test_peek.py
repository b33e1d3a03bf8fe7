"""The read-only peek that lets the sign-in screen show before SQLAlchemy loads (desktop.store.peek)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from desktop.core.errors import StorageError
from desktop.services.accounts import SignedIn
from desktop.store import migrations, settings
from desktop.store.engine import Store, open_store
from desktop.store.peek import ProfileState, peek
from desktop.store.profile import SCHEMA_VERSION, prepare_profile


def test_a_profile_set_up_is_ready_with_its_commune(ready_store: tuple[Store, SignedIn]) -> None:
    store, _officer = ready_store
    assert peek(store.profile) == ProfileState(
        ready=True, unit_name="Xã Ia Grai", demo=False, workstation="1", current=True
    )


def test_the_peek_knows_a_demo_profile_and_an_older_schema(ready_store: tuple[Store, SignedIn]) -> None:
    store, _officer = ready_store
    with store.transaction() as session:
        settings.mark_demo(session)
    assert peek(store.profile).demo
    store.close()
    con = sqlite3.connect(store.profile.db_path)
    con.execute(f"PRAGMA user_version={migrations.LATEST - 1}")  # the store would migrate it first
    con.commit()
    con.close()
    state = peek(store.profile)
    assert state.ready and not state.current


def test_the_schema_the_peek_expects_is_the_one_the_migrations_write() -> None:
    assert SCHEMA_VERSION == migrations.LATEST


def test_a_new_or_unfinished_profile_opens_the_store_first(tmp_path: Path, store: Store) -> None:
    assert peek(prepare_profile(tmp_path / "new")) == ProfileState(ready=False)  # no database yet
    assert not (tmp_path / "new" / "motcua.sqlite3").exists()  # the peek creates nothing
    assert peek(store.profile) == ProfileState(ready=False)  # migrated, setup not done


def test_another_programs_database_is_left_to_the_store_to_explain(tmp_path: Path) -> None:
    profile = prepare_profile(tmp_path / "p")
    con = sqlite3.connect(profile.db_path)
    con.execute("CREATE TABLE notes (x TEXT)")
    con.commit()
    con.close()
    assert peek(profile) == ProfileState(ready=False)
    with pytest.raises(StorageError, match="không phải của Một Cửa"):
        open_store(profile.root)


def test_a_foreign_file_is_refused_by_name_and_kept(tmp_path: Path) -> None:
    profile = prepare_profile(tmp_path / "p")
    profile.db_path.write_bytes(b"%PDF-1.7 not a database\n" * 10)
    with pytest.raises(StorageError, match="không phải cơ sở dữ liệu của Một Cửa") as caught:
        peek(profile)
    assert str(profile.db_path) in str(caught.value)
    assert profile.db_path.read_bytes() == b"%PDF-1.7 not a database\n" * 10


def test_a_damaged_settings_page_is_named_and_nothing_is_written(ready_store: tuple[Store, SignedIn]) -> None:
    store, _officer = ready_store
    store.close()
    db = store.profile.db_path
    con = sqlite3.connect(db)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'settings'").fetchone()[0]
    con.close()
    with db.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\x5a" * page_size)
    before = db.read_bytes()
    with pytest.raises(StorageError) as caught:
        peek(store.profile)
    assert str(caught.value).startswith(f"Tệp dữ liệu '{db}' bị hỏng")
    assert db.read_bytes() == before


def test_a_database_locked_by_another_program_is_explained(
    ready_store: tuple[Store, SignedIn], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, _officer = ready_store
    store.close()
    db = store.profile.db_path
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("PRAGMA journal_mode=DELETE")  # a copy tool's lock blocks readers (WAL lets them read)
    other.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr("desktop.store.peek.TIMEOUT_S", 0.05)
    try:
        with pytest.raises(StorageError, match="đang bị khóa bởi chương trình khác"):
            peek(store.profile)
    finally:
        other.rollback()
        other.close()


def test_the_peek_offers_the_officer_who_signed_in_last_here(
    ready_store: tuple[Store, SignedIn], clock
) -> None:
    from desktop.services.accounts import sign_in
    from desktop.services.officers import add_officer, set_active

    store, admin = ready_store
    assert peek(store.profile).last_username == ""  # nobody has signed in yet
    add_officer(store, admin, "tuphap2", "Lê Văn Tư", "matkhau-456")
    clock.set(datetime(2026, 12, 3, 9, 0))
    sign_in(store, "tuphap2", "matkhau-456")
    clock.set(datetime(2026, 12, 3, 13, 30))
    sign_in(store, "canbo1", "matkhau-123")
    assert peek(store.profile).last_username == "canbo1"
    clock.set(datetime(2026, 12, 4, 7, 45))
    sign_in(store, "TUPHAP2", "matkhau-456")  # any case: the name as the officer was created
    assert peek(store.profile).last_username == "tuphap2"
    set_active(store, admin, "tuphap2", False)
    assert peek(store.profile).last_username == "canbo1"  # a deactivated officer is not offered

"""The local store: pragmas, migrations, refusing bad files, append-only events."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from desktop.core.errors import DamagedStoreError, StorageError
from desktop.services.accounts import complete_setup
from desktop.store import migrations
from desktop.store.engine import Store, open_store
from desktop.store.events import append_event
from sync.events import OtherEvent, Received
from tests.conftest import DEMO_SETUP
from tests.permissions import read_only


def test_pragmas_are_set(store: Store) -> None:
    with store.session() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert s.execute(text("PRAGMA synchronous")).scalar_one() == 2  # FULL
        assert s.execute(text("PRAGMA user_version")).scalar_one() == migrations.LATEST


def test_newer_schema_is_refused_and_untouched(data_dir: Path) -> None:
    open_store(data_dir).close()
    db = data_dir / "motcua.sqlite3"
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version={migrations.LATEST + 5}")
    con.commit()
    con.close()
    before = db.read_bytes()
    with pytest.raises(StorageError, match="phiên bản mới hơn"):
        open_store(data_dir)
    assert db.read_bytes() == before


def test_foreign_file_is_refused_and_never_overwritten(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    db = data_dir / "motcua.sqlite3"
    db.write_bytes(b"%PDF-1.7 this is not a database" * 10)
    with pytest.raises(StorageError, match="motcua.sqlite3"):
        open_store(data_dir)
    assert db.read_bytes().startswith(b"%PDF-1.7")


def test_foreign_sqlite_database_is_refused(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    con = sqlite3.connect(data_dir / "motcua.sqlite3")
    con.execute("CREATE TABLE other(x)")
    con.commit()
    con.close()
    with pytest.raises(StorageError, match="không phải của Một Cửa"):
        open_store(data_dir)


def test_data_dir_that_is_a_file(tmp_path: Path) -> None:
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(StorageError, match="là một tệp"):
        open_store(f)
    with pytest.raises(StorageError, match="một phần của đường dẫn là tệp, không phải thư mục") as below:
        open_store(f / "profile")  # the system's reason, in Vietnamese
    assert "Not a directory" not in str(below.value)


def test_read_only_data_dir_is_explained_and_left_alone(open_tmp: Path) -> None:
    store = open_store(open_tmp / "profile")
    complete_setup(store, DEMO_SETUP)
    store.close()
    before = sorted(p.name for p in (open_tmp / "profile").iterdir())
    with read_only(open_tmp / "profile"), pytest.raises(StorageError) as raised:
        open_store(open_tmp / "profile")
    assert f"Thư mục dữ liệu '{open_tmp / 'profile'}' chỉ đọc" in str(raised.value)
    assert sorted(p.name for p in (open_tmp / "profile").iterdir()) == before


def test_read_only_folder_without_a_profile_yet(open_tmp: Path) -> None:
    empty = open_tmp / "empty"
    empty.mkdir()
    with read_only(empty), pytest.raises(StorageError, match="chỉ đọc"):
        open_store(empty)
    assert list(empty.iterdir()) == []


def test_data_dir_in_a_read_only_folder_cannot_be_created(open_tmp: Path) -> None:
    parent = open_tmp / "shared"
    parent.mkdir()
    with read_only(parent), pytest.raises(StorageError) as raised:
        open_store(parent / "motcua")
    message = (
        f"Không tạo được thư mục dữ liệu '{parent / 'motcua'}' (không có quyền ghi vào thư mục chứa nó)."
    )
    assert str(raised.value) == message
    assert list(parent.iterdir()) == []


def test_reading_damaged_pages_names_the_file(ready_store: tuple[Store, object]) -> None:
    from tests.factories import make_dossier

    store, _officer = ready_store
    with store.transaction() as s:
        for n in range(400):
            make_dossier(s, name=f"Người Thử {n}")
    store.engine.dispose()  # no page stays cached in a pooled connection
    db = store.profile.db_path
    size = db.stat().st_size
    with db.open("r+b") as fh:  # a failing disk: the second half of the file is garbage
        fh.seek(size // 2)
        fh.write(b"\xa5" * (size - size // 2))
    with pytest.raises(StorageError) as raised, store.session() as s:
        s.execute(text("SELECT count(*), max(search_text) FROM dossiers")).one()
    assert str(raised.value).startswith(f"Tệp dữ liệu '{db}' bị hỏng (database disk image is malformed).")
    with pytest.raises(DamagedStoreError):  # from then on nothing is written into it
        with store.transaction() as s:
            make_dossier(s, name="Người Sau")


def test_events_chain_and_are_append_only(ready_store: tuple[Store, object]) -> None:
    from tests.factories import make_dossier

    store, officer = ready_store
    with store.transaction() as s:
        dossier = make_dossier(s)
        e1 = append_event(s, dossier.id, Received(code=dossier.code), None)
        e2 = append_event(s, dossier.id, OtherEvent("note", {"b": "Đắk Đoa"}), None)
    assert (e1.seq, e2.seq) == (1, 2)
    assert e2.prev_hash == e1.hash and len(e1.hash) == 64
    with pytest.raises(IntegrityError):
        with store.transaction() as s:
            s.execute(text("DELETE FROM events"))
    with store.session() as s:
        assert s.execute(text("SELECT count(*) FROM events")).scalar_one() == 2


def test_search_index_folds_vietnamese(ready_store: tuple[Store, object]) -> None:
    from tests.factories import make_dossier

    store, _ = ready_store
    with store.transaction() as s:
        make_dossier(s, name="Trần Văn Đức")
    with store.session() as s:
        hits = s.execute(text("SELECT count(*) FROM dossier_fts WHERE dossier_fts MATCH 'duc'")).scalar_one()
    assert hits == 1

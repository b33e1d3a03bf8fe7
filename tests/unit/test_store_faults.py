"""Issue 23, items 1 and 2: the store opens only when sound, and every storage fault is named rightly.

Each finding of the issue, reproduced: a store with bytes flipped in its middle was listed, took an intake
and was modified further; a zero-byte store where a profile lived was taken for a new profile; with a few
KB free, `PRAGMA journal_mode=WAL` failed with "disk I/O error", shown raw or as a traceback, and `doctor`
said the file was damaged. The full disk and read-only media are real: a tmpfs the test mounts
(`tests.small_disk`, skipped with the reason where mounting is not permitted)."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.cli import main
from desktop.core.errors import (
    DamagedStoreError,
    DiskFullError,
    LostStoreError,
    NotWritableError,
    StoreLockedError,
)
from desktop.services.accounts import SignedIn, complete_setup
from desktop.services.intake import receive_dossier
from desktop.store import engine
from desktop.store.engine import Store, open_store
from desktop.store.models import Dossier
from tests.conftest import DEMO_SETUP
from tests.factories import intake_draft
from tests.small_disk import SmallDisk, damage_middle_page

DRAFT = {
    "procedure_code": "1.004884",
    "applicant": {
        "full_name": "Nguyễn Văn Thử",
        "id_number": "064091234567",
        "date_of_birth": "12/03/1991",
        "gender": "male",
        "phone": "0912345678",
        "address": "Thôn Thử, Xã Ia Grai, Tỉnh Gia Lai",
    },
}


def motcua(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def receive_file(tmp_path: Path) -> str:
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(DRAFT, ensure_ascii=False), encoding="utf-8")
    return str(path)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def backup_copy(db: Path, name: str) -> Path:
    """A backup as the migrations make them (SQLite's online backup), under the name that dates it."""
    target = db.parent / "backups" / name
    src, dst = sqlite3.connect(db), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


# ---- a damaged store ----------------------------------------------------------------------------------


@pytest.fixture
def damaged_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """300 dossiers through the real services, a verified backup of 01/12 17:00, then 400 bytes flipped in
    the middle of the closed file (b-tree pages by then)."""
    root = tmp_path / "profile"
    assert motcua(capsys, root, "demo", "seed", "--dossiers", "300")[0] == 0
    backup_copy(root / "motcua.sqlite3", "motcua-v5-20261201-170000.sqlite3")
    damage_middle_page(root / "motcua.sqlite3")
    return root


def test_a_damaged_store_opens_read_only_and_is_never_written(
    damaged_profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = damaged_profile / "motcua.sqlite3"
    before = digest(db)
    code, _out, err = motcua(capsys, damaged_profile, "dossier", "receive", receive_file(tmp_path))
    assert code == 2 and "Traceback" not in err
    assert err.startswith(f"motcua: Tệp dữ liệu '{db}' bị hỏng")
    assert "không ghi gì thêm vào tệp này" in err
    assert "motcua-v5-20261201-170000.sqlite3" in err and "17:00 ngày 01/12/2026" in err
    assert "sau 17:00 ngày 01/12/2026 sẽ phải nhập lại" in err
    code, out, err = motcua(capsys, damaged_profile, "dossiers", "--limit", "3")
    assert code == 0 and out.count("H21.55.10-") == 3  # reading is still allowed, with the warning
    assert err.startswith(f"motcua: cảnh báo: Tệp dữ liệu '{db}' bị hỏng")

    store = open_store(damaged_profile)
    try:
        assert store.read_only and isinstance(store.damaged, DamagedStoreError)
        with store.session() as session:  # what can still be read, to note before restoring
            assert session.scalar(select(func.count()).select_from(Dossier)) == 300
        with pytest.raises(DamagedStoreError), store.transaction():
            pass
    finally:
        store.close()
    assert digest(db) == before


def test_without_a_backup_the_damage_message_says_to_keep_the_file(
    damaged_profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(damaged_profile / "backups")
    (damaged_profile / "backups").mkdir()
    code, _out, err = motcua(capsys, damaged_profile, "dossier", "receive", receive_file(tmp_path))
    assert code == 2
    assert "chưa có bản sao lưu nào đã kiểm tra: đừng xóa hay chép đè tệp" in err


def test_doctor_names_the_damage_and_the_backup_to_restore(
    damaged_profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = motcua(capsys, damaged_profile, "doctor", "--quick")
    assert code == 2
    assert "tệp bị hỏng" in out
    assert "motcua-v5-20261201-170000.sqlite3 (17:00 01/12/2026" in out


# ---- an empty store where a profile lived -------------------------------------------------------------


def test_a_zero_byte_store_where_a_profile_lived_is_refused_not_recreated(
    ready_store: tuple[Store, SignedIn], capsys: pytest.CaptureFixture[str]
) -> None:
    store, _officer = ready_store
    root, db = store.profile.root, store.profile.db_path
    (store.profile.output_dir / "bien-nhan.pdf").write_bytes(b"%PDF-1.4")  # a receipt printed there
    store.close()
    db.write_bytes(b"")
    with pytest.raises(LostStoreError) as raised:
        open_store(root)
    assert f"Tệp dữ liệu '{db}' trống (0 byte)" in str(raised.value)
    assert "giấy tờ đã in" in str(raised.value) and "cấp trùng mã hồ sơ" in str(raised.value)
    code, _out, err = motcua(capsys, root, "dossiers")
    assert code == 2 and "trống (0 byte)" in err
    code, out, _err = motcua(capsys, root, "doctor")
    assert code == 2 and "trống (0 byte)" in out
    assert db.stat().st_size == 0  # never re-created


def test_a_store_without_tables_where_backups_exist_is_refused(ready_store: tuple[Store, SignedIn]) -> None:
    store, _officer = ready_store
    backup = backup_copy(store.profile.db_path, "motcua-v5-20261202-120000.sqlite3")
    store.close()
    store.profile.db_path.unlink()
    sqlite3.connect(store.profile.db_path).execute("PRAGMA journal_mode=WAL").fetchall()  # a header, no table
    with pytest.raises(LostStoreError, match="không có bảng nào") as raised:
        open_store(store.profile.root)
    assert f"'{backup}' (lập lúc 12:00 ngày 02/12/2026" in str(raised.value)


def test_a_new_folder_with_an_empty_store_still_gets_the_first_run_setup(tmp_path: Path) -> None:
    root = tmp_path / "new"
    root.mkdir()
    (root / "motcua.sqlite3").write_bytes(b"")
    store = open_store(root)
    try:
        complete_setup(store, DEMO_SETUP)
        assert not store.read_only
    finally:
        store.close()


# ---- a full disk, read-only media, a lock -------------------------------------------------------------


@pytest.fixture
def disk_profile(small_disk: SmallDisk) -> Path:
    """A profile set up on the small disk, closed (its WAL checkpointed away)."""
    store = open_store(small_disk.root / "profile")
    complete_setup(store, DEMO_SETUP)
    store.close()
    return store.profile.root


def test_a_full_disk_is_named_by_every_command_and_doctor_does_not_call_it_damage(
    small_disk: SmallDisk, disk_profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = receive_file(tmp_path)
    small_disk.fill(leave=16 * 1024)
    full = f"motcua: Ổ đĩa {small_disk.root} đã đầy"
    for args in (("dossier", "receive", draft), ("dossiers",), ("attach", "H21.55.10-261203-0001", draft)):
        code, _out, err = motcua(capsys, disk_profile, *args)
        assert code == 2, args
        assert err.startswith(full) and "Traceback" not in err and "disk I/O" not in err, args
        assert "Dữ liệu đã lưu trước đó không bị mất" in err and "khôi phục" not in err
    code, out, _err = motcua(capsys, disk_profile, "doctor")
    assert code == 1  # a failed check, not a profile to give up on
    assert "tệp không bị hỏng: hãy giải phóng dung lượng" in out
    assert "bị hỏng, không đọc được" not in out and "khôi phục" not in out

    small_disk.free_up()  # nothing was lost: after freeing space the intake goes through
    code, out, _err = motcua(capsys, disk_profile, "dossier", "receive", draft)
    assert code == 0 and out.startswith("H21.55.10-")


def test_a_disk_filling_up_while_the_store_is_open_refuses_the_intake_and_keeps_the_rest(
    small_disk: SmallDisk, disk_profile: Path
) -> None:
    store = open_store(disk_profile)
    try:
        from desktop.services.accounts import acting_officer

        officer = acting_officer(store, None)
        receive_dossier(store, officer, intake_draft(store))
        small_disk.fill(leave=4 * 1024)
        with pytest.raises(DiskFullError, match=f"Ổ đĩa {small_disk.root} đã đầy"):
            for number in range(50):  # the WAL grows until a page finds no room
                receive_dossier(store, officer, intake_draft(store, id_number=f"0640912{number:05d}"))
        small_disk.free_up()
        with store.session() as session:
            saved = session.scalar(select(func.count()).select_from(Dossier))
        receive_dossier(store, officer, intake_draft(store, id_number="064091299999"))
        with store.session() as session:
            assert session.scalar(select(func.count()).select_from(Dossier)) == (saved or 0) + 1
    finally:
        store.close()


def test_read_only_media_is_named_as_such_not_as_a_permission(
    small_disk: SmallDisk, disk_profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = receive_file(tmp_path)
    small_disk.read_only()  # (Linux refuses to remount a filesystem with a file open for writing)
    with pytest.raises(NotWritableError, match=f"Ổ đĩa chứa '{disk_profile}' đang ở chế độ chỉ đọc"):
        open_store(disk_profile)
    code, _out, err = motcua(capsys, disk_profile, "dossier", "receive", draft)
    assert code == 2 and "đang ở chế độ chỉ đọc" in err and "cấp quyền" not in err
    code, out, _err = motcua(capsys, disk_profile, "doctor")
    assert code == 2 and "ổ đĩa đang ở chế độ chỉ đọc" in out and "bị hỏng" not in out


def test_a_lock_held_past_the_timeout_is_named_and_doctor_says_so(
    ready_store: tuple[Store, SignedIn], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store, officer = ready_store
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr("desktop.commands.doctor.TIMEOUT_S", 0.05)
    store.engine.dispose()  # connections made again with the short timeout
    other = sqlite3.connect(store.profile.db_path, isolation_level=None)
    other.execute("PRAGMA journal_mode=DELETE")  # a copy tool's lock: readers blocked too
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreLockedError, match="đang bị khóa bởi chương trình khác"):
            receive_dossier(store, officer, intake_draft(store))
        code, out, _err = motcua(capsys, store.profile.root, "doctor")
        assert code == 1 and "đang bị chương trình khác khóa" in out and "bị hỏng" not in out
    finally:
        other.rollback()
        other.execute("PRAGMA journal_mode=WAL")
        other.close()


def test_a_storage_fault_no_command_translated_still_exits_2_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def raw_lock(_data_dir: object) -> None:  # as a command that forgot to translate would let it through
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr("desktop.commands.dossiers.open_existing", raw_lock)
    code, _out, err = motcua(capsys, tmp_path / "profile", "dossiers")
    assert code == 2
    assert err.startswith(f"motcua: Cơ sở dữ liệu '{tmp_path / 'profile' / 'motcua.sqlite3'}' đang bị khóa")

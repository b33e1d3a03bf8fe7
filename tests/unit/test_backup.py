"""Encrypted, verified backups (`motcua backup create|verify|restore`) and the store key they are keyed from:
create → verify → restore on a fresh folder lists the same dossiers, with the keyring's key or (empty
keyring) the recovery key; a wrong key, a cut or altered file, another commune's backup, a folder holding a
profile: each a Vietnamese message and nothing changed; nothing of an applicant in clear in the file."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import keyring
import pytest
from keyring.backends import null

from desktop import cli
from desktop.core.errors import ValidationError
from desktop.core.timeutil import VN_TZ
from desktop.forms.recovery_sheet import recovery_sheet_pdf
from desktop.services import audit, backup, snapshots, store_key
from desktop.services.accounts import complete_setup
from desktop.services.attachments import blob_store
from desktop.services.credentials import SignedIn
from desktop.store import settings
from desktop.store.engine import Store, open_store
from tests.conftest import DEMO_SETUP
from tests.factories import make_dossier
from tests.pdfcheck import page_count, pdf_text
from tests.small_disk import SmallDisk
from tests.sync_helpers import MemoryKeyring

NAME = "Lường Thị Bích Ngọc"
UNACCENTED = "Luong Thi Bich Ngoc"
ID_NUMBER = "064191234599"
SCAN = b"%PDF-1.4 scanned paper of " + UNACCENTED.encode() + b" " + ID_NUMBER.encode() + b"\n" * 2000


@pytest.fixture
def profile(ready_store: tuple[Store, SignedIn], memory_keyring: MemoryKeyring) -> tuple[Store, str]:
    """A set-up profile with its store key (in the memory keyring), two dossiers and a scan."""
    store, _ = ready_store
    recovery = store_key.create_store_key(store.profile)
    with store.transaction() as session:
        make_dossier(session, NAME, id_number=ID_NUMBER)
        make_dossier(session, "Phạm Văn Thử")
    blob_store(store).put(SCAN, pages=1)
    return store, recovery


def _cli(capsys: pytest.CaptureFixture[str], *argv: str, stdin: str = "") -> tuple[int, str, str]:
    capsys.readouterr()
    old = cli.sys.stdin
    cli.sys.stdin = io.StringIO(stdin)
    try:
        code = cli.main(list(argv))
    finally:
        cli.sys.stdin = old
    out, err = capsys.readouterr()
    return code, out, err


def _dossiers(capsys: pytest.CaptureFixture[str], root: Path) -> list[dict[str, object]]:
    code, out, _ = _cli(capsys, "--data-dir", str(root), "dossiers", "--json")
    assert code == 0
    rows: list[dict[str, object]] = json.loads(out)
    return rows


def _made(folder: Path) -> Path:
    (found,) = folder.glob("*.mcbak")
    return found


def test_create_verify_restore_lists_the_same_dossiers(
    profile: tuple[Store, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, _ = profile
    root = store.profile.root
    out_dir = tmp_path / "usb"
    out_dir.mkdir()
    code, out, err = _cli(capsys, "--data-dir", str(root), "backup", "create", "--to", str(out_dir))
    assert code == 0, err
    made = _made(out_dir)
    assert made.name.startswith("motcua-H21.55.10-may01-")  # commune, workstation, time
    assert "Đã sao lưu và kiểm tra" in out
    data = made.read_bytes()
    for clear in (
        NAME.encode(),
        UNACCENTED.encode(),
        UNACCENTED.lower().encode(),
        ID_NUMBER.encode(),
        b"%PDF",
    ):
        assert clear not in data, clear

    assert _cli(capsys, "backup", "verify", str(made))[0] == 0
    target = tmp_path / "restored"
    code, out, err = _cli(capsys, "--data-dir", str(target), "backup", "restore", str(made))
    assert code == 0, err
    assert _dossiers(capsys, target) == _dossiers(capsys, root)
    assert len(_dossiers(capsys, target)) == 2
    restored = open_store(target)
    try:
        assert blob_store(restored).read(backup.hashlib.sha256(SCAN).hexdigest()) == SCAN
        assert audit.audit_lines(restored, 1)[0].action == audit.BACKUP_RESTORED
    finally:
        restored.close()
    actions = [line.action for line in audit.audit_lines(store, 2)]
    assert actions == [audit.BACKUP_VERIFIED, audit.BACKUP_CREATED]


def test_restore_with_the_recovery_key_and_an_empty_keyring(
    profile: tuple[Store, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, recovery = profile
    made = backup.create_backup(store, tmp_path, store_key.load_store_key(store.profile)).path
    keyring.set_keyring(null.Keyring())  # another PC: no keyring at all (the fixture puts its own back)
    store_key.forget_unlocked()  # nor has this process unlocked it
    target = tmp_path / "other-pc"
    code, _, err = _cli(capsys, "--data-dir", str(target), "backup", "restore", str(made))
    assert code == 2 and "khoá khôi phục" in err and not target.exists()
    typed = recovery.lower().replace("-", " ")  # as an officer types it back
    code, _, err = _cli(
        capsys, "--data-dir", str(target), "backup", "restore", str(made), "--recovery-key-stdin", stdin=typed
    )
    assert code == 0, err
    assert _dossiers(capsys, target) == _dossiers(capsys, store.profile.root)


def test_bad_backups_are_named_and_change_nothing(
    profile: tuple[Store, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, recovery = profile
    made = backup.create_backup(store, tmp_path, store_key.load_store_key(store.profile)).path
    data = made.read_bytes()
    cases = {
        "truncated": (data[: len(data) - 100], "cắt cụt"),
        "altered": (data[:-200] + bytes([data[-200] ^ 1]) + data[-199:], "sửa đổi"),
        "appended": (data + b"x", "sửa đổi"),
        "not a backup": (b"hello" * 10, "không phải bản sao lưu"),
    }
    for label, (content, words) in cases.items():
        bad = tmp_path / f"{label}.mcbak"
        bad.write_bytes(content)
        code, _, err = _cli(capsys, "backup", "verify", str(bad))
        assert code == 1 and words in err, (label, err)
        target = tmp_path / f"restore-{label.replace(' ', '-')}"
        code, _, err = _cli(capsys, "--data-dir", str(target), "backup", "restore", str(bad))
        assert code == 2 and words in err, (label, err)
        assert not target.exists() and not list(tmp_path.glob(f".{target.name}*"))

    wrong = store_key.new_recovery_key()
    code, _, err = _cli(capsys, "backup", "verify", str(made), "--recovery-key-stdin", stdin=wrong)
    assert code == 1 and "Khoá khôi phục không đúng" in err
    # the first group's check character changed: always caught (a changed data character is caught 31 times
    # in 32, which made this test fail now and then)
    check = store_key.DATA_CHARS
    mistyped = recovery[:check] + ("1" if recovery[check] != "1" else "2") + recovery[check + 1 :]
    code, _, err = _cli(capsys, "backup", "verify", str(made), "--recovery-key-stdin", stdin=mistyped)
    assert code == 1 and "Nhóm thứ 1" in err

    code, _, err = _cli(capsys, "--data-dir", str(store.profile.root), "backup", "restore", str(made))
    assert code == 2 and "chỉ khôi phục vào một thư mục trống" in err


def test_another_communes_backup_is_refused_against_this_profile(
    profile: tuple[Store, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, _ = profile
    made = backup.create_backup(store, tmp_path, store_key.load_store_key(store.profile)).path
    other = open_store(tmp_path / "other")
    try:
        complete_setup(other, replace(DEMO_SETUP, unit_code="H21.55.99", unit_name="Xã Khác"))
    finally:
        other.close()
    code, _, err = _cli(capsys, "--data-dir", str(tmp_path / "other"), "backup", "verify", str(made))
    assert code == 1 and "không phải của đơn vị" in err and "Xã Khác" in err


def test_a_profile_from_before_the_store_key_gets_one_at_its_first_backup(
    ready_store: tuple[Store, SignedIn],
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store, _ = ready_store
    code, _, err = _cli(
        capsys, "--data-dir", str(store.profile.root), "backup", "create", "--to", str(tmp_path)
    )
    assert code == 0, err
    shown = err.split("KHOÁ KHÔI PHỤC")[1].split("\n")[1]
    assert store_key.normalise_recovery_key(shown) == shown
    wrapped = store_key.read_wrapped(store.profile)
    assert wrapped is not None and wrapped.unwrap(shown) == store_key.load_store_key(store.profile)
    code, _, err = _cli(
        capsys, "--data-dir", str(store.profile.root), "backup", "create", "--to", str(tmp_path)
    )
    assert code == 0 and "KHOÁ KHÔI PHỤC" not in err  # shown once only
    assert len(list(tmp_path.glob("*.mcbak"))) == 2  # the same second or not: the first one is kept


def test_recovery_key_form() -> None:
    key = store_key.new_recovery_key()
    groups = key.split("-")
    assert len(groups) == 8 and all(len(g) == 5 for g in groups)
    assert store_key.normalise_recovery_key(key.lower().replace("0", "o").replace("1", "l")) == key
    with pytest.raises(ValidationError, match="8 nhóm"):
        store_key.normalise_recovery_key(key[:-1])


def test_a_full_disk_removes_the_partial_file_and_keeps_the_last_good_backup(
    profile: tuple[Store, str], small_disk: SmallDisk, capsys: pytest.CaptureFixture[str]
) -> None:
    store, _ = profile
    root = str(store.profile.root)
    assert _cli(capsys, "--data-dir", root, "backup", "create", "--to", str(small_disk.root))[0] == 0
    good = _made(small_disk.root)
    before = good.read_bytes()
    blob_store(store).put(b"%PDF-1.4 " + bytes(range(256)) * 512, pages=1)  # 128 KiB more than will fit
    small_disk.fill(leave=64 * 1024)
    code, _, err = _cli(capsys, "--data-dir", root, "backup", "create", "--to", str(small_disk.root))
    assert code == 2 and "đầy" in err and "các bản sao lưu trước vẫn giữ nguyên" in err
    assert sorted(p.name for p in small_disk.root.iterdir()) == sorted([good.name, "filler.bin"])
    assert good.read_bytes() == before


def test_daily_snapshots_one_a_day_the_last_n_kept_and_the_reminder(profile: tuple[Store, str]) -> None:
    store, _ = profile
    key = store_key.load_store_key(store.profile)
    start = datetime(2027, 3, 1, 7, 50, tzinfo=VN_TZ)
    assert snapshots.days_since_verified_backup(store, start.date()) == -1  # never backed up: remind
    with store.transaction() as session:
        settings.put(session, settings.SNAPSHOTS_KEPT, "3")
    for day in range(5):
        assert snapshots.daily_snapshot(store, key, start + timedelta(days=day)) is not None
        assert snapshots.daily_snapshot(store, key, start + timedelta(days=day, hours=3)) is None  # same day
    kept = sorted(p.name for p in (store.profile.root / snapshots.SNAPSHOTS_DIR).iterdir())
    assert [name.split("-")[-2] for name in kept] == ["20270303", "20270304", "20270305"]
    assert snapshots.days_since_verified_backup(store, date(2027, 3, 12)) is None  # 7 days: not yet
    assert snapshots.days_since_verified_backup(store, date(2027, 3, 13)) == 8


def test_the_recovery_key_sheet_names_the_commune_workstation_date_and_key() -> None:
    key = store_key.new_recovery_key()
    pdf = recovery_sheet_pdf("Xã Ia Grai", "H21.55.10", 3, key, datetime(2027, 3, 1, 8, 5, tzinfo=VN_TZ))
    assert page_count(pdf) == 1
    text = " ".join(pdf_text(pdf).split())
    for expected in ("KHOÁ KHÔI PHỤC DỮ LIỆU", "Xã Ia Grai (mã H21.55.10)", "Máy trạm số: 3", "01/03/2027"):
        assert expected in text
    assert all(group in text for group in key.split("-"))
    assert "tủ có khoá" in text and "không gửi qua mạng" in text.lower()

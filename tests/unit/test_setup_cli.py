"""`motcua setup`: the first-run setup without a display, run as a real process with the password on stdin;
a second run and bad input are refused with a Vietnamese message, exit 2 and nothing changed."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.errors import ValidationError
from desktop.services.accounts import sign_in
from desktop.services.store_key import load_store_key, read_wrapped, unlock_profile
from desktop.services.unit_settings import load_unit_settings
from desktop.store.cipher import is_encrypted
from desktop.store.engine import DB_NAME, open_store
from desktop.store.profile import Profile
from desktop.store.workstation import current_workstation

PASSWORD = "mật-khẩu-7"
ARGS = {
    "--name": "Xã Ia Grai",
    "--agency-code": "H21.55.10",
    "--province": "Gia Lai",
    "--workstation": "3",
    "--admin": "quantri",
    "--full-name": "Rơ Châm Thị Hồng",
}


def argv(root: Path, **changes: str) -> list[str]:
    values = {**ARGS, **{f"--{k.replace('_', '-')}": v for k, v in changes.items()}}
    return ["--data-dir", str(root), "setup", *[x for kv in values.items() for x in kv], "--password-stdin"]


def motcua(args: list[str], stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in sorted(root.rglob("*"))
        if not p.name.endswith(("-wal", "-shm"))
    }


def test_setup_as_a_process_then_a_second_run_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "profile"
    done = motcua(argv(root), PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    assert "Đã cài đặt Xã Ia Grai (H21.55.10), máy trạm số 3, cán bộ quản trị quantri" in done.stdout
    assert PASSWORD not in done.stdout + done.stderr
    assert "không giữ được khoá dữ liệu" in done.stderr  # no keyring in this process
    assert "motcua --recovery-key-stdin" in done.stderr  # what commands need from now on
    shown = done.stdout.split("KHOÁ KHÔI PHỤC")[1].split(": ", 1)[1].strip()  # printed once, no keyring here
    wrapped = read_wrapped(Profile(root))
    assert wrapped is not None and len(wrapped.unwrap(shown).key) == 32
    # encrypted all the same: its key kept only wrapped by the recovery key, nothing written in clear
    assert is_encrypted(root / DB_NAME) and not list((root / "backups").iterdir())
    assert all("Hồng".encode() not in p.read_bytes() for p in root.rglob("*") if p.is_file())
    with pytest.raises(ValidationError, match="khoá khôi phục"):
        open_store(root)  # a new process on this PC: the recovery key is asked for
    unlock_profile(Profile(root), shown)

    store = open_store(root)
    try:
        officer = sign_in(store, "quantri", PASSWORD)  # the password came from stdin
        assert (officer.full_name, officer.role, officer.unit_code) == (
            "Rơ Châm Thị Hồng",
            "admin",
            "H21.55.10",
        )
        assert current_workstation(store) == 3
        assert load_unit_settings(store).province == "Gia Lai"
    finally:
        store.close()

    before = snapshot(root)
    again = motcua(argv(root, name="Xã Khác", agency_code="H21.55.99", admin="khac"), "matkhau-khac\n")
    assert again.returncode == 2
    assert "đã được cài đặt và mã hoá" in again.stderr  # its key not at hand in that process
    assert "Traceback" not in again.stderr
    assert snapshot(root) == before


def test_a_bad_value_as_a_process_makes_no_profile(tmp_path: Path) -> None:
    root = tmp_path / "profile"
    done = motcua(argv(root, workstation="hai"), PASSWORD + "\n")
    assert done.returncode == 2
    assert done.stderr.strip() == "motcua: Số máy trạm 'hai' không hợp lệ: hãy nhập một số từ 1 đến 99."
    assert not root.exists()


@pytest.mark.parametrize(
    ("changes", "stdin", "message"),
    [
        ({"workstation": "0"}, PASSWORD, "Số máy trạm phải từ 1 đến 99."),
        ({"workstation": "100"}, PASSWORD, "Số máy trạm phải từ 1 đến 99."),
        ({}, "", "Mật khẩu phải có ít nhất 8 ký tự."),
        ({}, "12345\n" + PASSWORD, "Mật khẩu phải có ít nhất 8 ký tự."),  # the first line only
        ({"name": "  "}, PASSWORD, "Hãy nhập tên xã/phường."),
        ({"agency_code": "H21 55 10"}, PASSWORD, "Mã định danh của cơ quan không chứa dấu cách"),
        ({"province": ""}, PASSWORD, "Hãy nhập tỉnh/thành phố."),
        ({"admin": "can bo"}, PASSWORD, "Tên đăng nhập không được để trống và không chứa dấu cách."),
        ({"full_name": "x" * 201}, PASSWORD, "Họ và tên cán bộ dài quá 200 ký tự."),
    ],
)
def test_bad_input_is_refused_in_vietnamese_before_anything_is_made(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    changes: dict[str, str],
    stdin: str,
    message: str,
) -> None:
    root = tmp_path / "profile"
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    assert main(argv(root, **changes)) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("motcua: " + message)
    assert not root.exists() and not (root / DB_NAME).exists()


def test_the_recovery_key_goes_to_a_private_file_and_the_store_key_to_the_keyring(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: object,
) -> None:
    root, key_file = tmp_path / "profile", tmp_path / "recovery.txt"
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main([*argv(root), "--recovery-key-file", str(key_file)]) == 0
    out, err = capsys.readouterr()
    recovery = key_file.read_text().strip()
    assert recovery not in out and str(key_file) in out and "không giữ được" not in err
    assert key_file.stat().st_mode & 0o777 == 0o600
    from_keyring = load_store_key(Profile(root))  # this PC's keyring has it
    assert load_store_key(Profile(root), recovery) == from_keyring
    assert is_encrypted(Profile(root).db_path)  # born encrypted: the keyring holds its key

    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main([*argv(tmp_path / "second"), "--recovery-key-file", str(key_file)]) == 2  # never overwritten
    assert "recovery.txt" in capsys.readouterr().err and key_file.read_text().strip() == recovery
    assert not (tmp_path / "second").exists()

"""`motcua unit show` / `motcua unit set`, run through `desktop.cli.main` on a real profile."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.accounts import SignedIn
from desktop.services.unit_settings import load_unit_settings
from desktop.store.engine import Store


def test_show_then_set_every_setting(
    ready_store: tuple[Store, SignedIn], capsys: pytest.CaptureFixture[str]
) -> None:
    store, _officer = ready_store
    root = str(store.profile.root)
    assert main(["--data-dir", root, "unit", "show"]) == 0
    out = capsys.readouterr().out
    assert "Đơn vị: Xã Ia Grai (H21.55.10)" in out and "Giờ làm việc: 07:30-11:30,13:30-17:00" in out
    assert "Tỉnh/thành phố: Gia Lai" in out and "Quyển số sổ theo dõi: —" in out

    url = "https://dichvucong.gialai.gov.vn/tra-cuu?ma={code}"
    argv = ["--data-dir", root, "unit", "set", "--office-hours", "07:00-11:00,13:00-16:30"]
    argv += ["--lookup-url", url, "--province", "Quảng Ngãi", "--register-book", "02/2026"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Đã lưu thông tin đơn vị." in out and f"Địa chỉ tra cứu: {url}" in out
    unit = load_unit_settings(store)
    assert (unit.office_hours, unit.lookup_url, unit.province, unit.register_book) == (
        "07:00-11:00,13:00-16:30",
        url,
        "Quảng Ngãi",
        "02/2026",
    )
    assert main(["--data-dir", root, "unit", "set", "--lookup-url", ""]) == 0  # cleared: QR holds the code
    assert load_unit_settings(store).lookup_url == ""


def test_a_bad_value_exits_2_in_vietnamese_and_writes_nothing(
    ready_store: tuple[Store, SignedIn], capsys: pytest.CaptureFixture[str]
) -> None:
    store, _officer = ready_store
    root = str(store.profile.root)
    argv = [
        "--data-dir",
        root,
        "unit",
        "set",
        "--register-book",
        "05",
        "--office-hours",
        "13:30-17:00,07:30-11:30",
    ]
    assert main(argv) == 2
    assert "Buổi sáng phải kết thúc trước khi buổi chiều bắt đầu" in capsys.readouterr().err
    assert load_unit_settings(store).register_book == ""
    assert main(["--data-dir", root, "unit", "set"]) == 2
    assert "Hãy cho biết cần sửa gì" in capsys.readouterr().err


def test_no_profile_is_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path / "none"), "unit", "show"]) == 2
    assert "Chưa có hồ sơ dữ liệu" in capsys.readouterr().err
    assert not (tmp_path / "none").exists()


def test_a_refused_value_is_said_once_by_the_real_command(ready_store: tuple[Store, SignedIn]) -> None:
    """As a process (pytest's own log handlers hide it in-process): the log record of a refused command
    must not reach Python's last-resort handler and print the message a second time."""
    store, _officer = ready_store
    argv = ["--data-dir", str(store.profile.root), "unit", "set", "--office-hours", "13:00-11:00"]
    done = subprocess.run(
        [sys.executable, "-m", "desktop", *argv], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 2
    assert done.stderr.count("giờ bắt đầu phải trước giờ kết thúc") == 1, done.stderr

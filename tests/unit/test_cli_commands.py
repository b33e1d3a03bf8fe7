"""`motcua doctor`, `motcua demo seed` and `motcua dossiers`, run through `desktop.cli.main`."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop import __version__
from desktop.cli import main
from desktop.core.timeutil import VN_TZ
from desktop.store import migrations
from desktop.store.catalogue import read_catalogue
from desktop.store.engine import open_store
from desktop.store.settings import SERVER_URL, put
from tests.clock import Clock
from tests.permissions import read_only

SEEDED = 120


@pytest.fixture(scope="module")
def seeded_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli") / "profile"
    assert main(["--data-dir", str(root), "demo", "seed", "--dossiers", str(SEEDED), "--seed", "3"]) == 0
    return root


@pytest.fixture
def profile(seeded_profile: Path, tmp_path: Path) -> Path:
    """A private copy of the seeded profile (tests may damage it)."""
    copy = tmp_path / "copy"
    shutil.copytree(seeded_profile, copy)
    return copy


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _corrupt(db: Path, keep_first: int = 1) -> None:
    """Overwrite every other page after the first ones with garbage, as a failing disk would."""
    size = db.stat().st_size
    with db.open("r+b") as fh:
        for page in range(keep_first, size // 4096, 2):
            fh.seek(page * 4096)
            fh.write(os.urandom(4096))


def test_demo_seed_reports_progress_and_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path / "p"), "demo", "seed", "--dossiers", "40"]) == 0
    out, err = capsys.readouterr()
    assert out.count("\n") == 1 and "Đã tạo 40 hồ sơ mẫu" in out and "demo / demo1234" in out
    assert "40/40 (100%)" in err
    assert main(["--data-dir", str(tmp_path / "p"), "demo", "seed", "--dossiers", "10"]) == 0
    out, _ = capsys.readouterr()
    assert "Đã tạo 10 hồ sơ mẫu" in out and "demo1234" not in out  # already set up: no new account


def test_demo_seed_refuses_a_negative_count(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path / "p"), "demo", "seed", "--dossiers", "-3"]) == 2
    assert "Số hồ sơ mẫu" in capsys.readouterr().err


def test_dossiers_json_is_one_array_newest_first(profile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(profile), "dossiers", "--json", "--limit", "0"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert len(items) == SEEDED
    assert set(items[0]) == {
        "code",
        "applicant",
        "procedure_code",
        "status",
        "received_at",
        "due_at",
        "finished_at",
        "extended_due_at",
        "returned_at",
        "rating",
        "fees_paid",
        "status_code",
        "current_due",
        "rating_level",
        "channel",
        "sync_status",
        "synced",
        "digitised",
        "supplements",
        "pauses",
        "due_changes",
    }
    received = [datetime.fromisoformat(i["received_at"]) for i in items]
    assert received == sorted(received, reverse=True)
    assert {r.utcoffset() for r in received} == {timedelta(hours=7)}
    assert all(
        i["due_at"] is None or datetime.fromisoformat(i["due_at"]) >= r
        for i, r in zip(items, received, strict=True)
    )
    assert len({i["code"] for i in items}) == SEEDED

    assert main(["--data-dir", str(profile), "dossiers", "--json", "--limit", "7"]) == 0
    assert json.loads(capsys.readouterr().out) == items[:7]


def test_dossiers_search_folds_diacritics(profile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(profile), "dossiers", "--json", "--limit", "0"]) == 0
    items = json.loads(capsys.readouterr().out)
    nguyen = [i for i in items if i["applicant"].startswith("Nguyễn ")]
    assert nguyen
    assert main(["--data-dir", str(profile), "dossiers", "--json", "--limit", "0", "--search", "NGUYEN"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert {i["code"] for i in nguyen} <= {i["code"] for i in found}
    assert main(["--data-dir", str(profile), "dossiers", "--json", "--search", '"*(-']) == 0
    assert len(json.loads(capsys.readouterr().out)) == 50  # nothing searchable: the plain list


def test_dossiers_table_is_aligned_and_counts(profile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(profile), "dossiers", "--limit", "5"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["Mã", "hồ"] and "Hẹn trả" in lines[0]
    assert len(lines) == 1 + 1 + 5 + 1 and lines[-1] == f"5/{SEEDED} hồ sơ."
    code_width = len(lines[1].split()[0])
    assert all(len(line.split()[0]) == code_width for line in lines[2:7])  # codes aligned in one column
    assert main(["--data-dir", str(profile), "dossiers", "--search", "khong-co-ai-ten-nay"]) == 0
    assert capsys.readouterr().out.strip() == "0/0 hồ sơ khớp với “khong-co-ai-ten-nay”."


def test_dossiers_without_a_database_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path / "none"), "dossiers"]) == 2
    assert "Chưa có cơ sở dữ liệu" in capsys.readouterr().err
    assert not (tmp_path / "none" / "motcua.sqlite3").exists()


def test_dossiers_on_a_damaged_database(profile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = profile / "motcua.sqlite3"
    _corrupt(db)
    before = _digest(db)
    assert main(["--data-dir", str(profile), "dossiers", "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "motcua.sqlite3" in err and ("bị hỏng" in err or "không phải" in err)
    assert _digest(db) == before


def test_doctor_on_a_healthy_profile(profile: Path, capsys: pytest.CaptureFixture[str], clock: Clock) -> None:
    in_2026 = datetime(2026, 12, 1, 9, 0, tzinfo=VN_TZ)  # inside the shipped calendar data
    clock.set(in_2026)
    assert main(["--data-dir", str(profile), "doctor"]) == 0
    out = capsys.readouterr().out
    for expected in (
        str(profile),
        "integrity_check: ok",
        f"phiên bản {migrations.LATEST} (hỗ trợ đến {migrations.LATEST})",
        f"{len(read_catalogue()['procedures'])} thủ tục (",
        "chưa xác nhận thời hạn giải quyết: cán bộ nhập ngày hẹn)",
        "Xã Ia Grai (H21.55.10)",
        "Máy chủ đồng bộ   chưa cấu hình",
        "Lịch làm việc     phiên bản vn-2026.11-1/h",
        "có lịch chính thức các năm 2024, 2025, 2026; chưa có lịch năm 2027",
        f"{SEEDED} hồ sơ",
        "motcua.log",
        "Kết quả: mọi kiểm tra đều đạt.",
    ):
        assert expected in out, expected
    store = open_store(profile)
    with store.transaction() as s:
        put(s, SERVER_URL, "https://motcua.gialai.example/api/v1")
    store.close()
    assert main(["--data-dir", str(profile), "doctor", "--quick"]) == 0
    out = capsys.readouterr().out
    assert "https://motcua.gialai.example/api/v1" in out and "quick_check: ok" in out


def test_doctor_finds_damaged_pages_without_touching_the_file(
    profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = profile / "motcua.sqlite3"
    _corrupt(db, keep_first=8)  # the schema pages survive, the data pages do not
    before = _digest(db)
    assert main(["--data-dir", str(profile), "doctor"]) == 2
    out = capsys.readouterr().out
    assert "[  LỖI   ] Toàn vẹn dữ liệu" in out and "bị hỏng" in out and "bản sao lưu" in out
    assert _digest(db) == before


def test_doctor_on_a_newer_schema(profile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    con = sqlite3.connect(profile / "motcua.sqlite3")
    con.execute(f"PRAGMA user_version={migrations.LATEST + 1}")
    con.commit()
    con.close()
    assert main(["--data-dir", str(profile), "doctor"]) == 2  # the application refuses it
    assert f"chỉ hỗ trợ đến {migrations.LATEST}" in capsys.readouterr().out


def test_doctor_on_a_foreign_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "p"
    root.mkdir()
    (root / "motcua.sqlite3").write_bytes(b"PK\x03\x04 not a database" * 50)
    assert main(["--data-dir", str(root), "doctor"]) == 2
    out = capsys.readouterr().out
    assert "không phải cơ sở dữ liệu của Một Cửa" in out
    assert "Dung lượng trống" in out and "Nhật ký" in out  # the rest of the report still shows
    assert (root / "motcua.sqlite3").read_bytes().startswith(b"PK")


def test_doctor_on_a_profile_not_set_up(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    open_store(tmp_path / "p").close()
    assert main(["--data-dir", str(tmp_path / "p"), "doctor"]) == 1
    out = capsys.readouterr().out
    assert "chưa thiết lập lần đầu" in out and "integrity_check: ok" in out
    assert main(["--data-dir", str(tmp_path / "missing"), "doctor"]) == 1
    assert "chưa có" in capsys.readouterr().out
    assert not (tmp_path / "missing").exists()


def test_doctor_on_a_foreign_sqlite_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "p"
    root.mkdir()
    con = sqlite3.connect(root / "motcua.sqlite3")
    con.execute("CREATE TABLE contacts(name)")
    con.commit()
    con.close()
    before = _digest(root / "motcua.sqlite3")
    assert main(["--data-dir", str(root), "doctor"]) == 2
    assert "là cơ sở dữ liệu SQLite khác, không phải của Một Cửa" in capsys.readouterr().out
    assert _digest(root / "motcua.sqlite3") == before


def test_doctor_on_a_data_dir_that_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("ghi chú")
    assert main(["--data-dir", str(target), "doctor"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and f"Thư mục dữ liệu '{target}' là một tệp, không phải thư mục." in err
    assert target.read_text() == "ghi chú"


def test_doctor_on_a_read_only_profile(
    seeded_profile: Path, open_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = open_tmp / "profile"
    shutil.copytree(seeded_profile, root)
    before = _digest(root / "motcua.sqlite3")
    with read_only(root):
        assert main(["--data-dir", str(root), "doctor"]) == 2
    out = capsys.readouterr().out
    (line,) = [line for line in out.splitlines() if "Thư mục dữ liệu" in line]
    assert "[  LỖI   ]" in line and line.endswith(
        f"{root} chỉ đọc: không thể lưu hồ sơ (tài khoản này không có quyền ghi)"
    )
    assert "integrity_check: ok" in out and f"{SEEDED} hồ sơ" in out  # the rest is still examined
    assert _digest(root / "motcua.sqlite3") == before


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"motcua {__version__}"

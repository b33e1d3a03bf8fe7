"""`motcua calendar import`: a newer official schedule loaded into a profile, as the commune does when the
government announces next year's swaps. Real SQLite, real files, through `desktop.cli.main`."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.cli import main
from desktop.core.calendar_schedule import parse_schedule
from desktop.core.timeutil import VN_TZ
from desktop.resources import resource
from desktop.services.accounts import SignedIn
from desktop.services.calendar_import import import_schedule
from desktop.services.intake import receive_dossier
from desktop.store.calendar_files import load_calendar
from desktop.store.calendar_repo import calendar_for
from desktop.store.engine import Store
from desktop.store.models import CalendarOverride, Dossier, Setting
from tests.clock import Clock
from tests.factories import intake_draft

# A hypothetical 2027 schedule (the real one is not announced yet): Thursday 11/02 given off after Tết,
# made up on Saturday 20/02.
SCHEDULE_2027: dict[str, Any] = {
    "version": "gl-2027.01-1",
    "years": [2027],
    "exceptions": [
        {"day": "2027-02-11", "kind": "off", "reason": "Nghỉ hoán đổi dịp Tết Nguyên đán 2027"},
        {"day": "2027-02-20", "kind": "work", "reason": "Làm bù cho ngày nghỉ thứ Năm 11/02/2027"},
    ],
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, data: object, name: str = "lich.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def with_changes(**changes: object) -> dict[str, Any]:
    return {**SCHEDULE_2027, **changes}


@pytest.fixture
def profile(ready_store: tuple[Store, SignedIn], data_dir: Path) -> Path:
    return data_dir


def test_an_imported_2027_schedule_is_used_by_off_and_due(
    capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path
) -> None:
    d = str(profile)
    code, _out, err = run(capsys, "--data-dir", d, "calendar", "off", "2027")
    assert code == 2 and "motcua calendar import" in err  # not covered yet: says how to load it
    code, out, err = run(capsys, "--data-dir", d, "calendar", "import", str(write(tmp_path, SCHEDULE_2027)))
    assert (code, err) == (0, "")
    assert "gl-2027.01-1" in out and "2024, 2025, 2026, 2027" in out

    code, out, _ = run(capsys, "--data-dir", d, "calendar", "off", "2027")
    lines = out.splitlines()
    assert code == 0
    assert "2027-02-11 off Nghỉ hoán đổi dịp Tết Nguyên đán 2027" in lines
    assert "2027-02-20 work Làm bù cho ngày nghỉ thứ Năm 11/02/2027" in lines
    assert any(line.startswith("2027-02-10 off ") for line in lines)  # the library's Tết is still there

    # Without the swap, one working day after Wed 03/02 (Tết in between) would be Thu 11/02.
    assert load_calendar().next_working_day(date(2027, 2, 3)) == date(2027, 2, 11)
    code, out, _ = run(capsys, "--data-dir", d, "calendar", "due", "2027-02-03T09:00", "1")
    assert (code, out.strip()) == (0, "2027-02-12T09:00:00+07:00")
    code, out, _ = run(capsys, "--data-dir", d, "calendar", "due", "2027-02-19T09:00", "1")
    assert (code, out.strip()) == (0, "2027-02-20T09:00:00+07:00")  # the Saturday is worked
    code, out, _ = run(capsys, "--data-dir", d, "calendar", "due", "2026-01-09T09:00", "2")
    assert (code, out.strip()) == (0, "2026-01-12T09:00:00+07:00")  # the shipped years are kept

    code, out, _ = run(capsys, "--data-dir", d, "doctor")
    line = next(x for x in out.splitlines() if "Lịch làm việc" in x)
    assert "vn-2026.11-1+gl-2027.01-1" in line and "2024, 2025, 2026, 2027" in line


def test_a_dossier_received_in_2027_uses_and_records_the_imported_schedule(
    ready_store: tuple[Store, SignedIn],
) -> None:
    store, officer = ready_store
    import_schedule(store, parse_schedule(SCHEDULE_2027))  # the path the sync will reuse
    received = datetime(2027, 2, 3, 9, 0, tzinfo=VN_TZ)
    result = receive_dossier(store, officer, intake_draft(store), received_at=received)
    assert not any("lịch nghỉ" in w for w in result.warnings)
    assert result.due_at == datetime(2027, 2, 18, 9, 0, tzinfo=VN_TZ)  # 5 days, 11/02 off
    with store.session() as session:
        dossier = session.get(Dossier, result.id)
        assert dossier is not None
        assert dossier.calendar_version.startswith("vn-2026.11-1+gl-2027.01-1/h")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"version": "gl-2027.01-1", "years": [2027], "exceptions": [', "không phải JSON hợp lệ"),
        ("[2027]", "đối tượng JSON"),
        (with_changes(version="2027"), "Phiên bản lịch '2027'"),
        (with_changes(version="vn-2025.12-1"), "cũ hơn lịch đang dùng (vn-2026.11-1)"),
        (with_changes(years=[]), "Thiếu danh sách năm"),
        (with_changes(years=["2027"]), "Năm '2027'"),
        (with_changes(exceptions=[{"day": "2027-02-30", "kind": "off", "reason": "x"}]), "2027-02-30"),
        (with_changes(exceptions=[{"day": "11/02/2027", "kind": "off", "reason": "x"}]), "11/02/2027"),
        (with_changes(exceptions=[{"day": "2027-02-11", "kind": "nghỉ", "reason": "x"}]), "'nghỉ'"),
        (with_changes(exceptions=[{"day": "2027-02-11", "kind": "off"}]), "thiếu lý do"),
        (with_changes(exceptions=[{"day": "2028-01-03", "kind": "off", "reason": "x"}]), "năm 2028"),
        (
            with_changes(
                exceptions=[
                    {"day": "2027-02-11", "kind": "off", "reason": "Nghỉ"},
                    {"day": "2027-02-11", "kind": "work", "reason": "Làm"},
                ]
            ),
            "Ngày 2027-02-11 vừa là ngày nghỉ vừa là ngày làm việc",
        ),
    ],
)
@pytest.mark.one_moment
def test_a_bad_file_is_refused_with_a_message_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str],
    ready_store: tuple[Store, SignedIn],
    profile: Path,
    tmp_path: Path,
    content: object,
    message: str,
) -> None:
    store, _ = ready_store
    code, out, err = run(
        capsys, "--data-dir", str(profile), "calendar", "import", str(write(tmp_path, content))
    )
    assert (code, out) == (2, "")
    assert err.startswith("motcua: ") and message in err, err
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(CalendarOverride)) == 0
        assert session.get(Setting, "calendar_schedule") is None
        assert not calendar_for(session).covers(2027)


def test_missing_file_or_profile(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(
        capsys, "--data-dir", str(tmp_path / "p"), "calendar", "import", str(tmp_path / "x.json")
    )
    assert code == 2 and "Không tìm thấy tệp lịch" in err
    good = write(tmp_path, SCHEDULE_2027)
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "p"), "calendar", "import", str(good))
    assert code == 2 and "Chưa có hồ sơ dữ liệu" in err
    assert not (tmp_path / "p").exists()


def test_later_imports_replace_their_years_and_keep_the_others(ready_store: tuple[Store, SignedIn]) -> None:
    store, _ = ready_store
    import_schedule(store, parse_schedule(SCHEDULE_2027))
    import_schedule(store, parse_schedule({"version": "gl-2027.10-1", "years": [2028], "exceptions": []}))
    corrected = with_changes(
        version="gl-2027.11-2",
        exceptions=[{"day": "2027-02-12", "kind": "off", "reason": "Nghỉ hoán đổi (đính chính)"}],
    )
    result = import_schedule(store, parse_schedule(corrected))
    assert result.covered_years == (2024, 2025, 2026, 2027, 2028)
    with store.session() as session:
        cal = calendar_for(session)
    assert cal.is_working_day(date(2027, 2, 11)) and not cal.is_working_day(date(2027, 2, 12))
    assert not cal.is_working_day(date(2027, 2, 20))  # the first import's 2027 is replaced as a whole
    assert cal.version.startswith("vn-2026.11-1+gl-2027.11-2/h")
    assert (
        import_schedule(store, parse_schedule(corrected)).covered_years == result.covered_years
    )  # again: same


def test_a_full_file_in_the_shipped_format_corrects_a_shipped_year(
    capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path
) -> None:
    shipped = json.loads(resource("calendar", "vn-civil-service.json").read_text(encoding="utf-8"))
    shipped["version"] = "vn-2026.12-1"
    shipped["years"].append(2027)
    withdrawn = [  # the 2026 National Day swap (which the library also has) withdrawn, 2027 added
        {"day": "2026-08-22", "kind": "off", "reason": "Đính chính: nghỉ thứ Bảy như thường lệ"},
        {"day": "2026-08-31", "kind": "work", "reason": "Đính chính: làm việc như thường lệ"},
    ]
    kept = [e for e in shipped["exceptions"] if e["day"] not in ("2026-08-22", "2026-08-31")]
    shipped["exceptions"] = kept + withdrawn + SCHEDULE_2027["exceptions"]
    d = str(profile)
    code, out, err = run(capsys, "--data-dir", d, "calendar", "import", str(write(tmp_path, shipped)))
    assert (code, err) == (0, "")
    code, out, err = run(capsys, "--data-dir", d, "calendar", "off", "2026")
    assert code == 0 and "2026-08-31" not in out and "2026-08-22" not in out and "2026-01-02 off " in out
    assert "2026-11-23" in err  # its unadopted proposals are kept as such
    assert "2027-02-11 off " in run(capsys, "--data-dir", d, "calendar", "off", "2027")[1]


def test_doctor_warns_when_this_year_has_no_official_schedule(
    capsys: pytest.CaptureFixture[str], profile: Path, clock: Clock
) -> None:
    clock.set(datetime(2027, 1, 4, 9, 0))
    _, out, _ = run(capsys, "--data-dir", str(profile), "doctor")
    line = next(x for x in out.splitlines() if "Lịch làm việc" in x)
    assert "[CẢNH BÁO]" in line and "chưa có lịch năm 2027 (nạp bằng `motcua calendar import" in line

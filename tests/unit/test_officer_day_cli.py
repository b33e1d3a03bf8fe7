"""Issue 16's "Done when", through the command line: one officer's day with the `motcua` commands only.

Thursday 03/12/2026: the profile is set up by a real `python -m desktop setup` process, then everything runs
in-process through `desktop.cli.main`: 20 dossiers received from JSON drafts (6 same-day signature
certifications with a 10.000 đ fee, 8 three-day residence registrations with 15.000 đ, 6 free five-day birth
re-registrations), a hand-over by mistake undone, the batch hand-over of the day with its printed list, one
withdrawal, 5 results (one refused), 3 returns (one to another person, one late with the apology first),
each paid and rated. After each step the worklists and `motcua dossiers --json` say what the officer
expects, refused steps exit 2 naming the status, and the cash statement adds up to the receipts.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.services import store_key
from desktop.services.printing import read_copy
from desktop.store.engine import open_store
from desktop.store.profile import Profile
from tests.clock import Clock
from tests.pdfcheck import pdf_text
from tests.sync_helpers import synthetic_name

SAME_DAY, THREE_DAYS, FIVE_DAYS = "2.000884", "1.004222", "1.004884"  # fees 10.000, 15.000, none
PROCEDURES = [SAME_DAY] * 6 + [THREE_DAYS] * 8 + [FIVE_DAYS] * 6
WORKLISTS = (
    "to-hand-over",
    "due-today",
    "due-soon",
    "overdue",
    "waiting-supplement",
    "financial",
    "ready",
    "returned-today",
)
UNIT = "Công chức Tư pháp - Hộ tịch"


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 12, 3, hour, minute)


class Motcua:
    """`motcua --data-dir ROOT ARGS…` in this process: (exit code, stdout, stderr)."""

    def __init__(self, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.root, self.capsys = root, capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(["--data-dir", str(self.root), *args])
        out, err = self.capsys.readouterr()
        return code, out, err

    def ok(self, *args: str) -> str:
        code, out, err = self(*args)
        assert code == 0, err
        assert err == "" or "Traceback" not in err
        return out

    def refused(self, *args: str) -> str:
        """A refused step: exit 2, a Vietnamese message, no traceback."""
        code, out, err = self(*args)
        assert (code, out) == (2, ""), (code, out, err)
        assert err.startswith("motcua: ") and "Traceback" not in err and "Error" not in err
        return err

    def worklist(self, name: str) -> list[str]:
        """The codes `motcua worklist NAME --json` lists."""
        return [item["code"] for item in json.loads(self.ok("worklist", name, "--json"))]

    def counts(self) -> dict[str, int]:
        return {name: len(self.worklist(name)) for name in WORKLISTS}

    def dossiers(self) -> dict[str, dict[str, Any]]:
        return {row["code"]: row for row in json.loads(self.ok("dossiers", "--json", "--limit", "0"))}


def expect(motcua: Motcua, **counts: int) -> None:
    """The worklists' counts: those named, every other one empty."""
    wanted = {name: counts.get(name.replace("-", "_"), 0) for name in WORKLISTS}
    assert motcua.counts() == wanted


def draft(number: int, procedure_code: str) -> dict[str, Any]:
    return {
        "procedure_code": procedure_code,
        "applicant": {
            "full_name": synthetic_name(number),
            "id_number": f"064091{number:06d}",
            "date_of_birth": "12/03/1991",
            "gender": "male",
            "phone": "0912 345 678",
            "address": "Thôn Thử, Xã Ia Grai, Tỉnh Gia Lai",
        },
    }


def setup_by_process(root: Path) -> None:
    """The first-run setup through the real entry point (`python -m desktop`), the password on stdin; this
    PC has no keyring, so the commands run here use the recovery key setup printed (as
    `motcua --recovery-key-stdin` does), unlocked once for this process."""
    args = ["--name", "Xã Ia Grai", "--agency-code", "H21.55.10", "--province", "Gia Lai"]
    args += ["--workstation", "1", "--admin", "canbo1", "--full-name", "Nguyễn Thị Hằng", "--password-stdin"]
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(root), "setup", *args],
        input="matkhau-123\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Đã cài đặt Xã Ia Grai (H21.55.10), máy trạm số 1, cán bộ quản trị canbo1" in done.stdout
    recovery = done.stdout.split("KHOÁ KHÔI PHỤC")[1].split(": ", 1)[1].strip()
    store_key.unlock_profile(Profile(root), recovery)


@pytest.mark.slow  # about 7 s of CPU here (140 commands) and 2 s in the setup process
def test_an_officers_day_through_the_command_line(
    tmp_path: Path, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "profile"
    clock.set(at(7, 40))
    setup_by_process(root)
    motcua = Motcua(root, capsys)

    # 08:00-09:35: twenty dossiers from JSON drafts, five minutes apart
    codes: list[str] = []
    for number, procedure in enumerate(PROCEDURES, start=1):
        clock.set(at(8 + (number - 1) // 12, (number - 1) % 12 * 5))
        path = tmp_path / f"ho-so-{number}.json"
        path.write_text(json.dumps(draft(number, procedure), ensure_ascii=False), encoding="utf-8")
        codes.append(motcua.ok("dossier", "receive", str(path)).strip())
    same_day, three_days, five_days = codes[:6], codes[6:14], codes[14:]
    assert len(set(codes)) == 20 and all(code.startswith("H21.55.10-261203-") for code in codes)
    expect(motcua, to_hand_over=20, due_today=6, due_soon=14)
    rows = motcua.dossiers()
    assert {row["status"] for row in rows.values()} == {"received"}
    assert rows[same_day[0]]["due_at"] == "2026-12-03T17:00:00+07:00"
    assert all(row["finished_at"] is None and row["fees_paid"] == 0 for row in rows.values())

    # 09:40 one dossier handed over alone, by mistake: undone (a correcting event), back on the list
    clock.set(at(9, 40))
    assert "Đang xử lý" in motcua.ok("dossier", "hand-over", five_days[0], "--to", "UBND huyện")
    expect(motcua, to_hand_over=19, due_today=6, due_soon=14)
    clock.set(at(9, 42))
    out = motcua.ok("dossier", "undo", five_days[0], "--reason", "Chuyển nhầm cơ quan")
    assert out == f"{five_days[0]}\tĐược tiếp nhận\n"
    expect(motcua, to_hand_over=20, due_today=6, due_soon=14)

    # 09:45 the day's batch hand-over, its list printed and signed by both sides
    clock.set(at(9, 45))
    handover_list = tmp_path / "danh-sach-ban-giao.pdf"
    out = motcua.ok(
        "dossier", "hand-over", "--today", "--to", UNIT, "--person", "Trần Văn Bình", "--signed",
        "--list", str(handover_list),
    )  # fmt: skip
    assert "Danh sách bàn giao:" in out and "(20 hồ sơ)" in out
    printed = pdf_text(handover_list.read_bytes())
    assert all(code in printed for code in codes)
    expect(motcua, due_today=6, due_soon=14)
    assert {row["status"] for row in motcua.dossiers().values()} == {"processing"}
    # nothing to return yet: refused, naming the status and what it allows
    err = motcua.refused("dossier", "return", same_day[0])
    assert "'Đang xử lý', không thể trả kết quả" in err and "Có thể: chuyển bước xử lý" in err

    # 10:15 an applicant withdraws a residence registration: off the clock lists, nothing to pay
    clock.set(at(10, 15))
    withdrawn = three_days[7]
    assert motcua.ok("dossier", "withdraw", withdrawn).strip().endswith("Công dân yêu cầu rút hồ sơ")
    expect(motcua, due_today=6, due_soon=13)

    # 10:30-13:30 four results come back: three same-day ones (one refused) and a residence registration
    results = [
        (at(10, 30), same_day[0], ()),
        (at(10, 40), same_day[1], ("--document-number", "125/CT-UBND", "--signer", "Trần Văn Bình")),
        (at(11, 0), three_days[0], ("--document-number", "31/ĐKCT")),
        (at(13, 30), same_day[2], ("--refused", "Chữ ký không khớp chữ ký mẫu đã đăng ký")),
    ]
    for moment, code, options in results:
        clock.set(moment)
        out = motcua.ok("dossier", "result", code, *options)
        assert out == f"{code}\tĐã xử lý xong\t{'Từ chối' if '--refused' in options else 'Chấp thuận'}\n"
    expect(motcua, due_today=3, due_soon=9, ready=4)
    rows = motcua.dossiers()
    assert rows[same_day[0]]["finished_at"] == "2026-12-03T10:30:00+07:00"
    assert rows[same_day[2]]["status"] == "result_ready"

    # 14:10 the first return: refused until the fee is paid; paid in cash, returned to the owner, rated
    clock.set(at(14, 10))
    err = motcua.refused("dossier", "return", same_day[0])
    assert f"Hồ sơ {same_day[0]} còn 10.000 đồng phí, lệ phí chưa thu" in err
    receipts: dict[str, tuple[str, int, str]] = {}  # number -> (dossier, amount, method)
    out = motcua.ok("dossier", "pay", same_day[0], "--method", "cash")
    receipts.update(_receipts(out, same_day[0], "cash"))
    assert out.splitlines()[-1] == f"{same_day[0]}\tĐã thu 10.000 đồng"
    assert motcua.ok("dossier", "return", same_day[0]).endswith("Đã trả kết quả\tTại bộ phận một cửa\n")
    assert "Rất hài lòng" in motcua.ok("dossier", "rate", same_day[0], "--level", "very_satisfied")
    expect(motcua, due_today=3, due_soon=9, ready=3, returned_today=1)

    # 15:20 the second: paid by transfer, collected by someone else with ID
    clock.set(at(15, 20))
    out = motcua.ok("dossier", "pay", three_days[0], "--method", "transfer")
    receipts.update(_receipts(out, three_days[0], "transfer"))
    out = motcua.ok(
        "dossier", "return", three_days[0], "--receiver-name", "Lê Văn Nhận", "--receiver-id", "064090000999"
    )
    assert "Đã trả kết quả" in out
    assert "Hài lòng" in motcua.ok("dossier", "rate", three_days[0], "--level", "satisfied")
    err = motcua.refused("dossier", "rate", three_days[0], "--level", "very_satisfied")
    assert "đã được đánh giá" in err
    err = motcua.refused("dossier", "withdraw", three_days[0])
    assert "'Đã trả kết quả'" in err and "không thể rút hồ sơ" in err
    expect(motcua, due_today=3, due_soon=9, ready=2, returned_today=2)

    # 17:05 after closing: the three same-day dossiers still with the commune are overdue
    clock.set(at(17, 5))
    expect(motcua, due_soon=6, overdue=3, ready=2, returned_today=2)
    assert set(motcua.worklist("overdue")) == set(same_day[3:])

    # 17:10 one of them comes back late: its return needs the apology (form 04) and the fee first
    clock.set(at(17, 10))
    late = same_day[3]
    motcua.ok("dossier", "result", late)
    expect(motcua, due_soon=6, overdue=2, ready=3, returned_today=2)
    out = motcua.ok("dossier", "pay", late)
    receipts.update(_receipts(out, late, "cash"))
    err = motcua.refused("dossier", "return", late)
    assert "sau thời hạn hẹn trả (17:00 ngày 03/12/2026)" in err and "xin lỗi" in err
    clock.set(at(17, 15))
    out = motcua.ok(
        "dossier", "apologise", late, "--reason", "Người có thẩm quyền ký vắng buổi chiều",
        "--signer", "Phạm Văn Chủ tịch, Chủ tịch UBND xã",
    )  # fmt: skip
    assert "xin lỗi đã ghi nhận" in out
    clock.set(at(17, 20))
    assert "Đã trả kết quả" in motcua.ok("dossier", "return", late)
    out = motcua.ok("dossier", "rate", late, "--level", "dissatisfied", "--reason", "Trả kết quả trễ hẹn")
    assert "Không hài lòng" in out
    expect(motcua, due_soon=6, overdue=2, ready=2, returned_today=3)
    assert set(motcua.worklist("ready")) == {same_day[1], same_day[2]}
    assert motcua.ok("worklist", "ready").splitlines()[-1] == "Có kết quả – chờ trả: 2/2 hồ sơ."
    assert set(motcua.worklist("returned-today")) == {same_day[0], three_days[0], late}

    # the day's records: statuses, times, ratings and fees per dossier
    rows = motcua.dossiers()
    returned = {  # status, rating points, fees paid
        same_day[0]: ("returned", 5, 10_000),
        three_days[0]: ("returned", 4, 15_000),
        late: ("returned", 2, 10_000),
    }
    assert {c: (rows[c]["status"], rows[c]["rating"], rows[c]["fees_paid"]) for c in returned} == returned
    assert rows[same_day[0]]["returned_at"] == "2026-12-03T14:10:00+07:00"
    assert rows[late]["finished_at"] == "2026-12-03T17:10:00+07:00"
    assert rows[late]["returned_at"] == "2026-12-03T17:20:00+07:00"
    assert rows[withdrawn]["status"] == "withdrawn"
    assert rows[withdrawn]["finished_at"] == "2026-12-03T10:15:00+07:00"
    assert rows[withdrawn]["fees_paid"] == 0
    assert [rows[c]["status"] for c in (same_day[1], same_day[2])] == ["result_ready"] * 2
    assert sum(row["status"] == "processing" for row in rows.values()) == 14
    assert all(
        rows[c]["returned_at"] is None and rows[c]["rating"] is None for c in codes if c not in returned
    )
    assert all(row["extended_due_at"] is None for row in rows.values())  # an apology sets no new appointment

    # the officer's cash statement: the three receipts, adding up to what was paid
    out = motcua.ok("cash-statement")
    lines = [line.split("\t") for line in out.splitlines()]
    listed = {line[0]: (line[1], line[-1], line[4]) for line in lines[:-3]}
    assert listed == {
        number: (code, f"{amount:,}".replace(",", "."), "Tiền mặt" if method == "cash" else "Chuyển khoản")
        for number, (code, amount, method) in receipts.items()
    }
    assert lines[-3] == ["Tổng cộng", "35.000"]
    assert lines[-2] == ["Biên lai đã dùng", "3", "đã hủy", "0"]
    assert sum(rows[c]["fees_paid"] for c in codes) == 35_000
    kept = Path(lines[-1][1])
    assert kept.name.endswith(".pdf.sealed")  # kept sealed: this profile is encrypted, keyring or not
    store = open_store(root)
    try:
        printed = pdf_text(read_copy(store, kept))  # the statement as printed, with every receipt
    finally:
        store.close()
    assert "Tổng cộng 35.000" in printed and all(number in printed for number in receipts)


def _receipts(out: str, code: str, method: str) -> dict[str, tuple[str, int, str]]:
    """The receipts `motcua dossier pay` printed: number -> (dossier, amount, method)."""
    found = {}
    for line in out.splitlines()[:-1]:
        number, _kind, amount = line.split("\t")
        found[number] = (code, int(amount.replace(".", "")), method)
    assert found
    return found

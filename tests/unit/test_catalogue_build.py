"""The shipped catalogue built from its sources (issue 22): rebuilt identical, no time limit guessed, the 17
verified procedures unchanged, what is left out and why; the rules for time limits, papers and fees on real
source strings; the calendar-day unit across a holiday."""

from __future__ import annotations

import csv
import json
import re
from datetime import date, datetime
from typing import Any

import pytest

from desktop.core.appointment import ProcessingTime, compute_due
from desktop.core.catalogue_papers import CUT_NOTE, clean_papers, split_form
from desktop.core.catalogue_source import parse_fees, parse_time_limit
from desktop.core.errors import ValidationError
from desktop.core.fees import lines_in_force, parse_rule
from desktop.core.timeutil import VN_TZ
from desktop.resources import resource
from desktop.store.calendar_files import load_calendar
from desktop.store.catalogue import validate_catalogue
from desktop.store.catalogue_build import Report, build, main, render

pytestmark = pytest.mark.one_moment  # nothing here reads today

SOURCE = resource("catalogue", "source")


@pytest.fixture(scope="module")
def built() -> tuple[dict[str, Any], Report]:
    return build()


def _verified() -> dict[str, dict[str, Any]]:
    data = json.loads((SOURCE / "verified.json").read_text(encoding="utf-8"))
    return {item["code"]: item for item in data["procedures"]}


def test_the_shipped_file_is_what_the_sources_give(built: tuple[dict[str, Any], Report]) -> None:
    data, _ = built
    shipped = resource("catalogue", "procedures.json").read_text(encoding="utf-8")
    assert render(data) == shipped, "run `python -m desktop.store.catalogue_build` and commit the result"
    assert render(json.loads(shipped)) == shipped  # stable: sorted keys, no timestamp
    codes = [p["code"] for p in data["procedures"]]
    assert codes == sorted(codes) and len(codes) > 200


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"time_amount": 1.5, "time_unit": "caldays"}, "số ngày nguyên"),
        ({"channels": {"truc_tuyen": {"amount": 3, "unit": "weeks"}}}, "hình thức nộp 'truc_tuyen'"),
        ({"time_confirmed": False, "time_amount": 1, "time_unit": None}, "chưa xác nhận nhưng lại có số"),
    ],
)
def test_a_catalogue_with_a_bad_limit_is_refused(change: dict[str, Any], problem: str) -> None:
    item = {"code": "9.999001", "name": "Thủ tục thử", "documents": [], **change}
    with pytest.raises(ValidationError, match=problem):
        validate_catalogue({"version": "t-1", "procedures": [item]})


def test_check_command_says_identical(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--check"]) == 0
    out = capsys.readouterr().out
    assert "identical to the sources" in out and "left out 348:" in out


def test_what_is_kept_and_what_is_left_out_with_the_reason(built: tuple[dict[str, Any], Report]) -> None:
    data, report = built
    assert dict(report.left_out) == {
        "customs": 124,
        "tax": 82,
        "above_commune": 62,
        "unknown_shared": 37,
        "social_insurance": 26,
        "shared_page": 17,
    }
    assert dict(report.kept) == {"ubnd_xa": 194, "cong_an_xa": 46}
    assert sum(report.kept.values()) + sum(report.left_out.values()) == 588  # every source row accounted for
    fields = {p["field"] for p in data["procedures"]}
    assert "Hải quan" not in fields and "Thuế" not in fields
    every = {p["code"]: p for p in data["procedures"]}
    assert every["1.004194"]["receiving"] == "cong_an_xa"  # đăng ký thường trú: the commune police
    assert every["1.001193"]["provenance"] == {
        "source": every["1.001193"]["provenance"]["source"],
        "decision": "163/QĐ-BTP",
        "national_code": "1.001193",
    }
    assert all(p["provenance"]["source"].startswith("github chatbot-tthc/") for p in data["procedures"])


def test_no_shipped_time_limit_is_a_guess(built: tuple[dict[str, Any], Report]) -> None:
    """Every row whose source text has no unit (a bare number, empty, "Không có thông tin") ships
    unconfirmed, without a number; every confirmed limit is written in the source with its unit."""
    data, _ = built
    with (SOURCE / "commune_procedures.csv").open(encoding="utf-8", newline="") as fh:
        texts = {row["code"]: row["time_limit_text"].strip() for row in csv.DictReader(fh)}
    verified = _verified()
    words = {"days": "Ngày làm việc", "caldays": "Ngày", "hours": "Giờ"}
    unconfirmed = 0
    for item in data["procedures"]:
        if item["code"] in verified:
            continue
        text = texts[item["code"]]
        if re.fullmatch(r"\d*|Không có thông tin", text):
            assert item["time_confirmed"] is False, item["code"]
        if item.get("time_confirmed") is False:
            unconfirmed += 1
            assert item["time_amount"] is None and item["time_unit"] is None
        else:
            amount = f"{item['time_amount']:g}"
            said = rf"(?:^|Trực tiếp[^:;]*: ){amount} {words[item['time_unit']]}(?! làm việc)(?:;|$)"
            assert re.search(said, text), (item["code"], text)
    assert unconfirmed == 64


def test_the_seventeen_verified_keep_their_limits_papers_and_fees(
    built: tuple[dict[str, Any], Report],
) -> None:
    data, _ = built
    shipped = {p["code"]: p for p in data["procedures"]}
    for code, item in _verified().items():
        assert {k: shipped[code][k] for k in item} == item, code
        assert shipped[code].get("time_confirmed", True)
    birth = shipped["1.001193"]
    assert (birth["time_amount"], birth["time_unit"], birth["cutoff"]) == (0, "sameday", "15:00")
    assert birth["time_text"].startswith("Ngay trong ngày")  # the source's "1" did not replace it


@pytest.mark.parametrize(
    ("text", "amount", "unit", "channels"),
    [
        ("7 Ngày làm việc", 7, "days", {"truc_tiep": (7, "days"), "truc_tuyen": (7, "days")}),
        ("45 Ngày", 45, "caldays", {"buu_chinh": (45, "caldays")}),
        ("4 Giờ", 4, "hours", {"truc_tiep": (4, "hours")}),
        (
            "Trực tuyến/Dịch vụ bưu chính: 30 Ngày; Trực tiếp: 30 Ngày làm việc",
            30,
            "days",
            {"truc_tiep": (30, "days"), "truc_tuyen": (30, "caldays"), "buu_chinh": (30, "caldays")},
        ),
        ("Trực tuyến: 3; Trực tiếp: 8 Giờ", 8, "hours", {"truc_tuyen": (None, None)}),
        ("1", None, None, {"truc_tiep": (None, None)}),  # khai sinh in the source: the unit was lost
        ("", None, None, {}),
        ("Không có thông tin", None, None, {}),
        ("Trực tiếp: 5 Ngày làm việc; Trực tiếp: 4 Giờ; Trực tiếp: 5 Ngày làm việc", None, None, {}),
        ("Trực tuyến: 3 Ngày làm việc; Trực tuyến: 5 Ngày làm việc", None, None, {}),  # no in-person limit
        ("Trực tuyến: 5 Ngày làm việc; Trực tiếp: 1", None, None, {"truc_tuyen": (5, "days")}),
        ("0 Ngày làm việc", None, None, {}),
    ],
)
def test_time_limits_per_channel_from_source_strings(
    text: str, amount: int | None, unit: str | None, channels: dict[str, tuple[Any, Any]]
) -> None:
    limit = parse_time_limit(text)
    assert (limit.amount, limit.unit, limit.confirmed) == (amount, unit, unit is not None)
    for key, (want_amount, want_unit) in channels.items():
        assert (limit.channels[key]["amount"], limit.channels[key]["unit"]) == (want_amount, want_unit)
    if unit is None:
        assert limit.problem


CAL = load_calendar()


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        ("2026-11-20T09:00", 4, "2026-11-25T17:00"),  # the 4th day is Culture Day 24/11: the next working day
        ("2026-04-23T15:40", 2, "2026-04-28T17:00"),  # Saturday 25/04, then Monday 27/04 off (Hùng Kings)
        ("2026-12-04T16:59", 1, "2026-12-07T17:00"),  # from the day after, whatever the hour; Saturday off
        ("2026-01-09T09:00", 1, "2026-01-10T17:00"),  # Saturday 10/01/2026 is worked
        ("2026-12-07T09:00", 0, "2026-12-07T17:00"),
    ],
)
def test_calendar_days_count_from_the_next_day_and_end_on_a_working_day(
    received: str, days: int, due: str
) -> None:
    at = datetime.fromisoformat(received).replace(tzinfo=VN_TZ)
    got = compute_due(at, ProcessingTime(days, "caldays"), CAL)
    assert got == datetime.fromisoformat(due).replace(tzinfo=VN_TZ)
    assert ProcessingTime(days, "caldays").label() == f"{days:02d} ngày"


def test_a_pause_moves_a_calendar_day_limit_by_the_days_it_spans() -> None:
    received = datetime(2026, 12, 7, 9, 0, tzinfo=VN_TZ)  # + 10 days: Thursday 17/12
    pause = (datetime(2026, 12, 8, 10, 0, tzinfo=VN_TZ), datetime(2026, 12, 10, 10, 0, tzinfo=VN_TZ))
    overlapping = (datetime(2026, 12, 9, 8, 0, tzinfo=VN_TZ), datetime(2026, 12, 9, 9, 0, tzinfo=VN_TZ))
    late = (datetime(2026, 12, 22, 8, 0, tzinfo=VN_TZ), datetime(2026, 12, 25, 8, 0, tzinfo=VN_TZ))
    rule = ProcessingTime(10, "caldays")
    assert compute_due(received, rule, CAL).date() == date(2026, 12, 17)
    # two days paused: Saturday 19/12, so the end of Monday 21/12; the overlap and a pause after it add nothing
    assert compute_due(received, rule, CAL, pauses=[pause, overlapping, late]).date() == date(2026, 12, 21)


def test_papers_are_cleaned_from_source_rows() -> None:
    papers = [
        {"name": "Phiếu khai báo tạm trú cho người nước ngoài (mẫu NA17)101-Mau A17 tam tru.doc", "originals": 1,
         "copies": 0},
        {"name": "Xuất trình thẻ căn cước của công dân để cơ quan Công an kiểm tra", "originals": 1, "copies": 0},
        {"name": "Bản sao giấy tờ và xuất trình bản chính để đối chiếu", "originals": 0, "copies": 1},
        {"name": "Trường hợp gửi hồ sơ qua hệ thống bưu chính thì phải gửi kèm bản sao có chứng thực.",
         "originals": 0, "copies": 0},
        {"name": "Giấy tờ phải xuất trình: Trường hợp không khai thác được thông tin …", "originals": 0,
         "copies": 0},
        {"name": "Lưu ý:- Trường hợp nộp hồ sơ trực tiếp …", "originals": 1, "copies": 1},
        {"name": "Văn bản đề nghị gia hạn tạm trú ghi rõ … số định danh cá nhân và th…", "originals": 1, "copies": 0},
        {"name": "Tờ khai (Mẫu số 01)", "originals": 20201, "copies": 0},
        {"name": "Phiếu khai báo tạm trú cho người nước ngoài (mẫu NA17)101-Mau A17 tam tru (2).doc",
         "originals": 1, "copies": 0},
    ]  # fmt: skip
    documents, notes = clean_papers(papers)
    assert documents[0] == {"name": "Phiếu khai báo tạm trú cho người nước ngoài", "originals": 1, "copies": 0,
                            "form": "Mẫu NA17"}  # fmt: skip
    assert documents[1]["shown"] is True and documents[1]["required"] is False
    assert "shown" not in documents[2]  # a copy handed in, its original shown for comparison
    assert notes == [
        papers[3]["name"],
        papers[4]["name"],
        papers[5]["name"],
    ]  # explanations: notes, not papers
    assert documents[3]["name_cut"] is True and documents[3]["note"] == CUT_NOTE
    assert (documents[4]["originals"], documents[4]["form"]) == (0, "Mẫu số 01")
    assert "không đọc được (20201 bản chính" in documents[4]["note"]
    assert len(documents) == 5  # the same form listed twice is kept once
    assert split_form("Đơn đề nghị đăng ký lại phương tiện thủy nội địa theo quy địnhMauon (2).docx") == (
        "Đơn đề nghị đăng ký lại phương tiện thủy nội địa theo quy định",
        "",
        "",
    )  # a download's stem: no form
    stated = "Tờ khai theo Mẫu số 22 Phụ lục IIA ban hành kèm theo Nghị định số 42/2026/NĐ-CP"
    assert split_form(stated + ";Mus22.docx") == (stated, stated.removeprefix("Tờ khai theo "), "")
    assert split_form("Đơn khiếu nại hoặc bản ghi lời khiếu nạiMẫu ban hành kèm theo Nghị định 124-2020.doc") == (
        "Đơn khiếu nại hoặc bản ghi lời khiếu nại", "Mẫu ban hành kèm theo Nghị định 124-2020", "")  # fmt: skip


def test_fees_national_amounts_province_set_and_unknown() -> None:
    [signature] = parse_fees("2.000884", "10,000 Việt Nam Đồng(/trường hợp)", "Chứng thực chữ ký")
    assert (signature["amount"], signature["basis"], signature["name"]) == (
        10_000,
        "per_case",
        "Lệ phí chứng thực chữ ký",
    )
    [copy] = parse_fees("2.000815", "2,000 Việt Nam Đồng(2.000 đồng/trang; từ trang thứ 3 …)")
    assert (copy["amount"], copy["basis"]) == (2_000, "per_page")
    [province] = parse_fees("1.000080", "Miễn phí(Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định.)")
    assert province["amount"] is None and province["set_by"] == "province"
    rule = parse_rule(province)
    assert rule.awaiting_amount and lines_in_force([province], date(2026, 12, 3)) == []  # nothing charged
    assert parse_fees("1.000001", "Không có thông tin") == [] and parse_fees("1.000001", "") == []
    assert parse_fees("1.000002", "20 VNĐ(20.000 đ/tờ khai)") == []  # the figure and its note disagree
    [free] = parse_fees("1.000003", "Miễn phí")
    assert free["amount"] == 0 and "channels" not in free
    online, direct = parse_fees("1.000004", "Trực tiếp: 500 VNĐ; Trực tuyến: Miễn phí")
    assert (online["channels"], online["amount"], direct["channels"], direct["amount"]) == (
        ["direct"], 500, ["online"], 0)  # fmt: skip

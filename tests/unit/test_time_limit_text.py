"""Reading time-limit texts as the national database and the provinces write them (real source strings)."""

from __future__ import annotations

from datetime import time

import pytest

from desktop.core.time_limit_text import Limit, parse_time_limit

ALL = ("truc_tiep", "truc_tuyen", "buu_chinh")

READ = [
    ("7 Ngày làm việc", dict.fromkeys(ALL, Limit(7, "days"))),
    ("10 Ngày", dict.fromkeys(ALL, Limit(10, "caldays"))),
    ("4 Giờ", dict.fromkeys(ALL, Limit(4, "hours"))),
    ("8 giờ làm việc", dict.fromkeys(ALL, Limit(8, "hours"))),
    ("05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", dict.fromkeys(ALL, Limit(5, "days"))),
    ("0,5 ngày làm việc", dict.fromkeys(ALL, Limit(0.5, "days"))),
    (
        "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết được ngay thì "
        "trả kết quả trong ngày làm việc tiếp theo",
        dict.fromkeys(ALL, Limit(0, "sameday", time(15, 0))),
    ),
    ("Trong ngày", dict.fromkeys(ALL, Limit(0, "sameday"))),
    (
        "Trực tuyến/Dịch vụ bưu chính: 30 Ngày; Trực tiếp: 30 Ngày làm việc",
        {
            "truc_tuyen": Limit(30, "caldays"),
            "buu_chinh": Limit(30, "caldays"),
            "truc_tiep": Limit(30, "days"),
        },
    ),
    (
        "Trực tuyến: 40 Ngày; Dịch vụ bưu chính/Trực tiếp: 30 Ngày",
        {
            "truc_tuyen": Limit(40, "caldays"),
            "buu_chinh": Limit(30, "caldays"),
            "truc_tiep": Limit(30, "caldays"),
        },
    ),
    (
        "Trực tiếp: Trong ngày; Trực tuyến: 1 Ngày làm việc",
        {"truc_tiep": Limit(0, "sameday"), "truc_tuyen": Limit(1, "days")},
    ),
]

REFUSED = [
    ("1", "không ghi đơn vị"),  # the unit was lost (khai sinh, kết hôn in the source)
    ("120", "không ghi đơn vị"),
    ("120,000", "không ghi đơn vị"),
    ("", "không ghi thời hạn"),
    ("Không có thông tin", "không ghi thời hạn"),
    ("3 tuần", "không đọc được đơn vị"),
    ("400 Ngày", "không hợp lý"),
    ("Trực tuyến: 220; Trực tiếp: 2 Giờ", "'220' không ghi đơn vị"),
    ("Trực tuyến: 1; Trực tiếp: 1500", "'1' không ghi đơn vị"),
    (
        "Trực tuyến/Dịch vụ bưu chính/Trực tiếp: 2 Ngày làm việc; Trực tiếp/Trực tuyến/Dịch vụ bưu chính: 3 Ngày "
        "làm việc",
        "hai thời hạn khác nhau cho hình thức Trực tiếp",
    ),
    ("Trực tuyến: 5 Ngày", "không ghi thời hạn khi nộp trực tiếp"),
]


@pytest.mark.parametrize(("text", "limits"), READ, ids=[t[:30] for t, _ in READ])
def test_a_readable_text_gives_each_channel_its_limit(text: str, limits: dict[str, Limit]) -> None:
    parsed = parse_time_limit(text)
    assert (parsed.problem, parsed.limits) == ("", limits)
    assert parsed.in_person == limits["truc_tiep"]


@pytest.mark.parametrize(("text", "reason"), REFUSED, ids=[t[:30] or "empty" for t, _ in REFUSED])
def test_an_unreadable_text_gives_no_number_and_says_why(text: str, reason: str) -> None:
    parsed = parse_time_limit(text)
    assert reason in parsed.problem
    assert parsed.limits == {} and parsed.in_person is None


def test_json_form_of_a_limit() -> None:
    assert Limit(0, "sameday", time(15, 0)).as_json() == {"amount": 0, "unit": "sameday", "cutoff": "15:00"}
    assert Limit(0.5, "days").as_json() == {"amount": 0.5, "unit": "days", "cutoff": None}

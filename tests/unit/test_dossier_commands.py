"""`motcua dossier VERB`: the dossier's steps from the command line, through `desktop.cli.main`."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, update

from desktop.cli import main
from desktop.services.accounts import SignedIn
from desktop.services.intake import receive_dossier
from desktop.store.engine import Store
from desktop.store.events import typed
from desktop.store.models import Dossier, Event
from sync.events import ResultDelivered
from tests.pdfcheck import pdf_text
from tests.sync_helpers import make_draft


@pytest.fixture
def profile(ready_store: tuple[Store, SignedIn]) -> tuple[Path, list[str]]:
    store, officer = ready_store
    return store.profile.root, [receive_dossier(store, officer, make_draft(store, i)).code for i in (1, 2)]


def test_hand_over_moves_a_received_dossier_and_refuses_it_twice(
    profile: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, codes = profile
    assert (
        main(
            ["--data-dir", str(root), "dossier", "hand-over", codes[0], "--to", "Công chức Tư pháp - Hộ tịch"]
        )
        == 0
    )
    out, _ = capsys.readouterr()
    assert out.startswith(codes[0]) and "Đang xử lý" in out
    assert main(["--data-dir", str(root), "dossier", "hand-over", codes[0], "--to", "Tư pháp"]) == 2
    _, err = capsys.readouterr()
    assert "Đang xử lý" in err and "Traceback" not in err


def test_an_unknown_officer_is_named(
    profile: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, codes = profile
    args = [
        "--data-dir",
        str(root),
        "dossier",
        "hand-over",
        codes[1],
        "--to",
        "Tư pháp",
        "--officer",
        "khong-co",
    ]
    assert main(args) == 2
    assert "khong-co" in capsys.readouterr().err


def test_withdraw_rate_and_undo_from_the_command_line(
    profile: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, codes = profile
    base = ["--data-dir", str(root), "dossier"]
    assert main([*base, "rate", codes[0], "--level", "dissatisfied"]) == 2
    assert "lý do" in capsys.readouterr().err
    assert main([*base, "rate", codes[0], "--level", "dissatisfied", "--reason", "Chờ lâu"]) == 0
    assert "Không hài lòng" in capsys.readouterr().out
    assert main([*base, "rate", codes[0], "--level", "satisfied"]) == 2
    assert "đã được đánh giá" in capsys.readouterr().err
    assert main([*base, "undo", codes[0], "--reason", "Ghi nhầm mức đánh giá"]) == 0
    assert main([*base, "rate", codes[0], "--level", "satisfied"]) == 0
    capsys.readouterr()
    assert main([*base, "withdraw", codes[1]]) == 0
    assert "Công dân yêu cầu rút hồ sơ" in capsys.readouterr().out
    assert main([*base, "withdraw", codes[1], "--reason", "Lần hai"]) == 2
    _, err = capsys.readouterr()
    assert "Công dân yêu cầu rút hồ sơ" in err and "không thể rút hồ sơ" in err and "Traceback" not in err
    assert "Có thể: trả lại giấy tờ, ghi nhận đánh giá" in err  # what the status allows instead
    assert main([*base, "undo", codes[1], "--reason", "Rút nhầm hồ sơ"]) == 0
    assert "Được tiếp nhận" in capsys.readouterr().out


def test_result_then_return_to_the_owner_and_refusals(
    profile: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, codes = profile
    base = ["--data-dir", str(root), "dossier"]
    assert main([*base, "return", codes[0]]) == 2  # not ready: refused, naming the status
    assert "'Được tiếp nhận', không thể trả kết quả" in capsys.readouterr().err
    assert main([*base, "hand-over", codes[0], "--to", "Tư pháp"]) == 0
    assert (
        main([*base, "result", codes[0], "--document-number", "25/QĐ-UBND", "--signer", "Trần Văn Bình"]) == 0
    )
    out, _ = capsys.readouterr()
    assert "Đã xử lý xong\tChấp thuận" in out
    assert main([*base, "return", codes[0], "--receiver-id", "001090000123"]) == 2  # someone else, no name
    err = capsys.readouterr().err
    assert "Hãy nhập họ tên người nhận kết quả." in err and "Traceback" not in err
    assert main([*base, "return", codes[0]]) == 0
    assert "Đã trả kết quả\tTại bộ phận một cửa" in capsys.readouterr().out
    receipt = root / "bien-nhan.pdf"
    assert main(["--data-dir", str(root), "print", "handback", codes[0], "-o", str(receipt)]) == 0
    assert "(chủ hồ sơ)" in " ".join(pdf_text(receipt.read_bytes()).split())
    assert main([*base, "return", codes[0]]) == 2
    assert "'Đã trả kết quả', không thể trả kết quả" in capsys.readouterr().err


def test_supplement_and_its_receipt_extension_and_stop_from_the_command_line(
    ready_store: tuple[Store, SignedIn], profile: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.services.dossier_detail import load_detail

    store, _ = ready_store
    root, codes = profile
    base = ["--data-dir", str(root), "dossier"]
    assert main([*base, "supplement", codes[0], "--reason", "Thiếu giấy tờ"]) == 2  # no paper named
    assert "ít nhất một giấy tờ" in capsys.readouterr().err
    # during processing: the clock stops, form 02 names the papers and the reason
    assert main([*base, "hand-over", codes[0], "--to", "Tư pháp"]) == 0
    letter = root / "mau-02.pdf"
    args = [
        "--paper",
        "1",
        "--name",
        "Bản sao sổ hộ khẩu",
        "--reason",
        "Bản chụp mờ",
        "--letter",
        str(letter),
    ]
    assert main([*base, "supplement", codes[0], *args]) == 0
    assert "Yêu cầu bổ sung giấy tờ" in capsys.readouterr().out
    text = " ".join(pdf_text(letter.read_bytes()).split())
    assert "Bản chụp mờ" in text and "Bản sao sổ hộ khẩu" in text
    assert main([*base, "stop", codes[0], "--reason", "Dừng"]) == 0  # the table allows stopping from 5 too
    capsys.readouterr()
    assert main([*base, "supplement-received", codes[0]]) == 2  # stopped: nothing to receive
    err = capsys.readouterr().err
    assert "'Dừng xử lý', không thể nhận bổ sung" in err and "Traceback" not in err
    # at the counter, before the hand-over: back to received, the receipt with the new appointment
    assert main([*base, "supplement", codes[1], "--paper", "1", "--reason", "Thiếu bản chính"]) == 0
    capsys.readouterr()
    receipt = root / "phieu-moi.pdf"
    assert main([*base, "supplement-received", codes[1], "--receipt", str(receipt)]) == 0
    out = capsys.readouterr().out
    due = load_detail(store, codes[1]).due_at
    assert due is not None and f"Được tiếp nhận\t{due:%H:%M %d/%m/%Y}" in out
    assert receipt.stat().st_size > 0
    # extension with apology: N working days after the appointment in force, as the dossier view offers
    assert main([*base, "extend", codes[1], "--days", "11", "--reason", "Chờ xác minh"]) == 2
    assert "từ 1 đến 10" in capsys.readouterr().err
    offered = load_detail(store, codes[1]).extension_choices[2]
    apology = root / "mau-04.pdf"
    assert (
        main([*base, "extend", codes[1], "--days", "3", "--reason", "Chờ xác minh", "--letter", str(apology)])
        == 0
    )
    assert f"\t{offered:%H:%M %d/%m/%Y}" in capsys.readouterr().out
    assert "Chờ xác minh" in " ".join(pdf_text(apology.read_bytes()).split())
    assert main([*base, "extend", codes[1], "--to", f"{due:%Y-%m-%dT%H:%M}", "--reason", "Lần hai"]) == 2
    assert "phải sau ngày hẹn trả hiện tại" in capsys.readouterr().err
    notice = root / "mau-05.pdf"
    assert (
        main([*base, "stop", codes[1], "--reason", "Người nộp không bổ sung", "--letter", str(notice)]) == 0
    )
    assert "Dừng xử lý" in capsys.readouterr().out
    assert "Người nộp không bổ sung" in " ".join(pdf_text(notice.read_bytes()).split())
    assert main([*base, "stop", codes[1], "--reason", "Lần hai"]) == 2
    assert "'Dừng xử lý', không thể dừng giải quyết" in capsys.readouterr().err


OVER_LIMIT = [  # (verb and arguments, the limit said); each value is one character over its limit
    (["hand-over", "{code}", "--to", "T" * 201], 200),
    (["hand-over", "{code}", "--to", "Tư pháp", "--person", "N" * 201], 200),
    (["refuse", "{code}", "--reason", "L" * 2001], 2000),
    (["withdraw", "{code}", "--reason", "L" * 2001], 2000),
    (
        ["withdraw", "{code}", "--requester-name", "N" * 101, "--requester-id", "1", "--authorisation", "UQ"],
        100,
    ),
    (["rate", "{code}", "--level", "dissatisfied", "--reason", "L" * 2001], 2000),
    (["undo", "{code}", "--reason", "L" * 2001], 2000),
    (["apologise", "{code}", "--reason", "L" * 2001, "--signer", "Chủ tịch"], 2000),
    (["apologise", "{code}", "--reason", "Chậm", "--signer", "S" * 301], 300),
    (["result", "{code}", "--signer", "S" * 301], 300),
    (["resolve-review", "{code}", "--keep", "counter", "--note", "G" * 2001], 2000),
    (["delivered", "{code}", "--note", "G" * 2001], 2000),
    (["obligation", "{code}", "--notice", "1", "--body", "C" * 201, "--amount", "1000"], 200),
]


@pytest.mark.parametrize(("args", "limit"), OVER_LIMIT, ids=[" ".join(a[:1] + a[2:3]) for a, _ in OVER_LIMIT])
def test_an_argument_over_its_limit_is_refused_saying_the_limit(
    ready_store: tuple[Store, SignedIn],
    profile: tuple[Path, list[str]],
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    limit: int,
) -> None:
    """Issue 21: the command line never cuts a reason, a note or a name; it says both lengths."""
    from desktop.services.dossier_detail import load_detail

    root, codes = profile
    before = load_detail(ready_store[0], codes[0])
    base = ["--data-dir", str(root), "dossier"]
    assert main([*base, *(a.format(code=codes[0]) for a in args)]) == 2
    _, err = capsys.readouterr()
    assert f"dài {limit + 1} ký tự, tối đa {limit} ký tự" in err and "Traceback" not in err
    assert load_detail(ready_store[0], codes[0]) == before  # nothing was recorded


def _delivery_event(store: Store, code: str) -> ResultDelivered:
    """The dossier's `result_delivered` event."""
    with store.session() as session:
        row = session.scalars(
            select(Event).join(Dossier).where(Dossier.code == code, Event.type == "result_delivered")
        ).one()
        event = typed(row)
    assert isinstance(event, ResultDelivered)
    return event


def test_the_post_delivered_with_a_note_from_the_command_line(
    ready_store: tuple[Store, SignedIn], profile: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, codes = profile
    base = ["--data-dir", str(root), "dossier"]
    assert main([*base, "hand-over", codes[0], "--to", "Tư pháp"]) == 0
    assert main([*base, "result", codes[0]]) == 0
    with ready_store[0].transaction() as session:
        session.execute(update(Dossier).where(Dossier.code == codes[0]).values(delivery="postal"))
    assert main([*base, "delivered", codes[0]]) == 2  # not handed to the post yet
    assert "'Đã xử lý xong', không thể ghi nhận bưu chính đã phát kết quả" in capsys.readouterr().err
    assert main([*base, "return", codes[0], "--post", "EV123456789VN"]) == 0
    assert main([*base, "delivered", codes[0], "--note", "Bà Hoa ký nhận"]) == 0
    assert "Đã phát" in capsys.readouterr().out
    assert _delivery_event(ready_store[0], codes[0]).note == "Bà Hoa ký nhận"

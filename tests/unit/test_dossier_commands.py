"""`motcua dossier VERB`: the dossier's steps from the command line, through `desktop.cli.main`."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.accounts import SignedIn
from desktop.services.intake import receive_dossier
from desktop.store.engine import Store
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

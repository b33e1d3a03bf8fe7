"""Parsing chip ID card QR payloads (domain §5) and the `motcua cccd parse` command."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from unittest.mock import patch

import pytest

from desktop.cli import main
from desktop.core.cccd import CardData, looks_like_payload, parse_payload
from desktop.core.errors import ValidationError
from desktop.core.timeutil import now_local

SEVEN = "066091234567||NGUYỄN VĂN MẪU|12031991|Nam|Thôn Thử, Xã Mẫu, Tỉnh Gia Lai|15082021"
WITH_CMND = "052187654321|231234567|TRẦN THỊ THỬ|31121987|Nữ|Tổ 1, Phường Mẫu, Tỉnh Gia Lai|01072024"
SIX = "066091234567|NGUYỄN VĂN MẪU|12031991|Nam|Thôn Thử, Xã Mẫu, Tỉnh Gia Lai|15082021"


def test_seven_fields_without_old_number() -> None:
    card = parse_payload(SEVEN)
    assert card == CardData(
        id_number="066091234567",
        old_id_number=None,
        full_name="NGUYỄN VĂN MẪU",
        date_of_birth=date(1991, 3, 12),
        gender="male",
        address="Thôn Thử, Xã Mẫu, Tỉnh Gia Lai",
        issue_date=date(2021, 8, 15),
    )


def test_seven_fields_with_old_number_female() -> None:
    card = parse_payload(WITH_CMND)
    assert card.old_id_number == "231234567"
    assert card.gender == "female"
    assert card.date_of_birth == date(1987, 12, 31)
    assert card.warnings == ()


def test_six_fields_has_no_old_number() -> None:
    card = parse_payload(SIX)
    assert card.old_id_number is None
    assert card.full_name == "NGUYỄN VĂN MẪU"
    assert card.issue_date == date(2021, 8, 15)


@pytest.mark.parametrize(
    "payload",
    [
        "  " + SEVEN + "\r\n",
        SEVEN + "|extra field|more|",
        "CCCD:" + SEVEN,
        "CCCD: 066 091 234 567 ||  NGUYỄN VĂN MẪU | 12031991 | Nam | Thôn Thử, Xã Mẫu, Tỉnh Gia Lai | 15082021 ",
        unicodedata.normalize("NFD", SEVEN),
        SEVEN.replace("NGUYỄN VĂN MẪU", "Nguyễn  Văn Mẫu").replace("Nam", "nam"),
        SEVEN.replace("12031991", "12/03/1991"),
    ],
)
def test_tolerated_variants(payload: str) -> None:
    card = parse_payload(payload)
    assert card.id_number == "066091234567"
    assert card.date_of_birth == date(1991, 3, 12)
    assert card.gender == "male"
    assert card.address == "Thôn Thử, Xã Mẫu, Tỉnh Gia Lai"
    assert unicodedata.is_normalized("NFC", card.full_name)
    assert card.full_name.upper() == "NGUYỄN VĂN MẪU"


def test_name_case_is_kept() -> None:
    assert parse_payload(SEVEN.replace("NGUYỄN VĂN MẪU", "Nguyễn Văn Mẫu")).full_name == "Nguyễn Văn Mẫu"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ("", "payload"),
        ("hello world", "payload"),
        ("066091234567|x|y", "payload"),
        (SEVEN.replace("066091234567", "06609123456"), "id_number"),
        (SEVEN.replace("066091234567", "06609123456A"), "id_number"),
        (SEVEN.replace("12031991", "31021991"), "date_of_birth"),
        (SEVEN.replace("12031991", "1991-03-12x"), "date_of_birth"),
        (SEVEN.replace("|Nam|", "|Khác|"), "gender"),
        (SEVEN.replace("NGUYỄN VĂN MẪU", ""), "full_name"),
        (SEVEN.replace("NGUYỄN VĂN MẪU", "12345"), "full_name"),
        (SEVEN.replace("Thôn Thử, Xã Mẫu, Tỉnh Gia Lai", ""), "address"),
        (SEVEN.replace("15082021", "15081980"), "issue_date"),
        ("066091234567||" + "x" * 5000 + "|12031991|Nam|a|15082021", "payload"),
        (WITH_CMND.replace("231234567", "23123"), "old_id_number"),
    ],
)
def test_malformed_payloads_are_refused_in_vietnamese(payload: str, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_payload(payload)
    assert caught.value.field == field
    assert str(caught.value).startswith("Mã QR không phải mã của thẻ căn cước/CCCD")
    assert "NGUYỄN" not in str(caught.value)  # the raw payload is never echoed


def test_inconsistent_id_gives_warnings_not_errors() -> None:
    card = parse_payload(SEVEN.replace("066091234567", "066185234567"))  # female digit, born 1985
    assert card.gender == "male"
    assert len(card.warnings) == 2
    assert any("giới tính Nữ" in w for w in card.warnings)
    assert any("12/03/1991" in w for w in card.warnings)


def test_looks_like_payload() -> None:
    assert looks_like_payload(SEVEN)
    assert looks_like_payload(SIX)
    assert not looks_like_payload("Nguyễn Văn A")
    assert not looks_like_payload("a|b|c|d|e|f")


def _cli(stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "cccd", "parse"],
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
    )


def test_cli_prints_one_json_object() -> None:
    result = _cli((WITH_CMND + "\n").encode())
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout.decode())
    assert data == {
        "id_number": "052187654321",
        "old_id_number": "231234567",
        "full_name": "TRẦN THỊ THỬ",
        "date_of_birth": "1987-12-31",
        "gender": "female",
        "address": "Tổ 1, Phường Mẫu, Tỉnh Gia Lai",
        "issue_date": "2024-07-01",
    }


@pytest.fixture
def parse(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Callable[[bytes], tuple[int, str, str]]:
    """`motcua cccd parse` through the CLI's `main` in this process (the process is proved above): (exit
    code, stdout, stderr)."""

    def run(stdin: bytes) -> tuple[int, str, str]:
        with patch.object(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin))):
            code = main(["--data-dir", str(tmp_path / "nowhere"), "cccd", "parse"])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_cli_null_old_number(parse: Callable[[bytes], tuple[int, str, str]]) -> None:
    code, out, _ = parse(SIX.encode())
    assert code == 0
    assert json.loads(out)["old_id_number"] is None


def test_cli_malformed_exits_2_with_message(parse: Callable[[bytes], tuple[int, str, str]]) -> None:
    code, out, err = parse(b"066091234567|only|three")
    assert (code, out) == (2, "")
    assert "Mã QR" in err


def test_cli_binary_garbage_exits_2(parse: Callable[[bytes], tuple[int, str, str]]) -> None:
    code, out, _ = parse(b"\xff\xfe\x00garbage|||||")
    assert (code, out) == (2, "")


def test_issue_date_after_today_is_refused_today_is_accepted() -> None:
    today = date(2026, 12, 1)
    tomorrow = SEVEN.replace("15082021", "02122026")
    with pytest.raises(ValidationError, match="tương lai"):
        parse_payload(tomorrow, today=today)
    assert parse_payload(SEVEN.replace("15082021", "01122026"), today=today).issue_date == today


def test_cli_future_issue_date_exits_2_with_message(parse: Callable[[bytes], tuple[int, str, str]]) -> None:
    tomorrow = now_local().date() + timedelta(days=1)
    code, out, err = parse(SEVEN.replace("15082021", f"{tomorrow:%d%m%Y}").encode())
    assert (code, out) == (2, "")
    assert "tương lai" in err
    code, _, err = parse(SEVEN.replace("15082021", f"{now_local().date():%d%m%Y}").encode())
    assert code == 0, err

"""The profile's log never holds a citizen's name or full ID number, whatever the code logs."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import pytest

from desktop.core.text import fold
from desktop.logs import mask_citizen_data, setup_logging

NAME = "Nguyễn Thị Ánh Tuyết"
CCCD = "001199012345"
CMND = "123456789"


@pytest.fixture
def log_file(tmp_path: Path):
    path = setup_logging(tmp_path / "logs")
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            root.removeHandler(handler)
            handler.close()


def test_a_logged_name_and_id_number_never_reach_the_file(log_file: Path) -> None:
    log = logging.getLogger("desktop.services.intake")
    log.warning("received for %s, CCCD %s, CMND %s", NAME, CCCD, CMND)
    log.info("folded search %r", fold(NAME).upper())
    try:
        raise ValueError(f"Hồ sơ của {NAME} ({CCCD}) không hợp lệ")
    except ValueError:
        log.exception("intake failed")
    data = log_file.read_bytes()
    for secret in (NAME, fold(NAME), fold(NAME).upper(), CCCD, CMND, "Ánh Tuyết", "Nguyễn Thị"):
        assert secret.encode() not in data, secret
    text = data.decode()
    assert "*********345" in text and "******789" in text  # the last 3 digits stay, to tell records apart
    assert "[tên]" in text and "intake failed" in text and "ValueError" in text  # the rest is still there


def test_ordinary_wording_is_kept() -> None:
    line = "sync pass (cli): not_enrolled; sent 0 of H21.55.10-261203-0001, Không tìm thấy tệp 20261203093000"
    assert mask_citizen_data(line) == line
    assert mask_citizen_data("gửi lại cho Lê Văn Tám lúc 10:00") == "gửi lại cho [tên] lúc 10:00"


def test_the_codes_own_words_stay_and_only_what_was_put_in_is_masked(log_file: Path) -> None:
    log = logging.getLogger("desktop.ui.app")
    log.info("Một Cửa %s starting on profile %s", "0.1.0", "/home/Nguyễn Thị Ánh Tuyết/motcua")
    log.info("Một Cửa hands over %d dossiers of %s", 3, NAME)
    text = log_file.read_text(encoding="utf-8")
    assert "Một Cửa 0.1.0 starting on profile /home/[tên]/motcua" in text
    assert "Một Cửa hands over 3 dossiers of [tên]" in text and NAME not in text

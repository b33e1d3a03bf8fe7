"""`motcua doctor --scanners`: the scanners this PC sees, listed through the SANE worker process."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from tests.scan_fixtures import sane_env_fixture  # noqa: F401  (the `sane_env` fixture)

pytestmark = pytest.mark.usefixtures("sane_env")


def test_doctor_lists_the_scanners_only_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "profile"
    root.mkdir()
    main(["--data-dir", str(root), "doctor"])
    assert "Máy quét" not in capsys.readouterr().out
    main(["--data-dir", str(root), "doctor", "--scanners"])
    line = next(line for line in capsys.readouterr().out.splitlines() if "Máy quét" in line)
    assert "OK" in line.split("]")[0]
    assert "sane:test:0" in line and "sane:test:1" in line  # tests/sane/test.conf: two test devices


def test_doctor_says_when_no_scanner_is_seen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.scan import backends

    monkeypatch.setattr(backends, "available_backends", lambda: [])
    main(["--data-dir", str(tmp_path), "doctor", "--scanners"])
    out = capsys.readouterr().out
    assert "không có trình điều khiển máy quét" in out and "CẢNH BÁO" in out

"""The OS jobs the installers set up (systemd user service, Windows Task Scheduler entry) run the
end-of-day pass, and the Windows installer never starts the program elevated. Read from the sources, so
this runs without building the packages (tests/e2e/test_package.py checks the built ones)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from desktop.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]


def _parsed(arguments: str) -> object:
    return build_parser().parse_args(shlex.split(arguments))


def test_systemd_service_runs_the_end_of_day_pass() -> None:
    service = (ROOT / "installer/linux/motcua-sync.service").read_text(encoding="utf-8")
    command = re.search(r"^ExecStart=/usr/bin/motcua (.+)$", service, re.M)
    assert command is not None
    args = _parsed(command.group(1))
    assert getattr(args, "command", None) == "sync" and getattr(args, "end_of_day", False) is True


def test_windows_task_runs_the_end_of_day_pass() -> None:
    script = (ROOT / "installer/windows/motcua.nsi").read_text(encoding="utf-8")
    arguments = re.findall(r"<Arguments>(.*?)</Arguments>", script)
    assert len(arguments) == 1
    args = _parsed(arguments[0])
    assert getattr(args, "command", None) == "sync" and getattr(args, "end_of_day", False) is True


def test_windows_installer_does_not_start_the_program_elevated() -> None:
    script = (ROOT / "installer/windows/motcua.nsi").read_text(encoding="utf-8")
    code = "\n".join(line.split(";", 1)[0] for line in script.splitlines())
    assert "RequestExecutionLevel admin" in code
    assert "MUI_FINISHPAGE_RUN" not in code  # a program started by the elevated setup runs as admin
    assert not re.search(r"^\s*(Exec|ExecShell|ExecWait)\b.*motcua\.exe", code, re.M)

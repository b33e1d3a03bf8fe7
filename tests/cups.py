"""A real CUPS queue for print tests: cupsd (started here if it is not running) with a cups-pdf printer.

cups-pdf turns each job into a PDF under the submitting user's `${HOME}/PDF` (its `Out` setting); the
output has gone through Ghostscript, so tests look at it as an image (QR decode), not as text.
Skipped, with the reason, only when CUPS or cups-pdf is not installed. Registered in tests/conftest.py.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

QUEUE = "MotcuaTestPDF"
PPD_CANDIDATES = (
    Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"),
    Path("/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd"),
    Path("/usr/share/cups/model/CUPS-PDF_opt.ppd"),
)


@dataclass(frozen=True)
class CupsQueue:
    name: str
    out_dir: Path

    def wait_for_output(self, since: float, timeout: float = 60) -> Path:
        """The first PDF cups-pdf writes after `since`, once it is complete (file names are mangled, so glob).

        cups-pdf creates the file before Ghostscript fills it (the first job on a fresh machine also waits for
        Ghostscript's font cache), so a file counts only when it is non-empty, ends with `%%EOF` and has
        stopped growing.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for path in self.out_dir.glob("*.pdf"):
                if path.stat().st_mtime >= since and _complete_pdf(path):
                    return path
            time.sleep(0.2)
        log = Path("/var/log/cups/error_log")
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise AssertionError(f"cups-pdf wrote no complete PDF in {self.out_dir} within {timeout}s\n{tail}")


def _complete_pdf(path: Path) -> bool:
    size = path.stat().st_size
    if size == 0 or not path.read_bytes()[-64:].rstrip().endswith(b"%%EOF"):
        return False
    time.sleep(0.3)
    return path.stat().st_size == size


def _scheduler_running() -> bool:
    out = subprocess.run(["lpstat", "-r"], capture_output=True, text=True, check=False, timeout=30)
    return "is running" in out.stdout and "not" not in out.stdout


def _out_dir() -> Path:
    conf = Path("/etc/cups/cups-pdf.conf")
    template = "${HOME}/PDF"
    if conf.exists():
        for line in conf.read_text(errors="replace").splitlines():
            match = re.match(r"\s*Out\s+(\S+)", line)
            if match:
                template = match.group(1)
    home = pwd.getpwuid(os.geteuid()).pw_dir
    return Path(template.replace("${HOME}", home))


@pytest.fixture(scope="session")
def cups_pdf_queue() -> Iterator[CupsQueue]:
    for tool in ("cupsd", "lpadmin", "lpstat"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            pytest.skip(f"CUPS is not installed ({tool} missing): apt-get install cups cups-client cups-bsd")
    ppd = next((p for p in PPD_CANDIDATES if p.exists()), None)
    if ppd is None:
        pytest.skip("cups-pdf is not installed: apt-get install printer-driver-cups-pdf")
    started: subprocess.Popen[bytes] | None = None
    if not _scheduler_running():
        if os.geteuid() != 0:
            pytest.fail("cupsd is not running and starting it needs root (no systemd here)")
        cupsd = shutil.which("cupsd") or "/usr/sbin/cupsd"
        started = subprocess.Popen([cupsd, "-f"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while not _scheduler_running():
            if time.monotonic() > deadline or started.poll() is not None:
                started.kill()
                pytest.fail("cupsd did not start")
            time.sleep(0.2)
    out_dir = _out_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            ["lpadmin", "-p", QUEUE, "-E", "-v", "cups-pdf:/", "-P", str(ppd)],
            check=True,
            capture_output=True,
            timeout=30,
        )
        yield CupsQueue(QUEUE, out_dir)
    finally:
        subprocess.run(["lpadmin", "-x", QUEUE], check=False, capture_output=True, timeout=30)
        if started is not None:
            started.terminate()
            try:
                started.wait(timeout=10)
            except subprocess.TimeoutExpired:
                started.kill()
                started.wait()

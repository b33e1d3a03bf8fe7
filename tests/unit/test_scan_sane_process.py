"""The SANE worker process (desktop/scan/sane_process.py): killed, stopped or cancelled mid-scan, with SANE's
test device (enabled by tests/sane/ via SANE_CONFIG_DIR)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from PIL import Image

from desktop.core.errors import Interrupted
from desktop.scan import sane_process
from desktop.scan.devices import ADF, ScannerError, ScannerErrorKind, ScanSettings
from desktop.scan.sane_process import SaneProcessBackend
from tests.scan_fixtures import sane_env_fixture  # noqa: F401

pytestmark = [pytest.mark.sane, pytest.mark.usefixtures("sane_env")]

BATCH = ScanSettings(source=ADF, resolution=100, extra={"test-picture": "Grid"})
SLOW = {"read-delay": 1, "read-delay-duration": 200_000, "read-limit": 1, "read-limit-size": 4096}


def _pid() -> int:
    pid = sane_process.worker_pid()
    assert pid is not None
    return pid


def test_libsane_is_not_loaded_in_the_application_process() -> None:
    job = SaneProcessBackend().open_job("sane:test:0", BATCH)
    try:
        assert len(list(job.pages())) == 10
    finally:
        job.close()
    assert "libsane" not in Path("/proc/self/maps").read_text()
    assert "libsane" in Path(f"/proc/{_pid()}/maps").read_text()


def test_a_worker_killed_mid_batch_is_a_clear_error_and_keeps_the_pages_received() -> None:
    job = SaneProcessBackend().open_job("sane:test:0", BATCH)
    kept: list[Image.Image] = []
    try:
        with pytest.raises(ScannerError) as err:
            for page in job.pages():
                kept.append(page)
                if len(kept) == 3:
                    victim = _pid()
                    os.kill(victim, signal.SIGKILL)
        assert len(kept) == 3 and all(p.size == (826, 1169) for p in kept)
        assert err.value.kind is ScannerErrorKind.OTHER and err.value.pages_done == 3
        assert "dừng đột ngột" in str(err.value) and "3 trang" in str(err.value)
        assert len(list(job.pages())) == 10  # the same job goes on in a fresh worker
        assert _pid() != victim
    finally:
        job.close()


def test_a_worker_that_does_not_answer_a_cancel_is_killed_and_replaced() -> None:
    job = SaneProcessBackend().open_job("sane:test:0", BATCH)
    kept: list[Image.Image] = []
    stopped: list[int] = []

    def progress(done: int, total: int, text: str = "") -> None:
        if len(kept) == 2 and not stopped:
            stopped.append(_pid())
            os.kill(stopped[0], signal.SIGSTOP)  # a worker hung in libsane (a deadlocked malloc)
            raise Interrupted("Đã hủy.")

    try:
        started = time.monotonic()
        with pytest.raises(Interrupted):
            for page in job.pages(progress):
                kept.append(page)
                if len(kept) == 2:
                    for key, value in SLOW.items():
                        job.set_option(key, value)
        assert time.monotonic() - started < sane_process.CANCEL_GRACE + 3
        assert len(kept) == 2
        assert sane_process.worker_pid() is None  # killed; the next use starts another
        assert (
            not Path(f"/proc/{stopped[0]}").exists()
            or "zombie" in Path(f"/proc/{stopped[0]}/status").read_text()
        )
        for key in ("read-delay", "read-limit"):
            job.set_option(key, 0)  # the job reopens its device in a fresh worker, with its options
        assert len(list(job.pages())) == 10
        assert _pid() != stopped[0]
    finally:
        job.close()


def test_cancel_mid_page_then_scan_again_in_the_same_worker() -> None:
    job = SaneProcessBackend().open_job("sane:test:0", ScanSettings(resolution=200, extra=SLOW))
    calls: list[int] = []

    def progress(done: int, total: int, text: str = "") -> None:
        calls.append(done)
        if len(calls) >= 3:
            raise Interrupted("Đã hủy.")

    try:
        worker = _pid()
        with pytest.raises(Interrupted):
            list(job.pages(progress))
        assert _pid() == worker  # the worker answered the cancel: not killed
        for key in ("read-delay", "read-limit"):
            job.set_option(key, 0)
        assert len(list(job.pages())) == 1
    finally:
        for key in ("read-delay", "read-limit"):
            job.set_option(key, 0)
        job.close()


def test_stopping_early_frees_the_device_for_the_next_job() -> None:
    job = SaneProcessBackend().open_job("sane:test:0", BATCH)
    try:
        pages = job.pages()
        next(pages)
        pages.close()  # the caller leaves the batch after one page
        assert len(list(job.pages())) == 9  # the same sheets go on being fed
    finally:
        job.close()
    job = SaneProcessBackend().open_job("sane:test:0", BATCH)
    try:
        assert len(list(job.pages())) == 10
    finally:
        job.close()

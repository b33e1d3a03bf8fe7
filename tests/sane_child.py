"""SANE error injections run in a child process, which is killed and started again if libsane hangs.

libsane's test backend reads each page on a reader thread and, on a read error, python-sane's `snap` cancels
it asynchronously; a cancel that lands while that thread holds the C library's allocator lock deadlocks the
process inside `snap` (desktop/scan/sane_backend.py waits for the reader's first data to make it rare; CI still
met it about once in three full runs, as a 4-minute hang of a worker). The tests that inject an error run the
scan here: a hung child is killed and the scan tried again, so that race cannot hang the suite, while any
other outcome (an exception, a wrong kind, pages kept) is still the test's to judge.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

SANE_DIR = Path(__file__).resolve().parent / "sane"
TIMEOUT = 60.0  # seconds a scan of one small page may take in the child
ATTEMPTS = 3


def in_child(fn: Callable[..., Any], *args: Any) -> Any:
    """`fn(*args)` in a fresh process (spawned: no inherited SANE or Qt state); its result or its exception."""
    os.environ["SANE_CONFIG_DIR"] = str(SANE_DIR)
    context = multiprocessing.get_context("spawn")
    for _ in range(ATTEMPTS):
        pool = context.Pool(1)
        try:
            return pool.apply_async(fn, args).get(TIMEOUT)
        except multiprocessing.TimeoutError:
            continue  # libsane hung: the pool is terminated below and the scan tried again
        finally:
            pool.terminate()
            pool.join()
    raise AssertionError(f"libsane hung in each of {ATTEMPTS} attempts")


def injected_error(status: str, resolution: int) -> tuple[str, str, int]:
    """Scan sane:test:0 with `read-return-value` = `status`: the ScannerError's kind, message, pages done."""
    from desktop.scan.devices import ScannerError, ScanSettings
    from desktop.scan.sane_backend import SaneBackend

    settings = ScanSettings(resolution=resolution, extra={"read-return-value": status})
    job = SaneBackend().open_job("sane:test:0", settings)
    try:
        list(job.pages())
    except ScannerError as exc:
        return exc.kind.name, str(exc), exc.pages_done
    finally:
        job.close()
    raise AssertionError(f"{status}: the scan ended without an error")


def batch_error(status: str) -> tuple[str, str, int]:
    """`scan_batch` on sane:test:0 with `status` injected: the error's class and message, items kept."""
    from desktop.scan.devices import ScanSettings
    from desktop.scan.pipeline import PipelineOptions
    from desktop.services.scanning import scan_batch

    settings = ScanSettings(resolution=100, extra={"read-return-value": status})
    result = scan_batch("sane:test:0", settings, PipelineOptions(), lambda *a: None)
    return type(result.error).__name__, str(result.error), len(result.items)

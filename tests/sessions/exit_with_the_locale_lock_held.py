"""A short pytest session that prints as the counter does, then leaves glibc's locale lock held by a thread.

Run only by tests/unit/test_process_exit.py, in a child pytest (its name does not match `test_*.py`, so the
suite does not collect it): the session must still end within seconds (desktop/process_exit.py).
"""

from __future__ import annotations

import pytest

from tests.locale_lock import hold_locale_lock, p11_kit_loaded


@pytest.mark.usefixtures("qapp")
def test_print_then_hold_the_locale_lock() -> None:
    from PySide6.QtPrintSupport import QPrinterInfo

    QPrinterInfo.availablePrinterNames()  # Qt's CUPS plugin: libcups -> GnuTLS -> libp11-kit
    assert p11_kit_loaded()
    hold_locale_lock()


def test_another_test_runs_after() -> None:
    assert True

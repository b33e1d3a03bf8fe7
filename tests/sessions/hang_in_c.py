"""A test that hangs in C holding the GIL (relocks a mutex it holds, through ctypes.PyDLL), then one that passes.

Run only by tests/unit/test_timeouts.py, in a child pytest with short timeouts: pytest-timeout's SIGALRM
handler cannot run while the GIL is held, so faulthandler's C watchdog must print the stack and end the
worker; xdist reports the test failed, starts another worker and runs the next test.
"""

from __future__ import annotations

import ctypes


def test_blocks_in_c_holding_the_gil() -> None:
    libc = ctypes.PyDLL(None)  # PyDLL: the GIL stays held during the call
    mutex = ctypes.create_string_buffer(64)  # larger than a pthread_mutex_t
    libc.pthread_mutex_init(mutex, None)
    libc.pthread_mutex_lock(mutex)
    libc.pthread_mutex_lock(mutex)  # a default mutex locked twice by its owner: waits forever


def test_the_session_goes_on() -> None:
    assert True

"""Back-off for enrolment guesses (issue 23 item 5): after `MAX_FAILURES` wrong passwords for one username,
or from one address, further attempts are answered 429 with `Retry-After` until `LOCKOUT` has passed since
the last failure; a success clears the username's count (not the address's: one officer's right password
does not unlock an address that guessed at others).

Hand-written because it is thirty lines over two dicts, in the server process's memory (a restart forgets
the counts, as a rate limiter in front of the service would); a library such as slowapi limits request
rates, not failures, and pyrate-limiter would need the same bookkeeping around it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)


@dataclass
class _Count:
    failures: int = 0
    last: datetime | None = None


@dataclass
class FailureLimiter:
    max_failures: int = MAX_FAILURES
    lockout: timedelta = LOCKOUT
    _counts: dict[str, _Count] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def retry_after(self, keys: tuple[str, ...], now: datetime) -> int | None:
        """Seconds to wait when any of `keys` is locked out now; None when an attempt may be made."""
        waits = []
        with self._lock:
            for key in keys:
                count = self._counts.get(key)
                if count is None or count.last is None:
                    continue
                if now - count.last >= self.lockout:
                    del self._counts[key]  # the lockout has passed: a fresh start
                elif count.failures >= self.max_failures:
                    waits.append((count.last + self.lockout - now).total_seconds())
        return max(1, int(max(waits)) + 1) if waits else None

    def failed(self, keys: tuple[str, ...], now: datetime) -> None:
        with self._lock:
            for key in keys:
                count = self._counts.setdefault(key, _Count())
                count.failures += 1
                count.last = now

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._counts.pop(key, None)

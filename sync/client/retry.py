"""Retrying an exchange with the server: exponential backoff with full jitter; Retry-After honoured.

Network errors, timeouts and 5xx are retried; so are 429/503, after exactly the wait the server asked
for. Authentication and validation errors are not: retrying cannot fix them. A dropped connection is
tried again at once the first time (on a fresh connection: a link that drops every few seconds loses no
time waiting); only when that fails too does the backoff start.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sync.common.errors import SyncError, SyncErrorKind

T = TypeVar("T")
RETRYABLE = frozenset({SyncErrorKind.NETWORK, SyncErrorKind.SERVER})


@dataclass(frozen=True)
class RetryPolicy:
    base: float = 1.0  # seconds before the first retry, at most
    cap: float = 120.0  # longest wait between two attempts
    max_attempts: int = 6
    max_retry_after: float = 600.0  # a server asking for longer is capped

    def delay(self, attempt: int, rng: random.Random) -> float:
        """Full jitter: uniform in [0, min(cap, base·2^attempt)] (attempt counts from 0)."""
        return rng.uniform(0.0, min(self.cap, self.base * (2**attempt)))

    def wait_for(self, exc: SyncError, attempt: int, rng: random.Random) -> float:
        if exc.retry_after is not None:
            return min(max(exc.retry_after, 0.0), self.max_retry_after)
        if attempt == 0 and exc.kind is SyncErrorKind.NETWORK:
            return 0.0  # a dropped connection: the retry opens a fresh one at once
        return self.delay(attempt, rng)


def with_retries(
    fn: Callable[[], T],
    policy: RetryPolicy,
    sleep: Callable[[float], None],
    rng: random.Random,
) -> T:
    """Call `fn` until it succeeds, a non-retryable error occurs, or the attempts are used up."""
    attempt = 0
    while True:
        try:
            return fn()
        except SyncError as exc:
            if (
                exc.kind not in RETRYABLE
                or getattr(exc, "final", False)
                or attempt + 1 >= policy.max_attempts
            ):
                raise
            wait = policy.wait_for(exc, attempt, rng)
            if wait > 0:
                sleep(wait)
            attempt += 1

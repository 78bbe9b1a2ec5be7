"""Token-bucket flood control, shaped like Telegram's per-chat and global send limits.

Telegram does not publish exact numbers, so the limits are parameters: tests pick
tight buckets to provoke 429s deterministically, benchmarks pick realistic ones.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

Clock = Callable[[], float]


@dataclass(frozen=True)
class FloodLimits:
    """Refill rates (tokens per second) and capacities of the two buckets."""

    chat_rate: float = 1.0
    chat_burst: int = 3
    global_rate: float = 30.0
    global_burst: int = 30


class TokenBucket:
    """A classic bucket; it never consumes on refusal so a 429 has no side effect."""

    def __init__(self, rate: float, capacity: int, now: float) -> None:
        self.rate = rate
        self.capacity = float(capacity)
        self.tokens = float(capacity)
        self.stamp = now

    def _refill(self, now: float) -> None:
        elapsed = max(0.0, now - self.stamp)
        self.tokens = min(self.capacity, self.tokens + elapsed * self.rate)
        self.stamp = now

    def wait_time(self, now: float) -> float:
        """Seconds until one whole token is available (0 when one is there already)."""
        self._refill(now)
        if self.tokens >= 1.0:
            return 0.0
        if self.rate <= 0:
            return math.inf
        return (1.0 - self.tokens) / self.rate

    def take(self, now: float) -> None:
        self._refill(now)
        self.tokens -= 1.0


class FloodGate:
    """Checks both buckets at request arrival and consumes only when both allow it."""

    def __init__(self, limits: FloodLimits, clock: Clock = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._global = TokenBucket(limits.global_rate, limits.global_burst, clock())
        self._chats: dict[int, TokenBucket] = {}

    def _chat_bucket(self, chat_id: int, now: float) -> TokenBucket:
        bucket = self._chats.get(chat_id)
        if bucket is None:
            bucket = TokenBucket(self.limits.chat_rate, self.limits.chat_burst, now)
            self._chats[chat_id] = bucket
        return bucket

    def check(self, chat_id: int | None) -> int | None:
        """Return None and consume a token, or the retry_after (whole seconds, >= 1)."""
        now = self._clock()
        buckets = [self._global]
        if chat_id is not None:
            buckets.append(self._chat_bucket(chat_id, now))
        wait = max(bucket.wait_time(now) for bucket in buckets)
        if wait > 0:
            return max(1, math.ceil(wait)) if math.isfinite(wait) else 2**31 - 1
        for bucket in buckets:
            bucket.take(now)
        return None

"""Performing actions against the Bot API: limits, retries, and what counts as done."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from bot.limiter import FloodLimiter
from services.messages.actions import Outgoing, chat_of

log = logging.getLogger(__name__)


class FloodWait(Exception):
    def __init__(self, retry_after: float) -> None:
        super().__init__(f"flood control: retry after {retry_after}s")
        self.retry_after = retry_after


class TransientError(Exception):
    """5xx, time-outs and network faults: the same call may succeed later."""


class PermanentError(Exception):
    """400/403 and the like: repeating the call cannot help."""


class Conflict(PermanentError):
    """409: another process is polling this token, or a webhook is set for it."""


class LeaseExpired(Exception):
    """The outbox row's lease ran out while it waited for a slot: another sender may hold it
    now, so this one must not send it."""


HARMLESS = ("message is not modified", "query is too old")

Call = Callable[[Outgoing], Awaitable[None]]


def backoff(attempt: int, base: float = 1.0, cap: float = 300.0) -> float:
    return float(min(cap, base * 2 ** max(0, attempt - 1)))


class Deliverer:
    """One limiter for replies and the outbox alike; `call` is the runtime's raw API call."""

    def __init__(self, call: Call, limiter: FloodLimiter, tries: int = 5) -> None:
        self.call = call
        self.limiter = limiter
        self.tries = tries

    async def once(self, action: Outgoing, until: float | None = None) -> None:
        """One attempt under the limits; raises the typed errors above. With `until` (a
        `time.monotonic()` instant) the call is not made once the slot comes later than that."""
        chat = chat_of(action)
        try:
            async with self.limiter.slot(chat):
                if until is not None and time.monotonic() > until:
                    raise LeaseExpired(f"lease ran out before a slot for chat {chat}")
                await self.call(action)
        except FloodWait as exc:
            self.limiter.flood_wait(chat, exc.retry_after)
            raise
        except PermanentError as exc:
            if any(h in str(exc) for h in HARMLESS):
                return
            raise

    async def reply(self, action: Outgoing) -> None:
        """A direct reply: retried in place, since the user is waiting for it."""
        for attempt in range(1, self.tries + 1):
            try:
                await self.once(action)
                return
            except FloodWait as exc:
                if attempt == self.tries:
                    raise
                await asyncio.sleep(exc.retry_after)
            except TransientError:
                if attempt == self.tries:
                    raise
                await asyncio.sleep(backoff(attempt, base=0.5, cap=10))

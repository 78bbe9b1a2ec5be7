"""Long polling that confirms an update to Telegram only once its outcome is durable.

A batch runs concurrently across chats and in order within a chat. Each update goes through the
intake on its own: an update that must be retried stops only its own chat's lane, and the offset
that confirms the batch stops just before it, so Telegram delivers it again (the updates after
it come again too and are recognised as duplicates). A 409 means another process polls this
token: this one stands by, asking again now and then, or exits if told to.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any, Literal, Protocol

from bot.delivery import Conflict, FloodWait, PermanentError
from bot.intake import Outcome, RetryLater
from bot.intake.translate import chat_key, update_id_of

log = logging.getLogger(__name__)

POLL_TIMEOUT = 25
STANDBY = (5.0, 30.0)  # first and longest wait between getUpdates while another instance polls

Take = Callable[[Any], Awaitable[Outcome]]
OnConflict = Literal["standby", "exit"]


class Source(Protocol):
    async def fetch(self, offset: int | None, timeout: int) -> Sequence[Any]: ...


class PollingConflict(Exception):
    """Another instance polls this token and ON_CONFLICT=exit."""


async def _lane(items: list[Any], take: Take) -> RetryLater | None:
    """One chat's updates in order; the first that must be retried holds back the rest."""
    for raw in items:
        try:
            await take(raw)
        except RetryLater as exc:
            return exc
    return None


async def handle_batch(batch: Sequence[Any], take: Take) -> list[RetryLater]:
    """Take every update of the batch; returns those Telegram must deliver again."""
    lanes: dict[Hashable, list[Any]] = defaultdict(list)
    for raw in sorted(batch, key=lambda r: update_id_of(r) or 0):
        lanes[chat_key(raw)].append(raw)
    held = await asyncio.gather(*(_lane(items, take) for items in lanes.values()))
    return [exc for exc in held if exc is not None]


def next_offset(
    batch: Sequence[Any], held: Sequence[RetryLater], offset: int | None
) -> int | None:
    """Past the batch, or up to the first update that must come again."""
    if held:
        return min(exc.update_id for exc in held)
    ids = [i for i in map(update_id_of, batch) if i is not None]
    return max(ids) + 1 if ids else offset


class Poller:
    def __init__(
        self,
        source: Source,
        take: Take,
        on_conflict: OnConflict = "standby",
        timeout: int = POLL_TIMEOUT,
        standby: tuple[float, float] = STANDBY,
    ) -> None:
        self.source = source
        self.take = take
        self.on_conflict = on_conflict
        self.timeout = timeout
        self.standby = standby
        self.offset: int | None = None
        self._failures = 0
        self._conflicts = 0

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until `stop`; raises PermanentError (a revoked token) and PollingConflict."""
        while not stop.is_set():
            delay = await self._round(stop)
            if delay:
                await _sleep_or_stop(delay, stop)
        if self.offset is not None:
            await _confirm(self.source, self.offset)

    async def _round(self, stop: asyncio.Event) -> float:
        """One getUpdates and its batch; returns how long to wait before the next."""
        try:
            batch = await _fetch_or_stop(self.source, self.offset, self.timeout, stop)
        except Conflict:
            return self._conflict()
        except PermanentError:
            raise
        except Exception as exc:
            self._failures += 1
            delay = (
                exc.retry_after if isinstance(exc, FloodWait) else min(30.0, 2.0**self._failures)
            )
            log.warning("getUpdates failed (%s); retrying in %.0fs", exc, delay)
            return delay
        if self._conflicts:
            log.info("polling again: the other instance stopped")
        self._failures = self._conflicts = 0
        if not batch:
            return 0.0
        held = await handle_batch(batch, self.take)
        self.offset = next_offset(batch, held, self.offset)
        return min((exc.delay for exc in held), default=0.0)

    def _conflict(self) -> float:
        self._conflicts += 1
        if self.on_conflict == "exit":
            raise PollingConflict("another instance is polling this token; exiting (ON_CONFLICT)")
        if self._conflicts == 1:
            log.warning("another instance is polling this token; standing by (ON_CONFLICT)")
        first, longest = self.standby
        return min(longest, first * 2.0 ** (self._conflicts - 1))


async def _fetch_or_stop(
    source: Source, offset: int | None, timeout: int, stop: asyncio.Event
) -> Sequence[Any]:
    fetch = asyncio.ensure_future(source.fetch(offset, timeout))
    stopping = asyncio.ensure_future(stop.wait())
    done, _ = await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
    if fetch in done:
        stopping.cancel()
        return fetch.result()
    fetch.cancel()
    await asyncio.gather(fetch, return_exceptions=True)
    return []


async def _sleep_or_stop(delay: float, stop: asyncio.Event) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), delay)


async def _confirm(source: Source, offset: int) -> None:
    try:
        await source.fetch(offset, 0)
    except Exception as exc:
        log.info(
            "could not confirm the last updates on shutdown (%s); they will be deduplicated", exc
        )

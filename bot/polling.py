"""Long polling that confirms an update to Telegram only after it was handled.

Updates of one batch run concurrently across chats and in order within a chat; the offset that
confirms them is sent with the next getUpdates, after the whole batch is done. If handling fails
(the database is down, say), the batch is not confirmed and Telegram delivers it again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol

from bot.delivery import FloodWait, PermanentError

log = logging.getLogger(__name__)

POLL_TIMEOUT = 25


class Source(Protocol):
    async def fetch(self, offset: int | None, timeout: int) -> Sequence[Any]: ...
    def update_id(self, raw: Any) -> int: ...
    def chat_key(self, raw: Any) -> int: ...


async def _run_chat(items: list[Any], process: Callable[[Any], Awaitable[None]]) -> None:
    for raw in items:
        await process(raw)


async def handle_batch(
    source: Source, batch: Sequence[Any], process: Callable[[Any], Awaitable[None]]
) -> None:
    by_chat: dict[int, list[Any]] = defaultdict(list)
    for raw in sorted(batch, key=source.update_id):
        by_chat[source.chat_key(raw)].append(raw)
    await asyncio.gather(*(_run_chat(items, process) for items in by_chat.values()))


async def poll(
    source: Source,
    process: Callable[[Any], Awaitable[None]],
    stop: asyncio.Event,
    after_batch: Callable[[], Awaitable[None]] | None = None,
    timeout: int = POLL_TIMEOUT,
) -> None:
    offset: int | None = None
    failures = 0
    while not stop.is_set():
        try:
            batch = await _fetch_or_stop(source, offset, timeout, stop)
            if batch is None:
                break
            if batch:
                await handle_batch(source, batch, process)
                if after_batch is not None:
                    await after_batch()
                offset = max(source.update_id(raw) for raw in batch) + 1
            failures = 0
        except PermanentError:
            raise
        except Exception as exc:
            failures += 1
            delay = exc.retry_after if isinstance(exc, FloodWait) else min(30.0, 2.0**failures)
            log.warning("polling failed (%s); retrying in %.0fs", exc, delay)
            await _sleep_or_stop(delay, stop)
    if offset is not None:
        await _confirm(source, offset)


async def _fetch_or_stop(
    source: Source, offset: int | None, timeout: int, stop: asyncio.Event
) -> Sequence[Any] | None:
    fetch = asyncio.ensure_future(source.fetch(offset, timeout))
    stopping = asyncio.ensure_future(stop.wait())
    done, _ = await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
    if fetch in done:
        stopping.cancel()
        return fetch.result()
    fetch.cancel()
    await asyncio.gather(fetch, return_exceptions=True)
    return None


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

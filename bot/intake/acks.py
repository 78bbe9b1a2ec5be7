"""Marking updates delivered in groups: one transaction for all the replies sent meanwhile.

The mark only matters if Telegram delivers the update again, and it does that only if it was
never confirmed; polling confirms a batch with the next getUpdates and a webhook with its 200,
both after `mark` returns. So a mark may wait for the group it joins without weakening what
a redelivery finds, and under load one write stands for many updates instead of one each.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence

Write = Callable[[Sequence[int]], Awaitable[None]]


class _Group:
    def __init__(self) -> None:
        self.ids: list[int] = []
        self.done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.done.add_done_callback(_seen)


def _seen(done: asyncio.Future[None]) -> None:
    """Every mark waiting on a group may have been cancelled (a shutdown): its write's error
    then reaches nobody, and asyncio would log it as never retrieved."""
    if not done.cancelled():
        done.exception()


class Acks:
    """`mark` returns once its update is written delivered, or raises what the write raised."""

    def __init__(self, write: Write) -> None:
        self._write = write
        self._open: _Group | None = None
        self._writer: asyncio.Task[None] | None = None

    async def mark(self, update_id: int) -> None:
        group = self._open = self._open or _Group()
        group.ids.append(update_id)
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_groups())
        await asyncio.shield(group.done)

    async def _write_groups(self) -> None:
        """Whoever marks while a group is being written joins the next one."""
        while self._open is not None:
            group, self._open = self._open, None
            try:
                await self._write(group.ids)
            except Exception as exc:
                group.done.set_exception(exc)
            else:
                group.done.set_result(None)

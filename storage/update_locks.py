"""One copy of an update at a time within a process, so a duplicate waits instead of replying a
second time.

Telegram may deliver an update again while the first copy is still being handled (a webhook
retried after a time-out, a restart mid-batch). The copy that comes second waits here until
the first has sent its replies and marked them delivered, then finds them delivered and stays
silent. Across processes the update's own row does it (`handlers.core.Core`: a copy handled
elsewhere waits for that process's replies), so no lock is held in the database.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field


@dataclass
class _Local:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0


class UpdateLocks:
    def __init__(self) -> None:
        self._local: dict[int, _Local] = {}

    @contextlib.asynccontextmanager
    async def hold(self, update_id: int) -> AsyncIterator[None]:
        local = self._local.setdefault(update_id, _Local())
        local.users += 1
        try:
            async with local.lock:
                yield
        finally:
            local.users -= 1
            if local.users == 0:
                del self._local[update_id]

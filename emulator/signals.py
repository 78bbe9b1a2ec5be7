"""One change signal for the whole emulator; waiters re-check their own condition.

A single broadcast keeps waiting logic simple: every mutation calls `bump()`, and
long polls, `wait_confirmed` and the user helpers each wait for their predicate.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class Signal:
    def __init__(self) -> None:
        self._event = asyncio.Event()
        self.version = 0

    def bump(self) -> None:
        """Wake every waiter; safe to call from sync code on the loop's thread."""
        self.version += 1
        self._event.set()
        self._event = asyncio.Event()

    async def wait_for(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """Wait until predicate() holds; False on timeout (never raises for it)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            event = self._event
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                return predicate()
        return True

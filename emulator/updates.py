"""The getUpdates queue with Telegram's confirm-by-offset semantics."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from emulator.signals import Signal


@dataclass
class _Pending:
    update_id: int
    kind: str
    payload: dict[str, Any]
    # A redelivered update must survive the bot's stale offset until it is handed out.
    sticky: bool = False


class UpdateQueue:
    def __init__(self, signal: Signal, first_id: int | None = None) -> None:
        self._signal = signal
        # Telegram's ids only ever grow; seeding from the clock keeps that true across runs
        # against the same database (the playground), where ids from 1 would look redelivered.
        self._next_id = first_id if first_id is not None else time.time_ns() // 1_000_000
        self._pending: dict[int, _Pending] = {}
        self._history: dict[int, _Pending] = {}
        self._confirmed: set[int] = set()
        self._allowed: frozenset[str] | None = None

    def push(self, kind: str, body: dict[str, Any]) -> int:
        update_id = self._next_id
        self._next_id += 1
        item = _Pending(update_id, kind, {"update_id": update_id, kind: body})
        self._pending[update_id] = item
        self._history[update_id] = item
        self._signal.bump()
        return update_id

    def confirm(self, offset: int) -> None:
        """Everything below `offset` that the bot has seen is gone for good."""
        if offset < 0:
            keep = sorted(self._pending)[offset:]
            for update_id in [u for u in self._pending if u not in keep]:
                self._drop(update_id)
            return
        for update_id in [u for u, item in self._pending.items() if u < offset]:
            if not self._pending[update_id].sticky:
                self._drop(update_id)

    def _drop(self, update_id: int) -> None:
        self._pending.pop(update_id, None)
        self._confirmed.add(update_id)
        self._signal.bump()

    def set_allowed(self, allowed: list[str] | None) -> None:
        """An empty list means "all the default kinds", as in the Bot API."""
        if allowed is not None:
            self._allowed = frozenset(allowed) or None

    def ready(self) -> bool:
        return any(self._is_allowed(item) for item in self._pending.values())

    def _is_allowed(self, item: _Pending) -> bool:
        return self._allowed is None or item.kind in self._allowed

    def take(self, limit: int) -> list[dict[str, Any]]:
        """Hand out without removing: only a later offset removes updates."""
        for item in [i for i in self._pending.values() if not self._is_allowed(i)]:
            self._drop(item.update_id)
        batch = [self._pending[u] for u in sorted(self._pending)][:limit]
        for item in batch:
            item.sticky = False
        return [item.payload for item in batch]

    def redeliver(self, update_id: int) -> None:
        item = self._history.get(update_id)
        if item is None:
            raise KeyError(f"update {update_id} was never sent")
        item.sticky = True
        self._pending[update_id] = item
        self._confirmed.discard(update_id)
        self._signal.bump()

    def drop_all(self) -> None:
        self._pending.clear()
        self._signal.bump()

    def is_confirmed(self, update_id: int) -> bool:
        return update_id in self._confirmed

    async def wait_confirmed(self, update_id: int, timeout: float = 10.0) -> None:
        """Confirmation means the bot asked for an offset past it, i.e. it took the update."""
        if not await self._signal.wait_for(lambda: self.is_confirmed(update_id), timeout):
            raise TimeoutError(
                f"update {update_id} was not confirmed within {timeout}s; "
                "is the bot polling this emulator?"
            )

    @property
    def pending_count(self) -> int:
        return len(self._pending)

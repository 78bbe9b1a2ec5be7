"""Telegram's update queue: confirm-by-offset for getUpdates, per-chat order for webhooks.

`allowed_updates` filters when an update is created, not when it is fetched; the reference
warns that updates created before the call may still arrive, and this queue does the same.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from emulator.signals import Signal

# The Bot API server's UpdateType order, which getWebhookInfo lists allowed_updates in.
UPDATE_TYPES = (
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "inline_query",
    "chosen_inline_result",
    "callback_query",
    "shipping_query",
    "pre_checkout_query",
    "poll",
    "poll_answer",
    "my_chat_member",
    "chat_member",
    "chat_join_request",
    "chat_boost",
    "removed_chat_boost",
    "message_reaction",
    "message_reaction_count",
    "business_connection",
    "business_message",
    "edited_business_message",
    "deleted_business_messages",
    "purchased_paid_media",
)
DEFAULT_ALLOWED = frozenset(UPDATE_TYPES) - {
    "chat_member",
    "message_reaction",
    "message_reaction_count",
}


@dataclass
class Pending:
    update_id: int
    kind: str
    payload: dict[str, Any]
    # Webhook delivery keeps order within one key: a chat's messages, a user's button presses.
    key: tuple[str, int]
    # A redelivered update must survive the bot's stale offset until it is handed out.
    sticky: bool = False


def _queue_key(kind: str, body: dict[str, Any]) -> tuple[str, int]:
    """Tests also queue deliberately malformed updates; those share one lane of their own."""
    owner, field = ("from", kind) if kind == "callback_query" else ("chat", "chat")
    holder = body.get(owner) if isinstance(body, dict) else None
    ident = holder.get("id") if isinstance(holder, dict) else None
    return (field, ident) if isinstance(ident, int) else ("malformed", 0)


class UpdateQueue:
    def __init__(self, signal: Signal, first_id: int | None = None) -> None:
        self._signal = signal
        # Telegram's ids only ever grow; seeding from the clock keeps that true across runs
        # against the same database (the playground), where ids from 1 would look redelivered.
        self._next_id = first_id if first_id is not None else time.time_ns() // 1_000_000
        self._pending: dict[int, Pending] = {}
        self._history: dict[int, Pending] = {}
        self._confirmed: set[int] = set()
        self.allowed = DEFAULT_ALLOWED
        self.listeners: list[Callable[[dict[str, Any]], None]] = []

    def push(self, kind: str, body: dict[str, Any]) -> int:
        """Queue an Update {update_id, kind: body}; a kind not allowed is never created (-1)."""
        if kind not in self.allowed:
            return -1
        update_id = self._next_id
        self._next_id += 1
        item = Pending(
            update_id, kind, {"update_id": update_id, kind: body}, _queue_key(kind, body)
        )
        self._pending[update_id] = item
        self._history[update_id] = item
        for listener in self.listeners:
            listener(item.payload)
        self._signal.bump()
        return update_id

    def confirm(self, offset: int) -> None:
        """Everything below `offset` that the bot has seen is gone for good."""
        if offset < 0:
            keep = sorted(self._pending)[offset:]
            for update_id in [u for u in self._pending if u not in keep]:
                self.delivered(update_id)
            return
        for update_id in [u for u, item in self._pending.items() if u < offset]:
            if not self._pending[update_id].sticky:
                self.delivered(update_id)

    def delivered(self, update_id: int) -> None:
        self._pending.pop(update_id, None)
        self._confirmed.add(update_id)
        self._signal.bump()

    def discard(self, update_id: int) -> None:
        """Dropped undelivered, as Telegram drops a webhook update it gave up on."""
        self._pending.pop(update_id, None)
        self._signal.bump()

    def set_allowed(self, allowed: list[str] | None) -> None:
        """None keeps the setting; an empty list means the default kinds, as in the Bot API."""
        if allowed is not None:
            chosen = frozenset(a for a in allowed if a in UPDATE_TYPES)
            self.allowed = chosen or DEFAULT_ALLOWED

    def allowed_json(self) -> list[str] | None:
        """allowed_updates for getWebhookInfo: listed only when not the default."""
        if self.allowed == DEFAULT_ALLOWED:
            return None
        return [kind for kind in UPDATE_TYPES if kind in self.allowed]

    def ready(self) -> bool:
        return bool(self._pending)

    def take(self, limit: int) -> list[dict[str, Any]]:
        """Hand out without removing: only a later offset removes updates."""
        batch = [self._pending[u] for u in sorted(self._pending)][:limit]
        for item in batch:
            item.sticky = False
        return [item.payload for item in batch]

    def heads(self) -> list[Pending]:
        """The oldest pending update of each webhook queue, oldest first."""
        firsts: dict[tuple[str, int], Pending] = {}
        for update_id in sorted(self._pending):
            item = self._pending[update_id]
            firsts.setdefault(item.key, item)
        return list(firsts.values())

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
        """Confirmed: the bot asked for an offset past it, or its webhook answered 2xx."""
        if not await self._signal.wait_for(lambda: self.is_confirmed(update_id), timeout):
            raise TimeoutError(
                f"update {update_id} was not confirmed within {timeout}s; "
                "is the bot polling this emulator or serving its webhook?"
            )

    @property
    def pending_count(self) -> int:
        return len(self._pending)

    @property
    def history(self) -> list[dict[str, Any]]:
        """Every update ever created, oldest first."""
        return [self._history[u].payload for u in sorted(self._history)]

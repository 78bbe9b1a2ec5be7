"""Pushes updates to the webhook the way Telegram's WebhookActor does.

One update at a time per queue (a chat's messages; a user's button presses), up to
max_connections queues at once; a 2xx answer delivers, anything else is recorded as the
webhook's last error and retried: at once, then after 2, 4, 8... seconds (`WebhookRetry`
scales this for tests) or after the answer's Retry-After. Telegram gives up when the
update expires, a day later; the emulator after `max_attempts`. For tests the one URL can
stand for several bot instances behind a load balancer (`targets`), taken in turn.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import aiohttp

from emulator.state import World, now_unix
from emulator.updates import Pending
from emulator.webhook import Webhook
from emulator.webhook_post import Outcome, post_update

Execute = Callable[[dict[str, Any]], Awaitable[None]]


@dataclass(frozen=True)
class WebhookRetry:
    """Telegram's schedule, scalable for tests: the first retry at once, then after
    2x, 4x... `first_delay` (1 s in Telegram) up to `max_delay`; Retry-After wins."""

    first_delay: float = 1.0
    max_delay: float = 60.0
    max_attempts: int = 10
    timeout: float = 60.0

    def delay(self, failures: int, retry_after: float) -> float:
        if retry_after > 0:
            return min(retry_after, 3600.0)
        return (
            0.0 if failures <= 1 else min(self.max_delay, self.first_delay * 2 ** (failures - 1))
        )


@dataclass(frozen=True)
class Delivery:
    """One POST of an update; `error` is empty when it was delivered."""

    update_id: int
    target: str
    status: int | None
    error: str


class WebhookDelivery:
    def __init__(self, world: World, execute: Execute, retry: WebhookRetry) -> None:
        self.world = world
        self.retry = retry
        self.targets: list[str] = []
        self.log: list[Delivery] = []
        self.failed: list[int] = []  # update ids given up on
        self._execute = execute
        self._turn = 0
        self._busy: set[tuple[str, int]] = set()
        self._failures: dict[int, tuple[int, float]] = {}  # update_id -> (failures, retry at)
        self._tasks: set[asyncio.Task[None]] = set()
        self._runner: asyncio.Task[None] | None = None
        self._stopping = False
        self._session: aiohttp.ClientSession | None = None

    @property
    def busy(self) -> bool:
        return bool(self._busy)

    def start(self) -> None:
        self._session = aiohttp.ClientSession()
        self._stopping = False
        self._runner = asyncio.create_task(self._run())

    async def stop(self) -> None:
        """Ends the loop by a flag: cancelling it can be swallowed by Python 3.11's wait_for."""
        self._stopping = True
        self.world.signal.bump()
        if self._runner is not None:
            await self._runner
        for task in list(self._tasks):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._runner, self._busy = None, set()
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _run(self) -> None:
        loop, signal = asyncio.get_running_loop(), self.world.signal
        while not self._stopping:
            now, seen = loop.time(), signal.version
            wake = self._launch(now)
            timeout = 3600.0 if wake is None else max(0.0, wake - now)
            await signal.wait_for(partial(self._changed, seen), timeout)

    def _changed(self, seen: int) -> bool:
        """Worth another look: stopping, or something changed while a webhook is set."""
        return self._stopping or (self.world.webhook.active and self.world.signal.version != seen)

    def _launch(self, now: float) -> float | None:
        """Start every delivery that may go now; the earliest pending retry time, if any."""
        hook, wake = self.world.webhook, None
        if not hook.active:
            return None
        for item in self.world.updates.heads():
            if item.key in self._busy or len(self._busy) >= hook.max_connections:
                continue
            failures, at = self._failures.get(item.update_id, (0, 0.0))
            if at > now:
                wake = at if wake is None else min(wake, at)
                continue
            self._busy.add(item.key)
            task = asyncio.create_task(self._deliver(item, failures))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return wake

    def _target(self) -> str:
        if not self.targets:
            return self.world.webhook.url
        self._turn += 1
        return self.targets[(self._turn - 1) % len(self.targets)]

    async def _deliver(self, item: Pending, failures: int) -> None:
        target, hook = self._target(), self.world.webhook
        try:
            outcome = await post_update(
                self._session, target, item.payload, hook.secret_token, self.retry.timeout
            )
            self.log.append(Delivery(item.update_id, target, outcome.status, outcome.error))
            if not outcome.error:
                self._failures.pop(item.update_id, None)
                self.world.updates.delivered(item.update_id)
                if outcome.reply is not None:
                    await self._execute(outcome.reply)
            else:
                self._failed(item, failures + 1, outcome, hook)
        finally:
            self._busy.discard(item.key)
            self.world.signal.bump()

    def _failed(self, item: Pending, failures: int, outcome: Outcome, hook: Webhook) -> None:
        """A dropped connection is retried but, as in Telegram, not reported as an error."""
        if outcome.status is not None or "closed" not in outcome.error:
            hook.last_error_date, hook.last_error_message = now_unix(), outcome.error
        if failures >= self.retry.max_attempts:
            self._failures.pop(item.update_id, None)
            self.failed.append(item.update_id)
            self.world.updates.discard(item.update_id)
            return
        delay = self.retry.delay(failures, outcome.retry_after)
        self._failures[item.update_id] = (failures, asyncio.get_running_loop().time() + delay)

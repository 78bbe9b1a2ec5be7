"""The public face: a fake Telegram Bot API server that bots reach over real HTTP."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Any

from aiohttp import web

from emulator.api_commands import scope_key
from emulator.faults import FaultPlan
from emulator.flood import FloodGate, FloodLimits
from emulator.models import BotMessage, RecordedCall
from emulator.server import ApiServer
from emulator.state import Profile, World
from emulator.users import SimUser
from emulator.webhook_delivery import WebhookDelivery, WebhookRetry


class Emulator:
    def __init__(
        self,
        token: str = "123456:TEST",
        flood: FloodLimits | None = None,
        settle: float = 0.05,
        local_mode: bool = True,
        webhook_retry: WebhookRetry | None = None,
    ) -> None:
        """`local_mode` answers like a `--local` Bot API server, which takes http webhooks."""
        self.token = token
        self.world = World(token, settle=settle, local_mode=local_mode)
        self.faults = FaultPlan()
        self.calls: list[RecordedCall] = []
        self._gate: FloodGate | None = None
        self.flood = flood
        self._server = ApiServer(self.world, self.faults, self.calls, lambda: self._gate)
        self.delivery = WebhookDelivery(
            self.world, self._server.execute, webhook_retry or WebhookRetry()
        )
        self._runner: web.AppRunner | None = None
        self._users: dict[int, SimUser] = {}
        self.host = "127.0.0.1"
        self.port = 0

    @property
    def flood(self) -> FloodLimits | None:
        return self._gate.limits if self._gate else None

    @flood.setter
    def flood(self, limits: FloodLimits | None) -> None:
        """Fresh, full buckets on every change, so a switch starts from a known state."""
        self._gate = FloodGate(limits) if limits is not None else None

    @property
    def settle(self) -> float:
        return self.world.settle

    @settle.setter
    def settle(self, seconds: float) -> None:
        self.world.settle = seconds

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        if self._runner is not None:
            raise RuntimeError("emulator already started")
        self.world.closing = False
        runner = web.AppRunner(self._server.app(), access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        self._runner = runner
        self.host, self.port = host, int(runner.addresses[0][1])
        self.delivery.start()

    async def stop(self) -> None:
        """Wake pending long polls first so shutdown does not wait for their timeout."""
        self.world.closing = True
        self.world.signal.bump()
        await self.delivery.stop()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Emulator:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def user(
        self,
        user_id: int,
        first_name: str | None = None,
        language_code: str | None = "zh",
        username: str | None = None,
        last_name: str | None = None,
    ) -> SimUser:
        """Create (or update) a user and its private chat; chat id equals user id."""
        profile = Profile(
            user_id, first_name or f"User{user_id}", username, language_code, last_name
        )
        log = self.world.add_user(profile)
        if user_id not in self._users:
            self._users[user_id] = SimUser(self.world, log)
        return self._users[user_id]

    @property
    def users(self) -> list[SimUser]:
        return list(self._users.values())

    def count(self, method: str | None = None, status: int | None = None) -> int:
        return sum(
            1
            for call in self.calls
            if (method is None or call.method == method)
            and (status is None or call.status == status)
        )

    def redeliver(self, update_id: int) -> None:
        """Telegram resends an update when it believes the bot lost it; same update_id."""
        self.world.updates.redeliver(update_id)

    async def wait_confirmed(self, update_id: int, timeout: float = 10.0) -> None:
        await self.world.updates.wait_confirmed(update_id, timeout)

    def on_update(self, listener: Callable[[dict[str, Any]], None]) -> None:
        """Call `listener` with every Update the emulator creates, e.g. to check them all."""
        self.world.updates.listeners.append(listener)

    def route_webhook(self, targets: list[str]) -> None:
        """Stand a load balancer behind the webhook URL: deliveries go to `targets` in turn,
        and a failed one is retried on the next. An empty list restores the URL itself."""
        self.delivery.targets = list(targets)

    async def wait_delivered(self, timeout: float = 10.0) -> None:
        """Until no update is pending or on its way to the webhook (or given up on)."""
        updates, delivery = self.world.updates, self.delivery
        done = await self.world.signal.wait_for(
            lambda: updates.pending_count == 0 and not delivery.busy, timeout
        )
        if not done:
            raise TimeoutError(
                f"{updates.pending_count} update(s) still pending after {timeout}s; "
                f"last webhook error: {self.world.webhook.last_error_message or 'none'}"
            )

    async def wait_polling(self, timeout: float = 10.0) -> None:
        """Until a getUpdates is parked in a long poll: the bot is up and listening."""
        world = self.world
        if not await world.signal.wait_for(lambda: world.waiting_polls > 0, timeout):
            raise TimeoutError(f"no long poll arrived within {timeout}s")

    def messages(self, chat_id: int) -> list[BotMessage]:
        log = self.world.chats.get(chat_id)
        if log is None:
            return []
        return [m for m in log.messages.values() if not m.deleted]

    def commands(self, language_code: str = "", scope: str = "default") -> list[dict[str, str]]:
        """Commands set for a scope key ("default", "all_private_chats", "chat:42", ...)."""
        return list(self.world.commands.get((scope_key({"type": scope}), language_code), []))

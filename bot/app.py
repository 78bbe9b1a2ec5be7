"""Assembles the bot from settings: storage, core, a runtime, limiter, outbox sender, and
updates taken by long polling or, with WEBHOOK_URL, from Telegram's pushes."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
from typing import Any

from bot.delivery import Deliverer, TransientError
from bot.intake import Intake
from bot.limiter import FloodLimiter
from bot.logs import Redactor
from bot.polling import Poller
from bot.runtimes.base import CommandSpec, Runtime
from bot.sender import OutboxSender
from bot.settings import Settings
from bot.staff_reach import report_unreachable_staff
from bot.web.wiring import http_server
from bot.webhook import Health, register_webhook
from bot.webhook.health import Mode
from handlers.context import CoreConfig
from handlers.core import Core
from handlers.flows import all_flows, role_sources
from scheduler.service import ReminderScheduler
from scheduler.sweep import preview
from services.messages.texts import LANGS, Texts
from storage import migrate
from storage.db import create_engine, session_factory
from storage.liveness import Liveness
from storage.update_locks import UpdateLocks

log = logging.getLogger(__name__)

Service = Callable[[asyncio.Event], Coroutine[Any, Any, None]]


def make_runtime(settings: Settings) -> Runtime:
    assert settings.bot_token, "a runtime needs BOT_TOKEN"
    if settings.bot_runtime == "ptb":
        from bot.runtimes.ptb_runtime import PtbRuntime

        return PtbRuntime(settings.bot_token, settings.api_base, settings.request_timeout)
    from bot.runtimes.aiogram_runtime import AiogramRuntime

    return AiogramRuntime(settings.bot_token, settings.api_base, settings.request_timeout)


class BotApp:
    """The whole object graph, built once here: every part gets its collaborators in its
    constructor and nothing is attached afterwards. `clock` fixes the instant the flows and the
    reminder sweeps read (tests); None is the wall clock in `TIMEZONE`."""

    def __init__(
        self,
        settings: Settings,
        runtime: Runtime | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.settings = settings
        self.engine = create_engine(settings.database_url)
        self.sessions = session_factory(self.engine)
        self.runtime = runtime or make_runtime(settings)
        self.limiter = FloodLimiter(settings.send_rate, settings.chat_rate, settings.chat_burst)
        self.deliverer = Deliverer(self.runtime.call, self.limiter)
        self.sender = OutboxSender(
            self.sessions, self.deliverer, lease=timedelta(seconds=settings.outbox_lease)
        )
        recipients = settings.recipients()
        self.liveness = Liveness(self.engine)
        self.core = Core(
            self.sessions,
            all_flows(),
            CoreConfig(
                recipients=recipients,
                clock=clock,
                preview=lambda uow, now: preview(uow, recipients, now),
                webapp_url=settings.webapp_base,
            ),
            role_sources(),
            download=self.runtime.download,
            on_enqueue=self.sender.wake,
            alive=self.liveness.alive,
        )
        self.scheduler = ReminderScheduler(self.sessions, recipients, self.sender.wake, clock)
        self.locks = UpdateLocks()
        self.intake = Intake(
            self.core,
            self.deliverer,
            self.locks,
            max_attempts=settings.update_max_attempts,
            scrub=Redactor(settings.bot_token),
        )
        mode: Mode = "webhook" if settings.webhook_url else "polling"
        self.health = Health(self.engine, self.core.uow, mode, self.runtime.name)
        self.take = self.health.counting(self.intake.take)
        self.poller = Poller(self.runtime, self.take, on_conflict=settings.on_conflict)
        self.http, web_services = http_server(self)
        polling: list[Service] = [self.poller.run] if mode == "polling" else []
        self.services = [self.sender.run, self.scheduler.run, *polling, *web_services]
        self.ready = asyncio.Event()

    def command_menu(self) -> dict[str, list[CommandSpec]]:
        names = self.core.registry.public_commands()
        menus: dict[str, list[CommandSpec]] = {}
        for lang in LANGS:
            texts = Texts(lang)
            specs = [CommandSpec(n, texts(f"cmd.{n}")) for n in names if texts.has(f"cmd.{n}")]
            menus[lang] = specs
        menus[""] = menus[self.settings.locale]
        return menus

    async def run(self, stop: asyncio.Event) -> None:
        """Until `stop`; a service that fails for good (a revoked token, ON_CONFLICT=exit)
        stops the others and is raised, so the process ends instead of idling deaf."""
        await migrate.upgrade_if_behind(self.settings.database_url)
        tasks: list[asyncio.Task[None]] = []
        try:
            username = await self._start_runtime(stop)
            if username is None:
                return
            log.info("@%s running on %s (%s)", username, self.runtime.name, self.health.mode)
            await self.liveness.hold(self.core.instance)
            await self.runtime.set_commands(self.command_menu())
            await report_unreachable_staff(self.core.uow, self.settings.staff_ids)
            if self.http is not None:
                await self.http.start()
            await self._choose_delivery()
            tasks = [asyncio.create_task(service(stop)) for service in self.services]
            self.ready.set()
            await _until_stop_or_failure(stop, tasks)
        except asyncio.CancelledError:
            for task in tasks:  # dying: no graceful confirmation, as in a crash
                task.cancel()
            raise
        finally:
            stop.set()
            await asyncio.gather(*tasks, return_exceptions=True)
            if self.http is not None:
                await self.http.stop()
            await self.close()

    async def _choose_delivery(self) -> None:
        """Webhook: Telegram pushes to the server just started. Polling: a webhook left from
        before is deleted first (getUpdates would be refused while one is set)."""
        settings = self.settings
        if settings.webhook_url is None:
            await self.runtime.drop_webhook()
            return
        assert settings.webhook_secret is not None, "settings require it with WEBHOOK_URL"
        await register_webhook(self.runtime, str(settings.webhook_url), settings.webhook_secret)

    async def _start_runtime(self, stop: asyncio.Event) -> str | None:
        """The bot's username; while Telegram cannot be reached, tries again (None: stopped)."""
        attempt = 0
        while not stop.is_set():
            try:
                return await self.runtime.start()
            except TransientError as exc:
                attempt += 1
                delay = min(60.0, 2.0**attempt)
                log.warning("Telegram not reachable (%s); trying again in %.0fs", exc, delay)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), delay)
        return None

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await self.runtime.close()
        await self.liveness.close()
        await self.engine.dispose()


async def run_process(app: BotApp, stop: asyncio.Event) -> None:
    """`app.run` for a process that runs this one bot (`studio-bot run`): once it is ready,
    its heap is settled."""
    running = asyncio.create_task(app.run(stop))
    ready = asyncio.create_task(app.ready.wait())
    await asyncio.wait({running, ready}, return_when=asyncio.FIRST_COMPLETED)
    if ready.done():
        settle_heap()
    else:
        ready.cancel()
    await running


def settle_heap() -> None:
    """For a process that runs one bot (the CLI, the benchmarks' bot process), once it is
    ready: what start built (modules, a framework's models, compiled statements) lives as long
    as the process, and frozen, the collector's full passes no longer walk it. An idle bot on
    PostgreSQL spent 50 ms of CPU a second before, most of it in such passes. Tests, which
    start many bots in one process, leave their heap alone."""
    gc.collect()
    gc.freeze()


async def _until_stop_or_failure(stop: asyncio.Event, tasks: list[asyncio.Task[None]]) -> None:
    stopping = asyncio.create_task(stop.wait())
    try:
        done, _ = await asyncio.wait({stopping, *tasks}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopping.cancel()
    for task in done:
        error = None if task is stopping or task.cancelled() else task.exception()
        if error is not None:
            raise error

"""Assembles the bot from settings: storage, core, a runtime, limiter, outbox sender, polling."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
from typing import Any

from bot.delivery import Deliverer, PermanentError
from bot.limiter import FloodLimiter
from bot.polling import poll
from bot.runtimes.base import CommandSpec, Runtime
from bot.sender import OutboxSender
from bot.settings import Settings
from bot.web.wiring import http_server
from handlers.context import CoreConfig
from handlers.core import Core
from handlers.events import Incoming
from handlers.flows import all_flows, role_sources
from handlers.texts import LANGS, Texts
from scheduler.env import SweepConfig
from scheduler.service import ReminderScheduler
from scheduler.sweep import preview
from storage import migrate
from storage.db import create_engine, session_factory

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
    def __init__(self, settings: Settings, runtime: Runtime | None = None) -> None:
        self.settings = settings
        self.engine = create_engine(settings.database_url)
        self.sessions = session_factory(self.engine)
        self.runtime = runtime or make_runtime(settings)
        self.limiter = FloodLimiter(settings.send_rate, settings.chat_rate, settings.chat_burst)
        self.deliverer = Deliverer(self.runtime.call, self.limiter)
        sweeps = SweepConfig(settings.staff_ids, settings.locale, settings.tz)
        self.core = Core(
            self.sessions,
            all_flows(),
            CoreConfig(
                staff_ids=settings.staff_ids,
                default_lang=settings.locale,
                tz=settings.tz,
                preview=lambda uow, now: preview(uow, sweeps, now),
                webapp_url=settings.webapp_base,
            ),
            role_sources(),
        )
        self.core.download = self.runtime.download
        self.sender = OutboxSender(
            self.sessions, self.deliverer, lease=timedelta(seconds=settings.outbox_lease)
        )
        self.core.on_enqueue = self.sender.wake
        self.scheduler = ReminderScheduler(
            self.sessions,
            sweeps,
            self.sender.wake,
            clock=lambda: (self.core.config.clock or (lambda: datetime.now(settings.tz)))(),
        )
        self.services: list[Service] = [self.sender.run, self.scheduler.run]
        self.http = http_server(self)
        self.ready = asyncio.Event()
        self._delivered: list[int] = []

    async def on_incoming(self, incoming: Incoming) -> None:
        """Handle and deliver the replies; they are recorded delivered after the batch."""
        for action in await self.core.handle(incoming):
            try:
                await self.deliverer.reply(action)
            except PermanentError as exc:
                log.warning("reply to update %s refused: %s", incoming.update_id, exc)
        self._delivered.append(incoming.update_id)

    async def flush_delivered(self) -> None:
        """One write for a whole polling batch, before its offset confirms it to Telegram."""
        done, self._delivered = self._delivered, []
        await self.core.delivered(*done)

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
        await migrate.upgrade(self.settings.database_url)
        if self.settings.webhook_url:
            log.warning("WEBHOOK_URL is set, but webhook mode is not built yet: long polling")
        username = await self.runtime.start(self.on_incoming)
        log.info("@%s running on %s", username, self.runtime.name)
        await self.runtime.set_commands(self.command_menu())
        if self.http is not None:
            await self.http.start()
        tasks = [asyncio.create_task(service(stop)) for service in self.services]
        polling = poll(self.runtime, self.runtime.process, stop, self.flush_delivered)
        tasks.append(asyncio.create_task(polling))
        self.ready.set()
        try:
            await stop.wait()
        except asyncio.CancelledError:
            for task in tasks:  # dying: no graceful confirmation, as in a crash
                task.cancel()
            raise
        finally:
            await asyncio.gather(*tasks, return_exceptions=True)
            if self.http is not None:
                await self.http.stop()
            await self.close()

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await self.runtime.close()
        await self.engine.dispose()

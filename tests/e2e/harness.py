"""The bot as it runs in production, against the Bot API emulator over real HTTP.

`Harness` starts the emulator and a `BotApp` on a chosen runtime and database; `restart()` kills
the app the way a crash would (no final confirmation to Telegram) and starts a fresh one on the
same database and emulator.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import datetime

from bot.app import BotApp
from bot.settings import Settings
from emulator import Emulator, FloodLimits, SimUser
from storage.uow import UnitOfWork

STAFF = (9001, 9002)
LIFTED_RATES: dict[str, object] = {"send_rate": 1000.0, "chat_rate": 200.0, "chat_burst": 200}
"""SEND_RATE, CHAT_RATE and CHAT_BURST lifted, as a local Bot API server allows: for the tests
that are not about Telegram's rates, which otherwise spend seconds waiting for send slots
(30 a second overall, 1 a second per chat). The limiter still orders every send."""


class Harness:
    def __init__(
        self,
        runtime: str,
        database_url: str,
        flood: FloodLimits | None = None,
        clock: Callable[[], datetime] | None = None,
        **settings: object,
    ) -> None:
        self.runtime = runtime
        self.database_url = database_url
        # Our bot confirms an update only after its replies went out, so a reply never
        # trails the confirmation and no settling time is needed after it.
        self.emu = Emulator(flood=flood, settle=0.0)
        self.clock = clock
        self.extra_settings = settings
        self.app: BotApp | None = None
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    @property
    def settings(self) -> Settings:
        return Settings(
            bot_token=self.emu.token,
            telegram_api_url=self.emu.base_url,  # type: ignore[arg-type]
            database_url=self.database_url,
            staff_ids=frozenset(STAFF),
            bot_runtime=self.runtime,  # type: ignore[arg-type]
            **self.extra_settings,  # type: ignore[arg-type]
        )

    async def start(self) -> None:
        if self.emu.port == 0:
            await self.emu.start()
        app = BotApp(self.settings, clock=self.clock)
        self.app, self._stop = app, asyncio.Event()
        self._task = asyncio.create_task(app.run(self._stop))
        ready = asyncio.create_task(app.ready.wait())
        done, _ = await asyncio.wait({ready, self._task}, return_when=asyncio.FIRST_COMPLETED)
        if self._task in done:
            ready.cancel()
            self._task.result()
        if app.health.mode == "polling":
            await self.emu.wait_polling()  # a webhook is set before `ready`

    async def stop(self, crash: bool = False) -> None:
        """Graceful stop confirms the last updates; a crash leaves them to be redelivered."""
        if self._task is None:
            return
        if crash:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            assert self.app is not None
            await self.app.close()
        else:
            self._stop.set()
            await self._task
        self._task = None

    async def restart(self, crash: bool = True) -> None:
        await self.stop(crash=crash)
        await self.start()

    async def close(self) -> None:
        await self.stop()
        await self.emu.stop()

    def user(
        self, user_id: int = 1001, first_name: str = "Alice", language_code: str | None = "zh"
    ) -> SimUser:
        return self.emu.user(user_id, first_name, language_code)

    def staff(self, user_id: int = STAFF[0], language_code: str | None = "zh") -> SimUser:
        return self.emu.user(user_id, f"Staff{user_id}", language_code)

    def uow(self) -> UnitOfWork:
        assert self.app is not None
        return UnitOfWork(self.app.sessions)

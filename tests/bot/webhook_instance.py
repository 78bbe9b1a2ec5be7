"""One bot instance in its own OS process, so a test can SIGKILL it for real.

`python -m tests.bot.webhook_instance` reads its settings from the environment exactly as
`studio-bot run` does; STUDIO_TEST_NOW (ISO 8601) fixes the clock the flows and the scheduler
read, so a test knows which reminders are due.
"""

from __future__ import annotations

import asyncio
import os
import signal
from datetime import datetime

from bot.app import BotApp, run_process
from bot.logs import setup_logging
from bot.settings import load_settings


async def serve() -> None:
    settings = load_settings()
    setup_logging(settings.log_level, settings.bot_token)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    now = datetime.fromisoformat(os.environ["STUDIO_TEST_NOW"])
    await run_process(BotApp(settings, clock=lambda: now), stop)


if __name__ == "__main__":
    asyncio.run(serve())

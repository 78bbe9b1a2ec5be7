"""setWebhook at start, patient with Telegram's once-a-second limit.

Several instances behind one URL each set the same webhook as they start; Telegram answers a
second setWebhook within a second with 429 retry_after 1, so one waits and asks again (and is
then told "Webhook is already set").
"""

from __future__ import annotations

import asyncio
import logging

from bot.delivery import FloodWait
from bot.runtimes.base import Runtime

log = logging.getLogger(__name__)

ATTEMPTS = 10


async def register_webhook(runtime: Runtime, url: str, secret: str) -> None:
    for attempt in range(1, ATTEMPTS + 1):
        try:
            await runtime.set_webhook(url, secret)
            log.info("webhook set; Telegram pushes updates to the configured WEBHOOK_URL")
            return
        except FloodWait as exc:
            if attempt == ATTEMPTS:
                raise
            await asyncio.sleep(exc.retry_after)

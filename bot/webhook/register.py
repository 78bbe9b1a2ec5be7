"""setWebhook at start, patient with Telegram's once-a-second limit and passing failures.

Several instances behind one URL each set the same webhook as they start; Telegram answers a
second setWebhook within a second with 429 retry_after 1, so one waits and asks again (and is
then told "Webhook is already set"). A refused URL (PermanentError) stops start-up.
"""

from __future__ import annotations

import asyncio
import logging

from bot.delivery import FloodWait, TransientError
from bot.runtimes.base import Runtime

log = logging.getLogger(__name__)

ATTEMPTS = 10


async def register_webhook(runtime: Runtime, url: str, secret: str) -> None:
    for attempt in range(1, ATTEMPTS + 1):
        try:
            await runtime.set_webhook(url, secret)
            log.info("webhook set; Telegram pushes updates to WEBHOOK_URL")
            return
        except (FloodWait, TransientError) as exc:
            if attempt == ATTEMPTS:
                raise
            flood = isinstance(exc, FloodWait)
            delay = exc.retry_after if isinstance(exc, FloodWait) else min(30.0, 2.0**attempt)
            log.log(
                logging.INFO if flood else logging.WARNING,
                "setWebhook: %s; trying again in %.0fs",
                exc,
                delay,
            )
            await asyncio.sleep(delay)

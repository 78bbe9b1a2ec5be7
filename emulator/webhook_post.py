"""One POST of an update to a webhook and what came of it, in Telegram's words.

The texts are those getWebhookInfo shows as last_error_message (WebhookActor.cpp): a non-2xx
answer is "Wrong response from the webhook: 502 Bad Gateway"; its Retry-After is honoured.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import aiohttp

from emulator.webhook_reply import read_reply


@dataclass(frozen=True)
class Outcome:
    status: int | None  # None: no HTTP answer at all
    error: str = ""  # empty when delivered
    retry_after: float = 0.0
    reply: dict[str, Any] | None = None  # a method the answer asked Telegram to run


def _seconds(value: str | None) -> float:
    try:
        return float(value) if value else 0.0
    except ValueError:
        return 0.0


async def post_update(
    session: aiohttp.ClientSession | None,
    target: str,
    payload: dict[str, Any],
    secret: str,
    timeout: float,
) -> Outcome:
    assert session is not None, "the delivery loop is not running"
    headers = {"Content-Type": "application/json"}
    if secret:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    body = json.dumps(payload, ensure_ascii=False)
    try:
        async with session.post(
            target, data=body, headers=headers, timeout=aiohttp.ClientTimeout(total=timeout)
        ) as response:
            if 200 <= response.status <= 299:
                return Outcome(response.status, reply=await read_reply(response))
            error = f"Wrong response from the webhook: {response.status} {response.reason}"
            return Outcome(response.status, error, _seconds(response.headers.get("Retry-After")))
    except TimeoutError:
        return Outcome(None, "Read timeout expired")
    except aiohttp.ClientConnectorError:
        return Outcome(None, "Connection refused")
    except aiohttp.ClientError:
        return Outcome(None, "Webhook connection closed")

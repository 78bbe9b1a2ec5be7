"""The whole bot in webhook mode against the emulator (helpers only, no tests here)."""

from __future__ import annotations

import io
import json
import socket
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
from sqlalchemy import func, select

from storage.models import ProcessedUpdate
from tests.e2e.harness import Harness

SECRET = "s3cret_webhook-token"
PATH = "/tg/hook"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def webhook_settings(port: int, secret: str = SECRET) -> dict[str, Any]:
    """WEBHOOK_URL as the load balancer's (here: the instance's own) URL; HTTP_LISTEN its port."""
    return {
        "webhook_url": f"http://127.0.0.1:{port}{PATH}",
        "webhook_secret": secret,
        "http_listen": f"127.0.0.1:{port}",
    }


def hooked(runtime: str, database_url: str, **settings: Any) -> Harness:
    return Harness(runtime, database_url, **webhook_settings(free_port()), **settings)


def base_of(bot: Harness) -> str:
    assert bot.app is not None and bot.app.http is not None
    return f"http://127.0.0.1:{bot.app.http.port}"


async def post(bot: Harness, body: Any, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    """POST to the bot's webhook path: bytes or a stream as they are, anything else as JSON."""
    data = body if isinstance(body, bytes | io.BytesIO | AsyncIterator) else json.dumps(body)
    async with (
        aiohttp.ClientSession() as session,
        session.post(base_of(bot) + PATH, data=data, headers=headers or {}) as response,
    ):
        return response.status, await response.json()


async def healthz(bot: Harness) -> tuple[int, dict[str, Any]]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(base_of(bot) + "/healthz") as response,
    ):
        return response.status, await response.json()


async def processed(bot: Harness) -> int:
    async with bot.uow() as uow:
        count = select(func.count()).select_from(ProcessedUpdate)
        return int(await uow.session.scalar(count) or 0)

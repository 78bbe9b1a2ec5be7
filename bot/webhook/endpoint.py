"""The webhook's path: one update per POST, answered 2xx only once its outcome is durable.

Telegram retries whatever is not answered 2xx, so that retry is the redelivery path: an update
the intake cannot settle now (`RetryLater`) is answered 503 with Retry-After, and the
`update_id` de-duplication absorbs any copy of one already handled.
"""

from __future__ import annotations

import hmac
import json
import logging
import math
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.intake import Outcome, RetryLater
from bot.web.server import RouteSetup

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1024 * 1024  # Telegram's updates are a few kB; a megabyte is no update

Take = Callable[[Any], Awaitable[Outcome]]
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class TooLarge(Exception):
    pass


async def read_capped(request: web.Request, cap: int) -> bytes:
    """The body, refused as soon as it passes `cap` (a declared length is believed first)."""
    if request.content_length is not None and request.content_length > cap:
        raise TooLarge
    body = bytearray()
    while chunk := await request.content.readany():
        body += chunk
        if len(body) > cap:
            raise TooLarge
    return bytes(body)


def secret_matches(request: web.Request, secret: str) -> bool:
    given = request.headers.get(SECRET_HEADER, "")
    return hmac.compare_digest(given.encode(), secret.encode())


def webhook_handler(take: Take, secret: str, cap: int = MAX_BODY) -> Handler:
    async def handle(request: web.Request) -> web.StreamResponse:
        if not secret_matches(request, secret):
            log.warning("a webhook request without the right secret token was refused")
            return web.json_response({"error": "wrong secret token"}, status=401)
        try:
            raw = json.loads(await read_capped(request, cap))
        except TooLarge:
            return web.json_response({"error": "body too large"}, status=413)
        except ValueError:  # not UTF-8 or not JSON
            return web.json_response({"error": "body is not JSON"}, status=400)
        try:
            outcome = await take(raw)
        except RetryLater as exc:
            seconds = str(max(1, math.ceil(exc.delay)))
            return web.json_response(
                {"error": "try again"}, status=503, headers={"Retry-After": seconds}
            )
        return web.json_response({"outcome": outcome.value})

    return handle


def webhook_route(path: str, take: Take, secret: str, cap: int = MAX_BODY) -> RouteSetup:
    def setup(app: web.Application) -> None:
        app.router.add_post(path, webhook_handler(take, secret, cap))

    return setup

"""The bot's one HTTP server (aiohttp) on ``HTTP_LISTEN``; parts of the bot add their routes.

Webhook intake, ``/healthz`` and the Mini App each contribute a :data:`RouteSetup`, a function
that adds routes (or a sub-application) to the root application before it starts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from aiohttp import web

log = logging.getLogger(__name__)

RouteSetup = Callable[[web.Application], None]


def parse_listen(listen: str) -> tuple[str, int]:
    """``host:port`` (``[::1]:8080`` for IPv6) → (host, port); settings checked the shape."""
    host, _, port = listen.rpartition(":")
    return host.strip("[]"), int(port)


class HttpServer:
    """Start and stop one aiohttp site; `routes` may be appended to until `start`."""

    def __init__(self, listen: str, routes: Iterable[RouteSetup] = ()) -> None:
        self.listen = listen
        self.routes: list[RouteSetup] = list(routes)
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    def application(self) -> web.Application:
        app = web.Application(client_max_size=32 * 1024 * 1024)
        for setup in self.routes:
            setup(app)
        return app

    async def start(self) -> None:
        host, port = parse_listen(self.listen)
        runner = web.AppRunner(self.application(), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        self._runner = runner
        self.port = _bound_port(runner) or port
        log.info("HTTP server listening on %s:%s", host, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


def _bound_port(runner: web.AppRunner) -> int | None:
    """The port actually bound (port 0 in tests asks the system for a free one)."""
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return None

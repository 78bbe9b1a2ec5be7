"""A bot's webhook endpoint for tests (helpers only, no tests here)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Answer:
    """How the endpoint answers one request: a status, a JSON body, a hold until released."""

    status: int = 200
    body: dict[str, Any] = field(default_factory=dict)
    hold: asyncio.Event | None = None
    headers: dict[str, str] = field(default_factory=dict)


class Receiver:
    """Records every POST (update and headers) and answers by a script, then with 200 {}."""

    def __init__(self, *script: Answer) -> None:
        self.script = list(script)
        self.received: list[tuple[dict[str, Any], dict[str, str]]] = []
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def __aenter__(self) -> Receiver:
        app = web.Application()
        app.router.add_post("/hook", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}/hook"
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._runner is not None
        await self._runner.cleanup()

    @property
    def update_ids(self) -> list[int]:
        return [update["update_id"] for update, _ in self.received]

    def texts(self) -> list[str]:
        return [u.get("message", {}).get("text", "") for u, _ in self.received]

    async def _handle(self, request: web.Request) -> web.Response:
        self.received.append((await request.json(), dict(request.headers)))
        answer = self.script.pop(0) if self.script else Answer()
        if answer.hold is not None:
            await answer.hold.wait()
        return web.json_response(answer.body, status=answer.status, headers=answer.headers)

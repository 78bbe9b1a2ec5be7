"""Shared helpers for the emulator tests (no tests here): a raw API client and a tiny bot."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import aiohttp

from emulator import Emulator


class RawApi:
    """Talks to the emulator with plain aiohttp, to check the wire format itself."""

    def __init__(self, emu: Emulator, session: aiohttp.ClientSession) -> None:
        self.emu = emu
        self.session = session

    def url(self, method: str, token: str | None = None) -> str:
        return f"{self.emu.base_url}/bot{token or self.emu.token}/{method}"

    async def call(
        self, method: str, token: str | None = None, **kwargs: Any
    ) -> tuple[int, dict[str, Any]]:
        async with self.session.post(self.url(method, token), **kwargs) as resp:
            return resp.status, await resp.json()

    async def ok(self, method: str, **kwargs: Any) -> Any:
        status, body = await self.call(method, **kwargs)
        assert status == 200, body
        return body["result"]

    async def error(self, method: str, **kwargs: Any) -> str:
        status, body = await self.call(method, **kwargs)
        assert status != 200 and body["ok"] is False, body
        assert body["error_code"] == status
        return str(body["description"])


class EchoBot:
    """A minimal long-polling bot: /start shows a menu, presses edit it and are answered."""

    def __init__(self, api: RawApi, delay: float = 0.0) -> None:
        self.api = api
        self.delay = delay
        self.task: asyncio.Task[None] | None = None
        self.handlers: set[asyncio.Task[None]] = set()

    async def __aenter__(self) -> EchoBot:
        self.task = asyncio.create_task(self.run())
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self.task is not None
        for task in [self.task, *self.handlers]:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def run(self) -> None:
        offset = 0
        while True:
            updates = await self.api.ok("getUpdates", json={"offset": offset, "timeout": 5})
            for update in updates:
                offset = update["update_id"] + 1
                # Handled as tasks, like concurrent runtimes: confirmation precedes the answer.
                task = asyncio.create_task(self.handle(update))
                self.handlers.add(task)
                task.add_done_callback(self.handlers.discard)

    async def handle(self, update: dict[str, Any]) -> None:
        await asyncio.sleep(self.delay)
        if "message" in update:
            chat = update["message"]["chat"]["id"]
            text = update["message"].get("text", "")
            markup = {
                "inline_keyboard": [
                    [{"text": "✅ Confirm", "callback_data": "confirm"}],
                    [{"text": "Cancel", "callback_data": "cancel"}],
                ]
            }
            body = {"chat_id": chat, "text": f"<b>echo</b> {text}", "parse_mode": "HTML"}
            await self.api.ok("sendMessage", json={**body, "reply_markup": markup})
        else:
            query = update["callback_query"]
            message = query["message"]
            await self.api.ok(
                "answerCallbackQuery",
                json={"callback_query_id": query["id"], "text": f"got {query['data']}"},
            )
            await self.api.ok(
                "editMessageText",
                json={
                    "chat_id": message["chat"]["id"],
                    "message_id": message["message_id"],
                    "text": f"pressed {query['data']}",
                },
            )

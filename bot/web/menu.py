"""Staff's chat menu button opens the review console (setChatMenuButton, chat by chat).

At start, and again every `interval`, each staff member (STAFF_IDS and those granted in the
bot with /staff) gets a web_app menu button to the console, labelled in their language; whoever
is no longer staff gets Telegram's default button back. A chat Telegram does not know yet (staff
who never wrote to the bot) is simply tried again next round. The staff list comes from the
backend; the calls go straight to the Bot API, as the web uploads do.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp

from bot.web.backend.console_types import StaffMember

log = logging.getLogger(__name__)

Members = Callable[[], Awaitable[list[StaffMember]]]
DEFAULT: dict[str, Any] = {"type": "default"}


def console_button(label: str, url: str) -> dict[str, Any]:
    return {"type": "web_app", "text": label, "web_app": {"url": url}}


class MenuButtons:
    def __init__(
        self,
        api_base: str,
        token: str,
        console_url: str,
        members: Members,
        timeout: float,
        interval: float = 60.0,
    ) -> None:
        self._url = f"{api_base}/bot{token}/setChatMenuButton"
        self.console_url = console_url
        self.members = members
        self.interval = interval
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self.shown: dict[int, str] = {}  # chat → the label its console button was set with

    async def sync(self) -> None:
        """Give new staff the console button (or a new label), take it from former staff."""
        try:
            staff = {m.user_id: m.label for m in await self.members()}
        except Exception:  # the database is away: keep the buttons as they are until next round
            log.warning("staff list unavailable; menu buttons unchanged", exc_info=True)
            return
        async with aiohttp.ClientSession(timeout=self._timeout) as http:
            for chat_id, label in staff.items():
                if self.shown.get(chat_id) != label:
                    button = console_button(label, self.console_url)
                    if await self._set(http, chat_id, button):
                        self.shown[chat_id] = label
            for chat_id in [c for c in self.shown if c not in staff]:
                if await self._set(http, chat_id, DEFAULT):
                    del self.shown[chat_id]

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await self.sync()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.interval)

    async def _set(
        self, http: aiohttp.ClientSession, chat_id: int, button: dict[str, Any]
    ) -> bool:
        try:
            async with http.post(self._url, json={"chat_id": chat_id, "menu_button": button}) as r:
                answer = await r.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            log.warning("menu button of chat %s not set: %s", chat_id, exc)
            return False
        if not answer.get("ok"):
            log.info("menu button of chat %s not set: %s", chat_id, answer.get("description"))
        return bool(answer.get("ok"))

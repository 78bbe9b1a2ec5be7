"""The staff console's API as the page calls it, signed in as a persona (or forged on purpose)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import aiohttp
from multidict import CIMultiDictProxy

from tests.webapp.client import init_data


@dataclass
class Reply:
    status: int
    body: bytes
    headers: CIMultiDictProxy[str]

    @property
    def json(self) -> dict[str, Any]:
        data = json.loads(self.body)
        assert isinstance(data, dict)
        return data


class ConsoleClient:
    def __init__(self, base: str, token: str, user_id: int, language: str = "zh") -> None:
        self.base = base.rstrip("/")
        self.auth = "tma " + init_data(token, user_id, language)

    async def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        auth: str | None = None,
        **params: object,
    ) -> Reply:
        headers = {"Authorization": self.auth if auth is None else auth}
        query = {k: str(v) for k, v in params.items()}
        async with (
            aiohttp.ClientSession() as http,
            http.request(
                method, f"{self.base}/api/console/{path}", json=body, params=query, headers=headers
            ) as response,
        ):
            return Reply(response.status, await response.read(), response.headers)

    async def get(self, path: str, **params: object) -> dict[str, Any]:
        reply = await self.call("GET", path, None, None, **params)
        assert reply.status == 200, (path, reply.status, reply.body[:300])
        return reply.json

    async def decide(
        self, sid: int, version: int, choice: str, reason: str = "", fields: Sequence[str] = ()
    ) -> Reply:
        body = {"version": version, "choice": choice, "reason": reason, "fields": list(fields)}
        return await self.call("POST", f"submissions/{sid}/decision", body)

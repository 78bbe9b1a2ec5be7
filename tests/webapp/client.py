"""The Mini App's API as the page calls it, signed in as a persona (or forged on purpose)."""

from __future__ import annotations

import io
import json
import time
from typing import Any

import aiohttp

from bot.web.auth import sign_init_data


def init_data(token: str, user_id: int, language: str = "zh", age: float = 0) -> str:
    user = {"id": user_id, "first_name": f"User{user_id}", "language_code": language}
    return sign_init_data(user, token, int(time.time() - age))


class WebClient:
    def __init__(self, base: str, token: str, user_id: int, form: str = "application") -> None:
        self.base = base.rstrip("/")
        self.form = form
        self.scope = ""
        self.auth = "tma " + init_data(token, user_id)

    def url(self, path: str = "") -> str:
        return f"{self.base}/api/forms/{self.form}{path}"

    async def call(
        self, method: str, path: str = "", body: Any = None, auth: str | None = None
    ) -> tuple[int, dict[str, Any]]:
        headers = {"Authorization": auth if auth is not None else self.auth}
        kwargs: dict[str, Any] = {"params": {"scope": self.scope}, "headers": headers}
        if isinstance(body, aiohttp.FormData):
            kwargs["data"] = body
        elif body is not None:
            kwargs["json"] = body
        async with (
            aiohttp.ClientSession() as http,
            http.request(method, self.url(path), **kwargs) as response,
        ):
            text = await response.text()
            return response.status, json.loads(text) if text.startswith("{") else {"raw": text}

    async def view(self) -> dict[str, Any]:
        status, body = await self.call("GET")
        assert status == 200, body
        return body

    async def answer(self, path: str, value: str) -> tuple[int, dict[str, Any]]:
        return await self.call("PUT", "/answers", {"path": path, "value": value})

    async def add_item(self, group: str) -> tuple[int, dict[str, Any]]:
        return await self.call("POST", f"/groups/{group}/items")

    async def upload(self, slot: str, name: str, content: bytes) -> tuple[int, dict[str, Any]]:
        form = aiohttp.FormData()
        form.add_field("file", io.BytesIO(content), filename=name)
        return await self.call("POST", f"/files/{slot}", form)

    async def submit(self) -> tuple[int, dict[str, Any]]:
        return await self.call("POST", "/submit")


def nodes(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {n["key"]: n for s in view["sections"] for n in s["nodes"]}


class CheckClient(WebClient):
    """/check in the page (``/api/check``), as check.js calls it."""

    def __init__(self, base: str, token: str, user_id: int) -> None:
        super().__init__(base, token, user_id, form="check")

    def url(self, path: str = "") -> str:
        return f"{self.base}/api/check{path}"

    async def pick(self, question: str, value: str) -> tuple[int, dict[str, Any]]:
        return await self.call("POST", "/answers", {"question": question, "value": value})

    async def walk(self, *values: str) -> dict[str, Any]:
        """Answer the questions as they come with `values`, in turn; the last view."""
        view = await self.view()
        for value in values:
            assert view["question"], view
            status, view = await self.pick(view["question"]["key"], value)
            assert status == 200, view
        return view


def result_lines(view: dict[str, Any]) -> list[str]:
    """Every line of a result view, in the order the chat's message has them."""
    result = view["result"]
    lines = [result["headline"], result["conditions_title"]]
    for group in result["groups"]:
        lines += [group["title"], *(line["text"] for line in group["lines"])]
    return [*lines, *result["categories"], result["next_steps"]]

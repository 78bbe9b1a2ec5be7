"""A Bot API call a webhook may return in its 2xx answer, which Telegram then executes.

The Bot API server reads the `method` argument of the response (JSON, urlencoded or
multipart, as aiogram sends it) and runs it, except getters, setWebhook, deleteWebhook,
close and logOut (WebhookActor.cpp). The bot never sees the result.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

import aiohttp

from emulator.params import Upload

_REFUSED = frozenset({"deletewebhook", "setwebhook", "close", "logout"})


async def _multipart(response: aiohttp.ClientResponse) -> dict[str, Any]:
    params: dict[str, Any] = {}
    reader = aiohttp.MultipartReader.from_response(response)
    while True:
        part = await reader.next()
        if part is None:
            return params
        if not isinstance(part, aiohttp.BodyPartReader) or not part.name:
            continue
        content = await part.read(decode=True)
        if part.filename:
            mime = part.headers.get("Content-Type", "application/octet-stream")
            params[part.name] = Upload(part.filename, bytes(content), mime)
        else:
            params[part.name] = content.decode("utf-8", "replace")


async def _arguments(response: aiohttp.ClientResponse) -> dict[str, Any]:
    kind = response.content_type
    if kind == "multipart/form-data":
        return await _multipart(response)
    text = await response.text()
    if kind == "application/x-www-form-urlencoded":
        return dict(parse_qsl(text))
    try:
        body = json.loads(text) if text.strip() else {}
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


async def read_reply(response: aiohttp.ClientResponse) -> dict[str, Any] | None:
    """The call to make, with "method" among the parameters, or None."""
    params = await _arguments(response)
    method = str(params.get("method") or "")
    lowered = method.lower()
    if not method or lowered in _REFUSED or lowered.startswith("get"):
        return None
    return params

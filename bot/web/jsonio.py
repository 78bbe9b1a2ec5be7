"""JSON in and out of the web API: bodies read strictly, answers written as UTF-8 text."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


async def json_body(request: web.Request) -> dict[str, Any]:
    """The request's JSON object; 400 for anything else."""
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError):
        raise web.HTTPBadRequest(text="JSON body expected") from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text="JSON object expected")
    return body

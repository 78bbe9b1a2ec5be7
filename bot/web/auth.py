"""Sign-in by Telegram: the Mini App's ``initData``, checked exactly as Telegram documents it.

secret_key = HMAC_SHA256(key="WebAppData", msg=bot_token); the data-check-string is every received
field but ``hash``, sorted by key, as ``key=value`` joined by line feeds; the data is genuine when
hex(HMAC_SHA256(key=secret_key, msg=data_check_string)) equals ``hash`` (compared in constant
time). Data older than ``max_age`` seconds, or dated in the future, is refused, so a leaked
``initData`` stops working. There are no passwords: who someone is comes from Telegram, what
they may do from the database (handlers.roles), as in the chat.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final
from urllib.parse import parse_qsl, urlencode

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

SCHEME: Final = "tma "
SKEW = 60.0
"""Seconds a client's clock may run ahead of ours before its auth_date counts as forged."""


class AuthError(Exception):
    """initData is missing, altered, forged or stale; the request is refused with 401."""


@dataclass(frozen=True, slots=True)
class WebUser:
    id: int
    first_name: str = ""
    username: str | None = None
    language_code: str | None = None


USER: Final = web.RequestKey("tma_user", WebUser)


def _secret(token: str) -> bytes:
    return hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()


def data_check_string(fields: Mapping[str, str]) -> str:
    return "\n".join(f"{k}={fields[k]}" for k in sorted(fields) if k != "hash")


def signature(fields: Mapping[str, str], token: str) -> str:
    return hmac.new(_secret(token), data_check_string(fields).encode(), hashlib.sha256).hexdigest()


def _fields(init_data: str) -> dict[str, str]:
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise AuthError("initData is not a query string") from None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise AuthError("initData repeats a field")
    return fields


def _user(raw: str | None) -> WebUser:
    try:
        data = json.loads(raw or "")
    except ValueError:
        raise AuthError("user is not JSON") from None
    if not isinstance(data, dict) or type(data.get("id")) is not int:
        raise AuthError("user has no numeric id")
    language = data.get("language_code")
    username = data.get("username")
    return WebUser(
        data["id"],
        str(data.get("first_name") or ""),
        username if isinstance(username, str) else None,
        language if isinstance(language, str) else None,
    )


def verify_init_data(init_data: str, token: str, now: float, max_age: float) -> WebUser:
    """The user the data vouches for; AuthError when it is not genuine and fresh."""
    fields = _fields(init_data)
    given = fields.get("hash", "")
    if not hmac.compare_digest(signature(fields, token).encode(), given.encode()):
        raise AuthError("initData signature does not match")
    auth_date = fields.get("auth_date", "")
    if not auth_date.isdigit():
        raise AuthError("auth_date missing")
    age = now - int(auth_date)
    if age > max_age or age < -SKEW:
        raise AuthError("initData expired")
    return _user(fields.get("user"))


def sign_init_data(user: Mapping[str, object], token: str, auth_date: int) -> str:
    """initData as Telegram would build it for `user`: for the playground and the tests."""
    fields = {
        "auth_date": str(auth_date),
        "query_id": f"AAE{auth_date}",
        "user": json.dumps(dict(user), ensure_ascii=False, separators=(",", ":")),
    }
    return urlencode({**fields, "hash": signature(fields, token)})


def request_user(request: web.Request) -> WebUser:
    """The signed-in user of a request that passed :func:`auth_middleware`."""
    return request[USER]


def auth_middleware(
    token: str, max_age: float, clock: Callable[[], float] = time.time
) -> Middleware:
    """Refuse every request without genuine, fresh ``Authorization: tma <initData>`` (401)."""

    @web.middleware
    async def check(request: web.Request, handler: Handler) -> web.StreamResponse:
        header = request.headers.get("Authorization", "")
        if not header.startswith(SCHEME):
            return web.json_response({"error": "unauthorized"}, status=401)
        try:
            user = verify_init_data(header[len(SCHEME) :], token, clock(), max_age)
        except AuthError as exc:
            return web.json_response({"error": "unauthorized", "why": str(exc)}, status=401)
        request[USER] = user
        response: web.StreamResponse = await handler(request)
        return response

    return check

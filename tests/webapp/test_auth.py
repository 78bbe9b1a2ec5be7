"""Sign-in by Telegram: only genuine, fresh initData from our own bot lets a request through."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import AsyncIterator, Callable
from urllib.parse import parse_qsl, quote, urlencode

import aiohttp
import pytest
from aiohttp import web

from bot.web.auth import (
    AuthError,
    WebUser,
    auth_middleware,
    request_user,
    sign_init_data,
    verify_init_data,
)
from bot.web.server import HttpServer

TOKEN = "123456:TEST-token"
OTHER_TOKEN = "654321:another-bot"
NOW = 1_800_000_000
DAY = 86_400.0
ALICE = {"id": 1001, "first_name": "Alice", "language_code": "en", "username": "alice"}


def by_the_docs(fields: dict[str, str], token: str) -> str:
    """Telegram's recipe written out independently of the code under test."""
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
    return hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()


def signed(fields: dict[str, str], token: str = TOKEN) -> str:
    return urlencode({**fields, "hash": by_the_docs(fields, token)})


def alice_fields(auth_date: int = NOW) -> dict[str, str]:
    return {"auth_date": str(auth_date), "query_id": "AAF1", "user": json.dumps(ALICE)}


def verify(init_data: str, now: float = NOW) -> WebUser:
    return verify_init_data(init_data, TOKEN, now, DAY)


def test_genuine_data_names_the_user() -> None:
    user = verify(signed(alice_fields()))
    assert user == WebUser(1001, "Alice", "alice", "en")


def test_our_signer_agrees_with_the_docs() -> None:
    data = dict(parse_qsl(sign_init_data(ALICE, TOKEN, NOW)))
    given = data.pop("hash")
    assert given == by_the_docs(data, TOKEN)
    assert verify(sign_init_data(ALICE, TOKEN, NOW)).id == 1001


def test_fields_unknown_to_us_are_signed_too() -> None:
    fields = {**alice_fields(), "chat_type": "private", "signature": "abc"}
    assert verify(signed(fields)).id == 1001


def _altered() -> str:
    good = signed(alice_fields())
    assert good.count("1001") == 1
    return good.replace("1001", "1002")


def _tampered_user_without_rehash() -> str:
    data = dict(parse_qsl(signed(alice_fields())))
    data["user"] = json.dumps({**ALICE, "id": 9001})
    return urlencode(data)


BAD: dict[str, Callable[[], str]] = {
    "altered field": _altered,
    "tampered user": _tampered_user_without_rehash,
    "wrong hash": lambda: urlencode({**alice_fields(), "hash": "0" * 64}),
    "missing hash": lambda: urlencode(alice_fields()),
    "empty": lambda: "",
    "not a query string": lambda: "garbage",
    "stale auth_date": lambda: signed(alice_fields(NOW - int(DAY) - 1)),
    "future auth_date": lambda: signed(alice_fields(NOW + 3600)),
    "no auth_date": lambda: signed({"user": json.dumps(ALICE)}),
    "bad JSON user": lambda: signed({**alice_fields(), "user": "{id: 1001"}),
    "user without id": lambda: signed({**alice_fields(), "user": '{"first_name":"A"}'}),
    "user id as text": lambda: signed({**alice_fields(), "user": '{"id":"1001"}'}),
    "no user": lambda: signed({"auth_date": str(NOW)}),
    "duplicated key": lambda: signed(alice_fields()) + "&user=" + quote(json.dumps(ALICE)),
    "another bot's token": lambda: signed(alice_fields(), OTHER_TOKEN),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_anything_not_genuine_and_fresh_is_refused(case: str) -> None:
    with pytest.raises(AuthError):
        verify(BAD[case]())


def test_a_small_clock_skew_is_tolerated() -> None:
    assert verify(signed(alice_fields(NOW + 30))).id == 1001
    assert verify(signed(alice_fields(NOW - int(DAY) + 5))).id == 1001


@pytest.fixture
async def guarded() -> AsyncIterator[tuple[str, list[int]]]:
    """An HTTP endpoint behind the middleware that records each user it let through."""
    seen: list[int] = []

    async def change(request: web.Request) -> web.Response:
        seen.append(request_user(request).id)
        return web.json_response({"ok": True})

    def setup(app: web.Application) -> None:
        api = web.Application(middlewares=[auth_middleware(TOKEN, DAY, lambda: NOW)])
        api.router.add_post("/change", change)
        app.add_subapp("/api/", api)

    server = HttpServer("127.0.0.1:0", [setup])
    await server.start()
    try:
        yield f"http://127.0.0.1:{server.port}/api/change", seen
    finally:
        await server.stop()


async def _post(url: str, headers: dict[str, str]) -> int:
    async with aiohttp.ClientSession() as http, http.post(url, headers=headers) as response:
        return response.status


async def test_the_middleware_lets_genuine_requests_through(
    guarded: tuple[str, list[int]],
) -> None:
    url, seen = guarded
    assert await _post(url, {"Authorization": "tma " + signed(alice_fields())}) == 200
    assert seen == [1001]


@pytest.mark.parametrize("case", sorted(BAD))
async def test_the_middleware_refuses_with_401_and_changes_nothing(
    guarded: tuple[str, list[int]], case: str
) -> None:
    url, seen = guarded
    assert await _post(url, {"Authorization": "tma " + BAD[case]()}) == 401
    assert seen == []


@pytest.mark.parametrize(
    "header", ["", "Bearer " + signed(alice_fields()), "tma", signed(alice_fields())]
)
async def test_no_or_other_authorization_is_refused(
    guarded: tuple[str, list[int]], header: str
) -> None:
    url, seen = guarded
    assert await _post(url, {"Authorization": header} if header else {}) == 401
    assert seen == []

"""The Mini App's HTTP API: JSON over the backend, every call signed in by its initData.

    GET    /api/forms/{form}?scope=                    the form as it applies now, with answers
    PUT    /api/forms/{form}/answers?scope=            {"path", "value"}: check and keep one answer
    POST   /api/forms/{form}/groups/{group}/items      add an entry to a repeated group
    DELETE /api/forms/{form}/groups/{group}/items/{i}  remove entry i
    POST   /api/forms/{form}/files/{slot}              multipart "file": check and keep a file
    DELETE /api/forms/{form}/files/{slot}              remove the slot's files
    POST   /api/forms/{form}/submit?scope=             hand the draft in (the page confirmed)
    GET    /api/check                                  a master's /check: the question or result
    POST   /api/check/answers                          {"question", "value"}: answer it
    POST   /api/check/back                             forget the last answer
    POST   /api/check/restart                          forget every answer

A refusal is ``{"error": message}`` with 4xx; the message is the chat's own, in the user's
language. 401 without genuine, fresh initData (bot.web.auth), before anything is read.
The staff console's routes (bot.web.console_api) live in the same application.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import unquote

from aiohttp import BodyPartReader, web

from bot.web.auth import auth_middleware, request_user
from bot.web.backend import Backend, Caller, WebError
from bot.web.console_api import add_console, endpoint
from bot.web.jsonio import dumps, json_body
from policy.attachments import MAX_FILE_BYTES

Call = Callable[[web.Request, Caller, str, str], Awaitable[Any]]


def _endpoint(call: Call) -> Callable[[web.Request], Awaitable[web.Response]]:
    """Unpack who, which form and which scope; answer the backend's result or refusal."""

    async def handle(request: web.Request) -> web.Response:
        name = request.match_info["form"]
        scope = request.query.get("scope", "")
        try:
            who = Caller(request_user(request), request.query.get("lang") or None)
            result = await call(request, who, name, scope)
        except WebError as err:
            body = {"error": err.message, **err.detail}
            return web.json_response(body, status=err.status, dumps=dumps)
        return web.json_response(result, dumps=dumps)

    return handle


async def _file(request: web.Request) -> tuple[str, bytes]:
    """The upload's name and bytes; one byte past the limit is enough to refuse it.

    Browsers send the name as UTF-8, aiohttp's client percent-encodes it: both read the same.
    """
    reader = await request.multipart()
    part = await reader.next()
    if not isinstance(part, BodyPartReader) or part.name != "file":
        raise web.HTTPBadRequest(text='multipart field "file" expected')
    data = bytearray()
    while chunk := await part.read_chunk(256 * 1024):
        data += chunk
        if len(data) > MAX_FILE_BYTES:
            break
    return unquote(part.filename or ""), bytes(data)


def api(backend: Backend, token: str, max_age: float) -> web.Application:
    async def get_form(r: web.Request, u: Caller, name: str, scope: str) -> Any:
        return await backend.form(u, name, scope)

    async def put_answer(r: web.Request, u: Caller, name: str, scope: str) -> Any:
        body = await json_body(r)
        path, value = body.get("path"), body.get("value")
        if not isinstance(path, str) or not isinstance(value, str):
            raise web.HTTPBadRequest(text='{"path": str, "value": str} expected')
        return await backend.answer(u, name, scope, path, value)

    async def add_item(r: web.Request, u: Caller, name: str, scope: str) -> Any:
        return await backend.add_item(u, name, scope, r.match_info["group"])

    async def remove_item(r: web.Request, u: Caller, name: str, scope: str) -> Any:
        index = int(r.match_info["index"])
        return await backend.remove_item(u, name, scope, r.match_info["group"], index)

    async def attach(r: web.Request, u: Caller, name: str, scope: str) -> Any:
        given, data = await _file(r)
        return await backend.attach(u, name, scope, r.match_info["slot"], given, data)

    async def clear(r: web.Request, u: Caller, name: str, scope: str) -> Any:
        return await backend.clear_files(u, name, scope, r.match_info["slot"])

    async def submit(r: web.Request, u: Caller, name: str, scope: str) -> Any:
        return await backend.submit(u, name, scope)

    app = web.Application(
        middlewares=[auth_middleware(token, max_age)],
        client_max_size=MAX_FILE_BYTES + 1024 * 1024,
    )
    form = "/forms/{form:[a-z_]+}"
    app.router.add_get(form, _endpoint(get_form))
    app.router.add_put(form + "/answers", _endpoint(put_answer))
    app.router.add_post(form + "/groups/{group:[a-z0-9_]+}/items", _endpoint(add_item))
    app.router.add_delete(
        form + "/groups/{group:[a-z0-9_]+}/items/{index:[0-9]{1,4}}", _endpoint(remove_item)
    )
    app.router.add_post(form + "/files/{slot:[a-z0-9_]+}", _endpoint(attach))
    app.router.add_delete(form + "/files/{slot:[a-z0-9_]+}", _endpoint(clear))
    app.router.add_post(form + "/submit", _endpoint(submit))
    add_console(app, backend)
    add_check(app, backend)
    return app


def add_check(app: web.Application, backend: Backend) -> None:
    """/check's routes: each acts on the signed-in user's own check, so none names a user."""

    async def view(r: web.Request, who: Caller) -> Any:
        return await backend.check(who)

    async def answer(r: web.Request, who: Caller) -> Any:
        body = await json_body(r)
        question, value = body.get("question"), body.get("value")
        if not isinstance(question, str) or not isinstance(value, str) or len(value) > 200:
            raise web.HTTPBadRequest(text='{"question": str, "value": str} expected')
        return await backend.check_answer(who, question, value)

    async def back(r: web.Request, who: Caller) -> Any:
        return await backend.check_back(who)

    async def restart(r: web.Request, who: Caller) -> Any:
        return await backend.check_restart(who)

    app.router.add_get("/check", endpoint(view))
    app.router.add_post("/check/answers", endpoint(answer))
    app.router.add_post("/check/back", endpoint(back))
    app.router.add_post("/check/restart", endpoint(restart))

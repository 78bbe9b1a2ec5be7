"""The staff console's HTTP API, beside the forms' under ``/api/`` (same sign-in, 401 first).

    GET  /api/console/options                     what the queue can be filtered by
    GET  /api/console/queue?kind=&status=&category=&division=&year=&page=
                                                  a page of submissions ("" for any; status
                                                  left out: the open ones)
    GET  /api/console/submissions/{id}            answers by section, files, diff, decision
    GET  /api/console/submissions/{id}/versions/{v}/files/{i}
                                                  the file itself, fetched from Telegram:
                                                  inline for PDF and images, else a download
    POST /api/console/submissions/{id}/decision   {"version", "choice": approve|return|reject,
                                                  "reason", "fields": [key, …]}; 409 if another
                                                  reviewer decided first or the version moved on
    GET  /api/console/studios?q=&page=            studios with their support period's state
    GET  /api/console/stats                       the figures of /stats, for charts
    GET  /api/console/export                      the workbook of /export (xlsx download)

Each answers 403 to anyone who is not staff (roles resolved on the server, as in the chat).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import asdict
from typing import Any
from urllib.parse import quote

from aiohttp import web

from bot.web.auth import request_user
from bot.web.backend import Backend, Caller, WebError
from bot.web.backend.console_types import DecisionInput, FileContent, QueueQuery, Workbook
from bot.web.jsonio import dumps, json_body

Handler = Callable[[web.Request, Caller], Awaitable[Any]]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PRIVATE = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}


def _answer(result: Any) -> web.StreamResponse:
    if isinstance(result, FileContent):
        kind = "inline" if result.inline else "attachment"
        return _bytes(result.content, result.mime, kind, result.name)
    if isinstance(result, Workbook):
        return _bytes(result.content, XLSX, "attachment", result.file_name)
    return web.json_response(asdict(result), dumps=dumps)


def _bytes(content: bytes, mime: str, disposition: str, name: str) -> web.Response:
    fallback = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    header = f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    headers = {**PRIVATE, "Content-Disposition": header}
    return web.Response(body=content, content_type=mime, headers=headers)


def endpoint(call: Handler) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """Who calls, then the backend's answer (a dataclass as JSON, a file as bytes) or refusal."""

    async def handle(request: web.Request) -> web.StreamResponse:
        try:
            who = Caller(request_user(request), request.query.get("lang") or None)
            return _answer(await call(request, who))
        except WebError as err:
            body = {"error": err.message, **err.detail}
            return web.json_response(body, status=err.status, dumps=dumps)

    return handle


def _number(raw: str | None, default: int | None = None) -> int | None:
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or len(raw) > 9:
        raise web.HTTPBadRequest(text="a number expected")
    return int(raw)


def _queue_query(request: web.Request) -> QueueQuery:
    given = request.query

    def text(key: str, default: str | None = None) -> str | None:
        return given.get(key, default) or None

    return QueueQuery(
        kind=text("kind"),
        status=text("status", "submitted"),
        category=text("category"),
        division=text("division"),
        year=_number(given.get("year")),
        page=_number(given.get("page"), 0) or 0,
    )


async def _decision(request: web.Request) -> DecisionInput:
    body = await json_body(request)
    version, choice = body.get("version"), body.get("choice")
    reason, fields = body.get("reason", ""), body.get("fields", [])
    if not isinstance(version, int) or not isinstance(choice, str) or not isinstance(reason, str):
        raise web.HTTPBadRequest(text='{"version": int, "choice": str, "reason": str} expected')
    if not isinstance(fields, list) or not all(isinstance(f, str) for f in fields):
        raise web.HTTPBadRequest(text='"fields" must be a list of field keys')
    sid = int(request.match_info["id"])
    return DecisionInput(sid, version, choice, reason, tuple(fields))


def add_console(app: web.Application, backend: Backend) -> None:
    """Add the console's routes to the signed-in API application."""

    def sid(r: web.Request) -> int:
        return int(r.match_info["id"])

    async def options(r: web.Request, who: Caller) -> Any:
        return await backend.queue_options(who)

    async def queue(r: web.Request, who: Caller) -> Any:
        return await backend.queue(who, _queue_query(r))

    async def submission(r: web.Request, who: Caller) -> Any:
        return await backend.submission(who, sid(r))

    async def attachment(r: web.Request, who: Caller) -> Any:
        version, index = int(r.match_info["v"]), int(r.match_info["i"])
        return await backend.attachment(who, sid(r), version, index)

    async def decide(r: web.Request, who: Caller) -> Any:
        return await backend.decide(who, await _decision(r))

    async def studios(r: web.Request, who: Caller) -> Any:
        query = r.query.get("q", "").strip()[:64]
        return await backend.studios(who, query, _number(r.query.get("page"), 0) or 0)

    async def stats(r: web.Request, who: Caller) -> Any:
        return await backend.stats(who)

    async def export(r: web.Request, who: Caller) -> Any:
        return await backend.export(who)

    one = "/console/submissions/{id:[0-9]{1,12}}"
    file = one + "/versions/{v:[0-9]{1,6}}/files/{i:[0-9]{1,4}}"
    app.router.add_get("/console/options", endpoint(options))
    app.router.add_get("/console/queue", endpoint(queue))
    app.router.add_get(one, endpoint(submission))
    app.router.add_get(file, endpoint(attachment))
    app.router.add_post(one + "/decision", endpoint(decide))
    app.router.add_get("/console/studios", endpoint(studios))
    app.router.add_get("/console/stats", endpoint(stats))
    app.router.add_get("/console/export", endpoint(export))

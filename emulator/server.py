"""HTTP front door: routing, auth, faults, flood control and call recording.

Every answer is Telegram-shaped JSON, including crashes inside the emulator, so a
client under test never sees an aiohttp error page it could not have met in production.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from emulator import (
    api_album,
    api_callbacks,
    api_commands,
    api_files,
    api_messages,
    api_updates,
    api_webhook,
)
from emulator.api_menu import HANDLERS as MENU_HANDLERS
from emulator.api_types import Described, Handler
from emulator.faults import FaultPlan
from emulator.flood import FloodGate
from emulator.models import RecordedCall
from emulator.params import ApiError, Params, read_params
from emulator.state import World

log = logging.getLogger(__name__)

HANDLERS: dict[str, Handler] = {
    **api_updates.HANDLERS,
    **api_commands.HANDLERS,
    **api_messages.HANDLERS,
    **api_callbacks.HANDLERS,
    **api_files.HANDLERS,
    **api_album.HANDLERS,
    **api_webhook.HANDLERS,
    **MENU_HANDLERS,
}
_BY_LOWER = {name.lower(): name for name in HANDLERS}
FLOOD_METHODS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "sendMediaGroup",
        "editMessageText",
        "editMessageReplyMarkup",
        "deleteMessage",
    }
)
MAX_BODY = 64 * 1024 * 1024
CLIENT_GONE = 499


def _loose_chat_id(raw: dict[str, Any]) -> int | None:
    """Best-effort chat id for fault and flood matching; validation happens later."""
    try:
        return int(raw["chat_id"])
    except (KeyError, TypeError, ValueError):
        return None


def _error(status: int, description: str, **parameters: Any) -> tuple[int, dict[str, Any]]:
    return status, ApiError(description, status, parameters or None).payload()


class ApiServer:
    def __init__(
        self,
        world: World,
        faults: FaultPlan,
        calls: list[RecordedCall],
        gate: Callable[[], FloodGate | None],
    ) -> None:
        self.world = world
        self.faults = faults
        self.calls = calls
        self._gate = gate

    def app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_route("*", "/bot{token}/{method}", self.handle_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self.handle_file)
        app.router.add_route("*", "/{tail:.*}", self.handle_unknown)
        return app

    async def handle_method(self, request: web.Request) -> web.Response:
        arrived = time.monotonic()
        method = request.match_info["method"]
        method = _BY_LOWER.get(method.lower(), method)
        params: dict[str, Any] = {}
        try:
            params = await read_params(request)
            status, body = await self._dispatch(request.match_info["token"], method, params)
        except ApiError as exc:
            status, body = exc.status, exc.payload()
        except Exception:
            log.exception("emulator crashed in %s", method)
            status, body = _error(500, "Internal Server Error")
        transport = request.transport
        gone = transport is None or transport.is_closing()
        # 499 (nginx's "client closed request") marks answers nobody received, such as
        # a long poll abandoned by a stopping client or a reply after a client timeout.
        recorded = CLIENT_GONE if gone else status
        self.calls.append(RecordedCall(method, params, recorded, arrived, body))
        return web.json_response(body, status=status)

    async def execute(self, params: dict[str, Any]) -> None:
        """A call returned in a webhook answer: run and recorded, its result seen by nobody."""
        arrived = time.monotonic()
        method = _BY_LOWER.get(str(params["method"]).lower(), str(params["method"]))
        raw = {k: v for k, v in params.items() if k != "method"}
        try:
            status, body = await self._dispatch(self.world.token, method, raw)
        except ApiError as exc:
            status, body = exc.status, exc.payload()
        except Exception:
            log.exception("emulator crashed in %s (webhook reply)", method)
            status, body = _error(500, "Internal Server Error")
        self.calls.append(RecordedCall(method, raw, status, arrived, body))

    async def _dispatch(
        self, token: str, method: str, raw: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        if token != self.world.token:
            return _error(401, "Unauthorized")
        handler = HANDLERS.get(method)
        if handler is None:
            return _error(404, "Not Found")
        chat_id = _loose_chat_id(raw)
        fault = self.faults.take(method, chat_id)
        if fault is not None:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.status is not None:
                if fault.status == 429:
                    return _error(429, fault.text(), retry_after=fault.retry_after or 1)
                return _error(fault.status, fault.text())
        gate = self._gate()
        if gate is not None and method in FLOOD_METHODS:
            retry_after = gate.check(chat_id)
            if retry_after is not None:
                text = f"Too Many Requests: retry after {retry_after}"
                return _error(429, text, retry_after=retry_after)
        result = await self._run(handler, method, raw)
        if isinstance(result, Described):
            return 200, {"ok": True, "result": result.result, "description": result.description}
        return 200, {"ok": True, "result": result}

    async def _run(self, handler: Handler, method: str, raw: dict[str, Any]) -> Any:
        if method == "getUpdates":
            return await handler(self.world, Params(raw))
        chat_id = _loose_chat_id(raw)
        self.world.inflight[chat_id] += 1
        self.world.signal.bump()
        try:
            return await handler(self.world, Params(raw))
        finally:
            self.world.inflight[chat_id] -= 1
            self.world.signal.bump()

    async def handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.world.token:
            status, body = _error(401, "Unauthorized")
            return web.json_response(body, status=status)
        stored = self.world.files.by_path(request.match_info["path"])
        if stored is None:
            status, body = _error(404, "Not Found")
            return web.json_response(body, status=status)
        return web.Response(body=stored.content, headers={"Content-Type": stored.mime_type})

    async def handle_unknown(self, request: web.Request) -> web.Response:
        status, body = _error(404, "Not Found")
        return web.json_response(body, status=status)

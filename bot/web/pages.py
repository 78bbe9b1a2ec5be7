"""The Mini App's page and assets, served by the bot itself from package data (no CDN)."""

from __future__ import annotations

from importlib import resources
from typing import Final

from aiohttp import web

from bot.web.api import api
from bot.web.backend import Backend
from bot.web.jsonio import dumps
from bot.web.server import RouteSetup

ASSETS: Final = {
    "kit.js": "text/javascript",
    "form.js": "text/javascript",
    "check.js": "text/javascript",
    "charts.js": "text/javascript",
    "submission.js": "text/javascript",
    "console.js": "text/javascript",
    "main.js": "text/javascript",
    "app.css": "text/css",
}
NO_STORE: Final = {"Cache-Control": "no-cache"}


def _asset(name: str) -> bytes:
    return resources.files("bot.web").joinpath("static", name).read_bytes()


async def index(request: web.Request) -> web.Response:
    return web.Response(body=_asset("index.html"), content_type="text/html", headers=NO_STORE)


async def asset(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    if name not in ASSETS:
        raise web.HTTPNotFound()
    return web.Response(body=_asset(name), content_type=ASSETS[name], headers=NO_STORE)


async def texts(request: web.Request) -> web.Response:
    lang = request.match_info["lang"]
    return web.json_response(Backend.texts(lang), dumps=dumps)


def mini_app(backend: Backend, token: str, max_age: float) -> RouteSetup:
    """The page at ``/``, its assets, its words, and the signed-in API under ``/api/``."""

    def setup(app: web.Application) -> None:
        app.router.add_get("/", index)
        app.router.add_get("/static/{name}", asset)
        app.router.add_get("/texts/{lang:[a-z]{2}}.json", texts)
        app.add_subapp("/api/", api(backend, token, max_age))

    return setup

"""Which HTTP routes this bot serves: the Mini App when WEBAPP_URL is set (webhook: to come)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.web.backend import Backend
from bot.web.pages import mini_app
from bot.web.server import HttpServer
from bot.web.telegram import DocumentUploader

if TYPE_CHECKING:
    from bot.app import BotApp


def http_server(app: BotApp) -> HttpServer | None:
    """The one HTTP server, or None when neither the Mini App nor a webhook needs it."""
    settings = app.settings
    if not (settings.webapp_url or settings.webhook_url):
        return None
    server = HttpServer(settings.http_listen)
    if settings.webapp_url and settings.bot_token:
        upload = DocumentUploader(
            settings.api_base, settings.bot_token, app.limiter, settings.request_timeout
        )
        backend = Backend(app.core, upload)
        server.routes.append(mini_app(backend, settings.bot_token, settings.webapp_auth_max_age))
    return server

"""Which HTTP routes this bot serves: /healthz always, the webhook's path when WEBHOOK_URL is
set, the Mini App when WEBAPP_URL is set.

With the Mini App comes the staff console, and the staff's chat menu button that opens it
(bot.web.menu, one more service of the bot); a bot without WEBAPP_URL never imports them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.web.server import HttpServer
from bot.webhook import health_route, webhook_route
from handlers.review.console_link import console_url

if TYPE_CHECKING:
    from bot.app import BotApp, Service


def http_server(app: BotApp) -> tuple[HttpServer | None, list[Service]]:
    """The one HTTP server (None when neither the Mini App nor a webhook needs it), and the
    services that come with it (the staff's menu button)."""
    settings = app.settings
    if not (settings.webapp_url or settings.webhook_url):
        return None, []
    routes = [health_route(app.health)]
    services: list[Service] = []
    if settings.webhook_url and settings.webhook_secret:
        routes.append(webhook_route(settings.webhook_path, app.take, settings.webhook_secret))
    console = console_url(settings.webapp_base)
    if console and settings.bot_token:
        # the console and the Mini App's pages load only where they are served
        from bot.web.backend import Backend
        from bot.web.menu import MenuButtons
        from bot.web.pages import mini_app
        from bot.web.telegram import DocumentUploader

        upload = DocumentUploader(
            settings.api_base, settings.bot_token, app.limiter, settings.request_timeout
        )
        backend = Backend(app.core, upload)
        routes.append(mini_app(backend, settings.bot_token, settings.webapp_auth_max_age))
        if console.startswith("https://"):  # Telegram opens Mini Apps over https only
            menu = MenuButtons(
                settings.api_base,
                settings.bot_token,
                console,
                backend.staff_members,
                settings.request_timeout,
            )
            services.append(menu.run)
    return HttpServer(settings.http_listen, routes), services

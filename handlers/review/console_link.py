"""Where staff open the review console: the Mini App's staff pages, when WEBAPP_URL is set."""

from __future__ import annotations

from handlers.context import Context
from services.messages.actions import Btn

CONSOLE_QUERY = "view=console"


def console_url(base: str | None) -> str | None:
    """The console's address under the Mini App's base (None: no Mini App configured)."""
    return f"{base.rstrip('/')}/?{CONSOLE_QUERY}" if base else None


def console_row(ctx: Context) -> list[Btn]:
    """ "Review on a web page", or nothing without a Mini App."""
    url = console_url(ctx.config.webapp_url)
    return [Btn(label=ctx.t("review.web_open"), web_app_url=url)] if url else []

"""The Mini App button under a form's first screen: the same draft, filled in on a web page."""

from __future__ import annotations

from urllib.parse import urlencode

from handlers.context import Context
from services.messages.actions import Btn, Edit, Send
from services.messages.keyboards import stack


def web_app_url(ctx: Context, flow: str, args: str = "") -> str | None:
    """Where the page opens this form (None when no Mini App is configured)."""
    base = ctx.config.webapp_url
    if not base:
        return None
    query = {"form": flow, **({"scope": args} if args else {})}
    return f"{base.rstrip('/')}/?{urlencode(query)}"


def offer_web(ctx: Context, flow: str, args: str = "") -> None:
    """Add the button to the last screen this update shows, if a Mini App is configured."""
    url = web_app_url(ctx, flow, args)
    if url is None:
        return
    button = Btn(label=ctx.t("forms.web_open"), web_app_url=url)
    for i in range(len(ctx.out) - 1, -1, -1):
        shown = ctx.out[i]
        if isinstance(shown, Send | Edit):
            ctx.out[i] = shown.model_copy(update={"keyboard": stack(shown.keyboard, [button])})
            return

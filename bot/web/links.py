"""The URL Telegram opens for a Mini App, built here for the playground (and the tests).

Telegram appends what it passes to the page in the URL's fragment: ``tgWebAppData`` (the signed
initData), ``tgWebAppVersion``, ``tgWebAppPlatform`` and ``tgWebAppThemeParams`` (JSON).
"""

from __future__ import annotations

import json
import time
from urllib.parse import quote

from bot.web.auth import sign_init_data


def mini_app_url(
    base: str, init_data: str, query: str = "form=application", theme: dict[str, str] | None = None
) -> str:
    fragment = [
        "tgWebAppData=" + quote(init_data, safe=""),
        "tgWebAppVersion=8.0",
        "tgWebAppPlatform=weba",
    ]
    if theme is not None:
        fragment.append("tgWebAppThemeParams=" + quote(json.dumps(theme), safe=""))
    return f"{base.rstrip('/')}/?{query}#{'&'.join(fragment)}"


def signed_link(base: str, token: str, user_id: int, first_name: str, query: str) -> str:
    """A link that opens the Mini App signed as this user, as if Telegram had opened it."""
    user = {"id": user_id, "first_name": first_name, "language_code": "zh"}
    return mini_app_url(base, sign_init_data(user, token, int(time.time())), query)

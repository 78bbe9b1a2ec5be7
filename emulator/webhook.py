"""The bot's webhook as the Bot API server keeps it, and the checks setWebhook makes.

Rules and wording follow tdlib/telegram-bot-api (Client.cpp `do_set_webhook`,
`JsonWebhookInfo`; WebhookActor.cpp). `local_mode` mirrors a Bot API server started with
`--local`, which accepts plain-HTTP URLs on any port; api.telegram.org does not.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from yarl import URL

from emulator.params import bad_request

DEFAULT_MAX_CONNECTIONS = 40
_SECRET = re.compile(r"^[A-Za-z0-9_-]*$")
_PUBLIC_PORTS = (80, 88, 443, 8443)


@dataclass
class Webhook:
    url: str = ""
    secret_token: str = ""
    max_connections: int = 0
    has_custom_certificate: bool = False
    ip_address: str = ""
    last_error_date: int = 0
    last_error_message: str = ""

    @property
    def active(self) -> bool:
        return bool(self.url)


def _parse(raw: str) -> URL | None:
    """A scheme-less URL means https, as in tdlib's `parse_url`."""
    try:
        return URL(raw if "://" in raw else f"https://{raw}")
    except ValueError:
        return None


def check_url(raw: str, local_mode: bool) -> str:
    url = _parse(raw)
    if url is None or url.scheme not in ("http", "https") or not url.host:
        raise bad_request("invalid webhook URL specified")
    port = url.port
    if not local_mode:
        if url.scheme != "https":
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        if port not in _PUBLIC_PORTS:
            raise bad_request(
                "bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"
            )
    return raw


def check_secret(secret: str) -> str:
    if len(secret) > 256:
        raise bad_request("secret token is too long")
    if not _SECRET.match(secret):
        raise bad_request("secret token contains unallowed characters")
    return secret


def clamp_connections(value: int | None) -> int:
    """tdlib clamps max_connections into 1..100 instead of refusing it."""
    return DEFAULT_MAX_CONNECTIONS if value is None else min(100, max(1, value))


def ip_of(raw: str) -> str:
    url = _parse(raw)
    host = url.host if url is not None and url.host else ""
    if host == "localhost":
        return "127.0.0.1"
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return "<unknown>"

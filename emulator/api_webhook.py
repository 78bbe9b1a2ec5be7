"""setWebhook, deleteWebhook and getWebhookInfo, following the Bot API server's logic.

As in tdlib/telegram-bot-api: a non-empty setWebhook is accepted at most once a second
(429 otherwise), an unchanged webhook answers "Webhook is already set", and changing it
closes the old one first, so a bad new URL leaves no webhook at all.
"""

from __future__ import annotations

import time
from typing import Any

from emulator.api_types import Described, Handler
from emulator.api_updates import read_allowed
from emulator.params import ApiError, Params, Upload
from emulator.state import World
from emulator.webhook import Webhook, check_secret, check_url, clamp_connections, ip_of

SET_WEBHOOK_INTERVAL = 1.0


def _unchanged(world: World, params: Params, url: str) -> bool:
    hook = world.webhook
    certificate = isinstance(params.raw.get("certificate"), Upload)
    connections = clamp_connections(params.get_int("max_connections")) if url else 0
    secret = (params.get_str("secret_token") or "") if url else ""
    return (
        hook.url == url
        and not (hook.has_custom_certificate or certificate)
        and (connections, secret) == (hook.max_connections, hook.secret_token)
        and not params.get_bool("drop_pending_updates")
    )


def _change(world: World, params: Params, url: str) -> Described:
    allowed = read_allowed(params) if url else None
    if _unchanged(world, params, url):
        world.updates.set_allowed(allowed)
        return Described(True, "Webhook is already set" if url else "Webhook is already deleted")
    if url and world.waiting_polls:
        world.abort_poll("Conflict: terminated by setWebhook request")
    was_set = world.webhook.active
    world.webhook = Webhook()
    world.signal.bump()
    if params.get_bool("drop_pending_updates"):
        world.updates.drop_all()
    if not url:
        return Described(True, "Webhook was deleted" if was_set else "Webhook is already deleted")
    world.webhook = Webhook(
        url=check_url(url, world.local_mode),
        secret_token=check_secret(params.get_str("secret_token") or ""),
        max_connections=clamp_connections(params.get_int("max_connections")),
        has_custom_certificate=isinstance(params.raw.get("certificate"), Upload),
        ip_address=ip_of(url),
    )
    world.updates.set_allowed(allowed)
    world.signal.bump()
    return Described(True, "Webhook was set")


async def set_webhook(world: World, params: Params) -> Described:
    url = params.get_str("url") or ""
    if url:
        now = time.monotonic()
        if now < world.set_webhook_after:
            raise ApiError("Too Many Requests: retry after 1", 429, {"retry_after": 1})
        world.set_webhook_after = now + SET_WEBHOOK_INTERVAL
    return _change(world, params, url)


async def delete_webhook(world: World, params: Params) -> Described:
    return _change(world, params, "")


async def get_webhook_info(world: World, params: Params) -> dict[str, Any]:
    """WebhookInfo: optional fields only when set, exactly as `JsonWebhookInfo` writes them."""
    hook = world.webhook
    body: dict[str, Any] = {
        "url": hook.url,
        "has_custom_certificate": hook.has_custom_certificate,
        "pending_update_count": world.updates.pending_count,
    }
    if hook.last_error_date:
        body["last_error_date"] = hook.last_error_date
        body["last_error_message"] = hook.last_error_message
    if hook.max_connections:
        body["max_connections"] = hook.max_connections
    if hook.url:
        body["ip_address"] = hook.ip_address or "<unknown>"
    allowed = world.updates.allowed_json()
    if allowed is not None:
        body["allowed_updates"] = allowed
    return body


HANDLERS: dict[str, Handler] = {
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
}

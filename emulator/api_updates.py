"""getUpdates long polling, webhook stubs and the bot's own identity."""

from __future__ import annotations

from typing import Any

from emulator.api_types import Handler
from emulator.params import ApiError, Params, bad_request
from emulator.state import World

MAX_POLL_TIMEOUT = 50.0


async def get_updates(world: World, params: Params) -> list[dict[str, Any]]:
    """Real long polling: return as soon as something is deliverable or time runs out."""
    offset = params.get_int("offset")
    limit = min(100, max(1, params.get_int("limit", 100) or 100))
    timeout = min(MAX_POLL_TIMEOUT, max(0.0, params.get_float("timeout", 0.0) or 0.0))
    allowed = params.get_json("allowed_updates")
    if allowed is not None and not isinstance(allowed, list):
        raise bad_request("can't parse allowed_updates JSON object")
    world.poll_generation += 1
    mine = world.poll_generation
    world.signal.bump()  # lets an older poll notice it has been superseded
    if offset is not None:
        world.updates.confirm(offset)
    world.updates.set_allowed(allowed)
    if timeout > 0 and not world.updates.ready():
        world.waiting_polls += 1
        world.signal.bump()
        try:
            await world.signal.wait_for(
                lambda: world.closing or world.poll_generation != mine or world.updates.ready(),
                timeout,
            )
        finally:
            world.waiting_polls -= 1
    if world.poll_generation != mine:
        raise ApiError("Conflict: terminated by other getUpdates request", status=409)
    if world.closing:
        return []
    return world.updates.take(limit)


async def delete_webhook(world: World, params: Params) -> bool:
    if params.get_bool("drop_pending_updates"):
        world.updates.drop_all()
    return True


async def get_webhook_info(world: World, params: Params) -> dict[str, Any]:
    return {
        "url": "",
        "has_custom_certificate": False,
        "pending_update_count": world.updates.pending_count,
    }


async def get_me(world: World, params: Params) -> dict[str, Any]:
    return world.me_json()


async def log_out(world: World, params: Params) -> bool:
    return True


HANDLERS: dict[str, Handler] = {
    "getUpdates": get_updates,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "getMe": get_me,
    "logOut": log_out,
    "close": log_out,
}

"""getUpdates long polling and the bot's own identity."""

from __future__ import annotations

from typing import Any

from emulator.api_types import Handler
from emulator.params import ApiError, Params, bad_request
from emulator.state import World

MAX_POLL_TIMEOUT = 50.0
WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
OTHER_POLL = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


def read_allowed(params: Params) -> list[str] | None:
    allowed = params.get_json("allowed_updates")
    if allowed is not None and not isinstance(allowed, list):
        raise bad_request("can't parse allowed_updates JSON object")
    return allowed


async def get_updates(world: World, params: Params) -> list[dict[str, Any]]:
    """Real long polling: return as soon as something is deliverable or time runs out."""
    if world.webhook.active:
        raise ApiError(WEBHOOK_ACTIVE, status=409)
    offset = params.get_int("offset")
    limit = min(100, max(1, params.get_int("limit", 100) or 100))
    timeout = min(MAX_POLL_TIMEOUT, max(0.0, params.get_float("timeout", 0.0) or 0.0))
    allowed = read_allowed(params)
    world.abort_poll(OTHER_POLL)  # lets an older poll notice it has been superseded
    mine = world.poll_generation
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
        raise ApiError(world.poll_abort, status=409)
    if world.closing:
        return []
    return world.updates.take(limit)


async def get_me(world: World, params: Params) -> dict[str, Any]:
    return world.me_json()


async def log_out(world: World, params: Params) -> bool:
    return True


HANDLERS: dict[str, Handler] = {
    "getUpdates": get_updates,
    "getMe": get_me,
    "logOut": log_out,
    "close": log_out,
}

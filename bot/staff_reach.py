"""Staff whom the bot cannot write to, said once at start-up rather than found out later.

Telegram lets a bot write only to people who started it, so a `STAFF_IDS` member who never did
misses every notice ("chat not found"). The outbox sender marks such users when Telegram refuses
a message; a user who writes to the bot is reachable again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection

from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

UNREACHABLE_MARKS = ("chat not found", "bot was blocked", "user is deactivated", "bot can't")


def is_unreachable(error: str) -> bool:
    """Telegram's refusals that mean nobody in this chat can be written to now."""
    lowered = error.lower()
    return any(mark in lowered for mark in UNREACHABLE_MARKS)


async def report_unreachable_staff(
    uow: Callable[[], UnitOfWork], staff_ids: Collection[int]
) -> None:
    if not staff_ids:
        return
    async with uow() as work:
        found = await work.users.unreachable_among(staff_ids)
    for user_id, reason in found.items():
        why = reason or "has not started the bot yet"
        log.warning("staff %s cannot be sent notices: %s", user_id, why)

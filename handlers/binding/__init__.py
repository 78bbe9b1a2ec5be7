"""/bind: binding codes that link the unit's contact or the studio's master to a studio."""

from __future__ import annotations

from handlers.binding.flow import BindFlow
from handlers.flow import Flow
from handlers.roles import Role
from storage.repos.studios import StudiosRepo
from storage.uow import UnitOfWork


async def master_role(uow: UnitOfWork, user_id: int) -> set[Role]:
    """Role.MASTER for whoever redeemed a studio's master code (第九条(六))."""
    return {Role.MASTER} if await uow.repo(StudiosRepo).is_master(user_id) else set()


def binding_flows() -> list[Flow]:
    return [BindFlow()]

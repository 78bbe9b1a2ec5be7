"""Who someone is to the programme; shapes the menu and guards staff actions."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from enum import StrEnum

from storage.uow import UnitOfWork


class Role(StrEnum):
    PUBLIC = "public"
    CONTACT = "contact"  # contact person of an approved studio
    MASTER = "master"  # the studio's leading master (第九条(六)): files the plan
    STAFF = "staff"


RoleSource = Callable[[UnitOfWork, int], Awaitable[set[Role]]]


async def resolve_roles(
    uow: UnitOfWork, user_id: int, staff_ids: frozenset[int], sources: Sequence[RoleSource]
) -> frozenset[Role]:
    roles = {Role.PUBLIC}
    user = await uow.users.get(user_id)
    if user_id in staff_ids or (user is not None and user.is_staff):
        roles.add(Role.STAFF)
    for source in sources:
        roles |= await source(uow, user_id)
    return frozenset(roles)

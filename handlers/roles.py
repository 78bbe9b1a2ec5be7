"""Who someone is to the programme; shapes the menu and guards staff actions."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from enum import StrEnum

from storage.repos.studios import StudiosRepo
from storage.uow import UnitOfWork


class Role(StrEnum):
    PUBLIC = "public"
    CONTACT = "contact"  # contact person of an approved studio
    MASTER = "master"  # the studio's leading master (第九条(六)): files the plan
    STAFF = "staff"


RoleSource = Callable[[UnitOfWork, int], Awaitable[set[Role]]]


async def resolve_roles(
    uow: UnitOfWork,
    user_id: int,
    staff_ids: frozenset[int],
    sources: Sequence[RoleSource],
    *,
    made_staff: bool | None = None,
) -> frozenset[Role]:
    """`made_staff`: the user row's flag (/staff), when the caller has just read it."""
    roles = {Role.PUBLIC}
    if made_staff is None:
        user = await uow.users.get(user_id)
        made_staff = user is not None and user.is_staff
    if user_id in staff_ids or made_staff:
        roles.add(Role.STAFF)
    for source in sources:
        roles |= await source(uow, user_id)
    return frozenset(roles)


async def studio_roles(uow: UnitOfWork, user_id: int) -> set[Role]:
    """Role.CONTACT for a studio's contact (by approval or a binding code), Role.MASTER for the
    master who redeemed its master code (第九条(六)); one question to the database for both."""
    contact, master = await uow.repo(StudiosRepo).ties(user_id)
    return {r for r, held in ((Role.CONTACT, contact), (Role.MASTER, master)) if held}

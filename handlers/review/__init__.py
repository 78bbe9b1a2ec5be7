"""Agency staff review submissions: /pending, a submission's card, and the decisions on it."""

from __future__ import annotations

from handlers.flow import Flow
from handlers.review.binding import BindFlow
from handlers.review.flow import ReviewFlow
from handlers.roles import Role
from storage.repos.studios import StudiosRepo
from storage.uow import UnitOfWork


async def contact_role(uow: UnitOfWork, user_id: int) -> set[Role]:
    """Role.CONTACT for whoever is the contact of a studio (by approval or a binding code)."""
    return {Role.CONTACT} if await uow.repo(StudiosRepo).is_contact(user_id) else set()


def review_flows() -> list[Flow]:
    """/pending and /bind; /stats, /export and /staff live in their own packages."""
    return [ReviewFlow(), BindFlow()]

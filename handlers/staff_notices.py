"""The staff list as the chat's flows see it (services.staff_grants keeps the rule), and the
staff notice of a hand-in (services.submissions writes it)."""

from __future__ import annotations

from handlers.context import Context
from services import staff_grants, submissions
from storage.models import Submission


async def staff_ids(ctx: Context) -> list[int]:
    """Staff from `STAFF_IDS` plus those granted in the bot (/staff)."""
    return await staff_grants.staff_ids(ctx.uow, ctx.config.staff_ids)


async def notify_staff(ctx: Context, submission: Submission, event: str) -> None:
    """One notice per staff member and submission version; `event` is new | resubmitted."""
    ctx.notified += await submissions.notify_staff(
        ctx.uow, submission, event, ctx.config.staff_ids
    )

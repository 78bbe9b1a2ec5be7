"""The staff notice of a hand-in, as the chat's flows send it (services.submissions writes it;
services.recipients keeps the staff list)."""

from __future__ import annotations

from handlers.context import Context
from services import submissions
from storage.models import Submission


async def notify_staff(ctx: Context, submission: Submission, event: str) -> None:
    """One notice per staff member and submission version; `event` is new | resubmitted."""
    ctx.notified += await submissions.notify_staff(
        ctx.uow, submission, event, ctx.config.staff_ids, ctx.config.default_lang
    )

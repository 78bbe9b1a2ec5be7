"""Telling every staff member, through the outbox, that something awaits their review."""

from __future__ import annotations

from handlers.context import Context
from services.messages.actions import Send
from services.messages.keyboards import button, rows
from services.messages.payloads import Action
from services.messages.texts import Texts
from storage.models import Submission

REVIEW_FLOW = "review"


async def staff_ids(ctx: Context) -> list[int]:
    """Staff from `STAFF_IDS` plus those granted in the bot (/staff)."""
    granted = await ctx.uow.users.staff_ids()
    return sorted(set(ctx.config.staff_ids) | set(granted))


async def notify_staff(ctx: Context, submission: Submission, event: str) -> None:
    """One notice per staff member and submission version; `event` is new | resubmitted."""
    for staff_id in await staff_ids(ctx):
        user = await ctx.uow.users.get(staff_id)
        texts = Texts("en" if user is not None and user.language == "en" else "zh")
        text = texts(
            f"staff_notice.{event}",
            kind=texts(f"staff_notice.kind_{submission.kind}"),
            receipt=submission.receipt_no,
            title=submission.title,
            version=submission.version,
        )
        open_button = button(
            texts("staff_notice.open"), REVIEW_FLOW, Action.of("open", submission.id)
        )
        await ctx.notify(
            f"staff:{submission.id}:v{submission.version}:{staff_id}",
            Send(chat_id=staff_id, text=text, keyboard=rows([open_button])),
        )

"""Telling every staff member, through the outbox, that something awaits their review."""

from __future__ import annotations

from handlers.context import Context
from services.messages.actions import Send
from services.messages.keyboards import button, rows
from storage.models import Submission

REVIEW_FLOW = "review"


async def notify_staff(ctx: Context, submission: Submission, event: str) -> None:
    """One notice per staff member and submission version; `event` is new | resubmitted."""
    for staff_id in await ctx.staff():
        texts = await ctx.texts_for(staff_id)
        text = texts(
            f"staff_notice.{event}",
            kind=texts(f"staff_notice.kind_{submission.kind}"),
            receipt=submission.receipt_no,
            title=submission.title,
            version=submission.version,
        )
        open_button = button(texts("staff_notice.open"), REVIEW_FLOW, f"open:{submission.id}")
        await ctx.notify(
            f"staff:{submission.id}:v{submission.version}:{staff_id}",
            Send(chat_id=staff_id, text=text, keyboard=rows([open_button])),
        )

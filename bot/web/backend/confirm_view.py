"""What the console says before a decision is confirmed: the chat's own confirmation for that
decision on that kind (an application's approval creates the studio, a plan's puts it on
record, a report's keeps it for the assessment; returns and rejections likewise), so staff
read the same consequences on either surface."""

from __future__ import annotations

from bot.web.form_view import plain
from handlers.context import Context
from handlers.review.decide import CHOICES, confirm_text


def confirmations(ctx: Context, kind: str, title: str) -> dict[str, str]:
    """approve | return | reject → the plain text to confirm it with."""
    return {
        choice: plain(confirm_text(ctx, {"d": decision.value, "kind": kind}, title)) or ""
        for choice, decision in CHOICES.items()
    }

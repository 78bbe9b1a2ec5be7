"""The comment and confirmation steps of `/assess` (第十六条: a fail carries improvement opinions).

A pass may go without a comment; a fail needs the opinions, validated like a review's reason
(too long is refused, never cut). The confirmation shows what will be recorded and sent.
"""

from __future__ import annotations

from handlers.context import Context
from policy import display
from policy.assessment import OPINION_REQUIRED, opinion_required
from policy.validators.errors import FieldError
from policy.validators.text import validate_text
from services.assessments import AssessmentOutcome
from services.messages.actions import Keyboard
from services.messages.keyboards import button, rows
from storage.models import Conversation
from storage.repos.studios import StudiosRepo

FLOW = "assess"
OPINION_MAX = 1000
MARKS = {True: "✅", False: "❌"}


def opinion_prompt(ctx: Context, conv: Conversation) -> tuple[str, Keyboard | None]:
    """Ask for the comment; a fail has no "no comment" button."""
    if opinion_required(bool(conv.data.get("passed"))):
        return ctx.t("annual.assess_opinion"), None
    skip = button(ctx.t("annual.no_comment"), FLOW, "nc", conv.seq)
    return ctx.t("annual.assess_comment"), rows([skip])


async def take_opinion(ctx: Context, conv: Conversation, text: str) -> None:
    """Keep a valid comment and show the confirmation; a bad one is refused with the reason."""
    passed = bool(conv.data.get("passed"))
    try:
        opinion = validate_text(text, max_length=OPINION_MAX, multiline=True) if text else ""
    except FieldError as error:
        ctx.send(ctx.t("annual.bad_opinion", reason=error.message(ctx.texts.lang)))
        return
    if opinion_required(passed) and not opinion:
        ctx.send(ctx.t("annual.bad_opinion", reason=OPINION_REQUIRED.text(ctx.texts.lang)))
        return
    await ctx.uow.conversations.save(conv, "confirm", {**conv.data, "opinion": opinion})
    ctx.send(*await confirm_prompt(ctx, conv))


async def confirm_prompt(ctx: Context, conv: Conversation) -> tuple[str, Keyboard]:
    """What will be recorded and told to the studio, with 确认 / 取消."""
    studio = await ctx.uow.repo(StudiosRepo).get(int(conv.data["studio"]))
    passed = bool(conv.data.get("passed"))
    text = ctx.t(
        "annual.assess_confirm",
        studio=studio.name if studio else "—",
        year=conv.data["year"],
        result=MARKS[passed],
        comment=conv.data.get("opinion") or "—",
    )
    keyboard = rows(
        [
            button(ctx.t("annual.confirm_record"), FLOW, "ok", conv.seq),
            button(ctx.t("annual.cancel_record"), FLOW, "cancel", conv.seq),
        ],
        per_row=2,
    )
    return text, keyboard


def outcome_note(ctx: Context, outcome: AssessmentOutcome, year: int, mark: str) -> str:
    """What recording did: the result, the subsidy booked, a flag, the period's end."""
    lines = [ctx.t("annual.assessed", studio=outcome.studio_name, year=year, result=mark)]
    if outcome.subsidy:
        money = display.cny(outcome.subsidy, ctx.texts.lang)
        lines.append(ctx.t("annual.subsidy_booked", amount=money))
    if outcome.flagged:
        lines.append(ctx.t("annual.flagged"))
    if outcome.period_ends:
        lines.append(ctx.t("annual.period_ends"))
    return "\n".join(lines)

"""How each eligibility question is put in the chat: its words and choices (from
services.messages.eligibility, as the Mini App shows them) as a message with buttons.

The date of a finding is typed, so that question has no choice buttons.
"""

from __future__ import annotations

from handlers.context import Context
from policy.eligibility import EligibilityAnswers, QuestionKey
from services.eligibility_check import FLOW, answered
from services.messages.actions import Btn, Keyboard
from services.messages.eligibility import choices, progress, question_text
from services.messages.keyboards import button, rows, stack
from services.messages.payloads import Action

ANSWER = "a"


def navigation(ctx: Context, seq: int, can_go_back: bool) -> tuple[Btn, ...]:
    """Back (when there is an earlier question) and Cancel, under every question."""
    back = [button(ctx.t("check.back"), FLOW, "back", seq)] if can_go_back else []
    return (*back, button(ctx.t("check.cancel"), FLOW, "cancel", seq))


def render(
    ctx: Context, answers: EligibilityAnswers, question: QuestionKey, seq: int
) -> tuple[str, Keyboard]:
    """The question as a message: progress, the question, what counts, and its buttons."""
    text = "\n\n".join((progress(ctx.texts, answers), question_text(ctx.texts, question)))
    picks = (
        button(label, FLOW, Action.of(ANSWER, v), seq) for v, label in choices(ctx.texts, question)
    )
    keyboard = stack(rows(picks, per_row=2), navigation(ctx, seq, bool(answered(answers))))
    return text, keyboard

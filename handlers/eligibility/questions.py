"""How each eligibility question is put in the chat: its words and choices (from
services.messages.eligibility, as the Mini App shows them) as a message with buttons; Back and
Cancel come with the step kit.

The date of a finding is typed, so that question has no choice buttons.
"""

from __future__ import annotations

from handlers.context import Context
from policy.eligibility import EligibilityAnswers, QuestionKey
from services.eligibility_check import FLOW
from services.messages.actions import Keyboard
from services.messages.eligibility import choices, progress, question_text
from services.messages.keyboards import button, rows
from services.messages.payloads import Action

ANSWER = "a"


def render(
    ctx: Context, answers: EligibilityAnswers, question: QuestionKey, seq: int
) -> tuple[str, Keyboard]:
    """The question as a message: progress, the question, what counts, and its choices."""
    text = "\n\n".join((progress(ctx.texts, answers), question_text(ctx.texts, question)))
    picks = (
        button(label, FLOW, Action.of(ANSWER, v), seq) for v, label in choices(ctx.texts, question)
    )
    return text, rows(picks, per_row=2)

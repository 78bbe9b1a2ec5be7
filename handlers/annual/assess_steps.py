"""The state and the comment and confirmation steps of `/assess` (第十六条: a fail carries
improvement opinions).

A pass may go without a comment; a fail needs the opinions, validated like a review's reason
(too long is refused with the forms' reply, never cut). The confirmation shows what will be
recorded and sent.
"""

from __future__ import annotations

from typing import Literal, Self

from pydantic import model_validator

from handlers.context import Context
from handlers.steps import FlowState
from policy import display
from policy.assessment import opinion_problem, opinion_required
from policy.validators.errors import FieldError
from policy.validators.text import validate_text
from services.assessments import AssessmentOutcome
from services.messages.actions import Keyboard
from services.messages.keyboards import button, rows
from storage.repos.studios import StudiosRepo

FLOW = "assess"
OPINION_MAX = 1000
MARKS = {True: "✅", False: "❌"}


class AssessState(FlowState):
    """list → decide (a studio) → comment (pass or fail) → confirm (the opinion)."""

    step: Literal["list", "decide", "comment", "confirm"]
    year: int
    page: int = 0
    studio: int | None = None
    passed: bool | None = None
    opinion: str = ""

    @model_validator(mode="after")
    def _complete(self) -> Self:
        order = ("list", "decide", "comment", "confirm")
        at = order.index(self.step)
        if (self.studio is None) != (at < 1) or (self.passed is None) != (at < 2):
            raise ValueError(f"assess state incomplete for step {self.step}")
        return self

    def back(self) -> AssessState | None:
        """One step back, forgetting what that step had given."""
        if self.step == "decide":
            return self.model_copy(update={"step": "list", "studio": None})
        if self.step == "comment":
            return self.model_copy(update={"step": "decide", "passed": None})
        if self.step == "confirm":
            return self.model_copy(update={"step": "comment", "opinion": ""})
        return None


def check_opinion(passed: bool, text: str) -> str:
    """The comment as kept: validated text, required on a fail (FieldError says why not)."""
    opinion = validate_text(text, max_length=OPINION_MAX, multiline=True) if text else ""
    if (problem := opinion_problem(passed, opinion)) is not None:
        raise FieldError("assessment.opinion", problem.text("zh"), problem.text("en"))
    return opinion


def opinion_prompt(ctx: Context, state: AssessState, seq: int) -> tuple[str, Keyboard]:
    """Ask for the comment; a fail has no "no comment" button."""
    if opinion_required(bool(state.passed)):
        return ctx.t("annual.assess_opinion"), ()
    skip = button(ctx.t("annual.no_comment"), FLOW, "nc", seq)
    return ctx.t("annual.assess_comment"), rows([skip])


async def confirm_prompt(ctx: Context, state: AssessState, seq: int) -> tuple[str, Keyboard]:
    """What will be recorded and told to the studio, with 确认录入."""
    studio = await ctx.uow.repo(StudiosRepo).get(state.studio or 0)
    text = ctx.t(
        "annual.assess_confirm",
        studio=studio.name if studio else "—",
        year=state.year,
        result=MARKS[bool(state.passed)],
        comment=state.opinion or "—",
    )
    return text, rows([button(ctx.t("annual.confirm_record"), FLOW, "ok", seq)])


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

"""A decision in three presses at most: choose, give the reason (and fields), confirm.

The choice opens a conversation (a :class:`DecideState`) holding the submission, the version
seen and the decision; the confirmation re-checks everything against the database and lets
the repository's conditional UPDATE decide who wins if two reviewers confirm at once.
"""

from __future__ import annotations

from typing import Literal, Self

from pydantic import model_validator

from handlers.context import Context
from handlers.review.guard import Target, decidable, done_text, refuse
from handlers.steps import FlowState
from policy.states import SubmissionStatus
from services import decisions
from services.decisions import CHOICES, Decide, Decided
from services.labels import field_label
from services.messages.actions import Keyboard
from services.messages.keyboards import button, rows
from services.messages.payloads import Action, BadPayload
from services.submissions import REVIEW_FLOW
from storage.models import Submission
from storage.repos.reviews import Decision, ReviewsRepo

FLOW = REVIEW_FLOW


class DecideState(FlowState):
    """reason (with the fields to fix, when returning) → confirm; approval starts at confirm."""

    step: Literal["reason", "confirm"]
    submission: int
    version: int
    decision: Decision
    kind: str
    keys: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    reason: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if not set(self.fields) <= set(self.keys):
            raise ValueError("a marked field is not one of the returnable fields")
        if self.step == "reason" and self.decision == SubmissionStatus.APPROVED:
            raise ValueError("an approval asks for no reason")
        return self

    def back(self) -> DecideState | None:
        if self.step == "confirm" and self.decision != SubmissionStatus.APPROVED:
            return self.model_copy(update={"step": "reason", "reason": None})
        return None


async def choose(ctx: Context, choice: str, target: Target) -> DecideState | None:
    """A decision button on a submission: the state asking for a reason or confirmation, if
    the submission may be decided at the version on the button."""
    submission = await decidable(ctx, target)
    if submission is None:
        return None
    decision = CHOICES[choice]
    keys = await returnable(ctx, submission) if decision == SubmissionStatus.RETURNED else []
    return DecideState(
        step="confirm" if decision == SubmissionStatus.APPROVED else "reason",
        submission=submission.id,
        version=submission.version,
        decision=decision,
        kind=submission.kind,
        keys=keys,
    )


async def returnable(ctx: Context, submission: Submission) -> list[str]:
    return await decisions.returnable(ctx.uow, submission)


def prompt(ctx: Context, state: DecideState, seq: int, title: str) -> tuple[str, Keyboard]:
    """The reason step (with field toggles when returning) or the confirmation."""
    if state.step == "reason":
        marks = [
            button(
                ("✅ " if key in state.fields else "▫️ ")
                + field_label(state.kind, key, ctx.texts.lang)[:40],
                FLOW,
                Action.of("f", index),
                seq,
            )
            for index, key in enumerate(state.keys)
        ]
        ask = ctx.t(f"review.ask_reason_{state.decision}", title=title)
        if marks:
            ask += "\n\n" + ctx.t("review.ask_fields")
        return ask, rows(marks, per_row=2)
    confirm = button(ctx.t(f"review.confirm_btn_{state.decision}"), FLOW, "yes", seq)
    return confirm_text(ctx, state, title), rows([confirm])


def confirm_text(ctx: Context, state: DecideState, title: str) -> str:
    """What the decision sets in motion depends on the kind: an approved application creates
    the studio, an approved plan is on record, an approved report is kept for the assessment."""
    own = f"review.confirm_{state.decision}_{state.kind}"
    key = own if ctx.texts.has(own) else f"review.confirm_{state.decision}"
    text = ctx.t(key, title=title)
    if state.reason:
        text += "\n" + ctx.t("review.reason_line", reason=state.reason)
    if state.fields:
        names = [field_label(state.kind, k, ctx.texts.lang) for k in state.fields]
        text += "\n" + ctx.t("review.fields_line", fields=ctx.t("forms.sep").join(names))
    return text


def toggled(state: DecideState, position: int) -> DecideState:
    """The state with field number `position` marked or unmarked (BadPayload if no such)."""
    if state.step != "reason" or position >= len(state.keys):
        raise BadPayload(f"review: no field {position} at {state.step}")
    key = state.keys[position]
    marked = set(state.fields) ^ {key}
    return state.model_copy(update={"fields": tuple(k for k in state.keys if k in marked)})


async def settle(
    ctx: Context,
    target: Target,
    decision: Decision,
    reason: str | None,
    fields: list[str] | None,
) -> bool:
    """Decide through services.decisions; True if it won. Whoever comes second is told who
    decided: the repository's conditional UPDATE lets exactly one of two reviewers win."""
    cmd = Decide(
        target.submission_id,
        target.version or 0,
        decision,
        ctx.user_id,
        ctx.is_staff,
        reason,
        tuple(fields or ()),
        ctx.config.default_lang,
    )
    if target.version is None:
        await decidable(ctx, target)
        return False
    done = await decisions.decide(ctx.uow, cmd, ctx.now())
    if not isinstance(done, Decided):
        refuse(ctx, done)
        return False
    ctx.notified += done.notified
    ctx.show(done_text(ctx.texts, done))
    return True


async def title_of(ctx: Context, state: DecideState) -> str:
    submission = await ctx.uow.repo(ReviewsRepo).get(state.submission)
    return submission.title if submission else ""

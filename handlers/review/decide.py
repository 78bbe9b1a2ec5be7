"""A decision in three presses at most: choose, give the reason (and fields), confirm.

The choice opens a conversation holding the submission, the version seen and the decision; the
confirmation re-checks everything against the database and lets the repository's conditional
UPDATE decide who wins if two reviewers confirm at once.
"""

from __future__ import annotations

from typing import Any

from handlers.context import Context
from handlers.review.guard import Target, decidable, done_text, refuse
from policy.states import SubmissionStatus
from policy.validators.errors import FieldError
from services import decisions
from services.decisions import CHOICES, Decide, Decided, clean_reason
from services.labels import field_label
from services.messages.actions import Keyboard
from services.messages.keyboards import button, rows, stack
from services.messages.payloads import number
from services.submissions import REVIEW_FLOW
from storage.models import Conversation, Submission
from storage.repos.reviews import Decision, ReviewsRepo

FLOW = REVIEW_FLOW


async def choose(ctx: Context, choice: str, target: Target | None) -> None:
    """A decision button on a submission: check it, then ask for a reason or confirmation."""
    submission = await decidable(ctx, target)
    if submission is None:
        return
    decision = CHOICES[choice]
    data: dict[str, Any] = {
        "sid": submission.id,
        "v": submission.version,
        "d": decision,
        "kind": submission.kind,
        "keys": [],
        "fields": [],
    }
    step = "confirm" if decision == SubmissionStatus.APPROVED else "reason"
    if decision == SubmissionStatus.RETURNED:
        data["keys"] = await returnable(ctx, submission)
    conv = await ctx.uow.conversations.open(ctx.user_id, FLOW, step, data)
    ctx.conversation = conv
    ctx.send(*prompt(ctx, conv, submission.title))


async def returnable(ctx: Context, submission: Submission) -> list[str]:
    return await decisions.returnable(ctx.uow, submission)


def prompt(ctx: Context, conv: Conversation, title: str) -> tuple[str, Keyboard]:
    """The reason step (with field toggles when returning) or the confirmation."""
    data, seq = conv.data, conv.seq
    cancel = button(ctx.t("review.btn_cancel"), FLOW, "no", seq)
    if conv.step == "reason":
        marks = [
            button(
                ("✅ " if key in data["fields"] else "▫️ ")
                + field_label(data["kind"], key, ctx.texts.lang)[:40],
                FLOW,
                f"f:{index}",
                seq,
            )
            for index, key in enumerate(data["keys"])
        ]
        ask = ctx.t(f"review.ask_reason_{data['d']}", title=title)
        if marks:
            ask += "\n\n" + ctx.t("review.ask_fields")
        return ask, stack(rows(marks, per_row=2), [cancel])
    confirm = button(ctx.t(f"review.confirm_btn_{data['d']}"), FLOW, "yes", seq)
    return confirm_text(ctx, data, title), stack([confirm, cancel])


def confirm_text(ctx: Context, data: dict[str, Any], title: str) -> str:
    """What the decision sets in motion depends on the kind: an approved application creates
    the studio, an approved plan is on record, an approved report is kept for the assessment."""
    own = f"review.confirm_{data['d']}_{data['kind']}"
    text = ctx.t(own if ctx.texts.has(own) else f"review.confirm_{data['d']}", title=title)
    if data.get("reason"):
        text += "\n" + ctx.t("review.reason_line", reason=data["reason"])
    if data.get("fields"):
        names = [field_label(data["kind"], k, ctx.texts.lang) for k in data["fields"]]
        text += "\n" + ctx.t("review.fields_line", fields=ctx.t("forms.sep").join(names))
    return text


async def toggle_field(ctx: Context, conv: Conversation, index: str) -> None:
    keys = conv.data["keys"]
    position = number(index)
    if conv.step != "reason" or position is None or position >= len(keys):
        ctx.answer(ctx.t("common.stale_button"), alert=True)
        return
    key = keys[position]
    fields = [k for k in conv.data["fields"] if k != key]
    if key not in conv.data["fields"]:
        fields = [k for k in keys if k in {*fields, key}]
    await ctx.uow.conversations.save(conv, conv.step, {**conv.data, "fields": fields})
    ctx.show(*prompt(ctx, conv, await title_of(ctx, conv)))


async def take_reason(ctx: Context, conv: Conversation, text: str) -> None:
    try:
        reason = clean_reason(text)
    except FieldError as error:
        ctx.send(ctx.t("review.bad_reason", reason=error.message(ctx.texts.lang)))
        return
    await ctx.uow.conversations.save(conv, "confirm", {**conv.data, "reason": reason})
    ctx.send(*prompt(ctx, conv, await title_of(ctx, conv)))


async def confirm(ctx: Context, conv: Conversation) -> None:
    data = conv.data
    await ctx.uow.conversations.close(ctx.user_id)
    ctx.conversation = None
    target = Target(int(data["sid"]), int(data["v"]))
    await settle(ctx, target, data["d"], data.get("reason"), data.get("fields") or None)


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


async def cancel(ctx: Context) -> None:
    await ctx.uow.conversations.close(ctx.user_id)
    ctx.conversation = None
    ctx.show(ctx.t("review.decision_cancelled"))


async def title_of(ctx: Context, conv: Conversation) -> str:
    submission = await ctx.uow.repo(ReviewsRepo).get(int(conv.data["sid"]))
    return submission.title if submission else ""

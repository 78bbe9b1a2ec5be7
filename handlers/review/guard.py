"""Untrusted payloads meet the database here: role, object, state and version, in that order.

A staff button carries a submission id and the version the reviewer saw
(`review::approve:<id>:v<version>`). Anyone can forge one, so each press is checked on the
server; a press that fails a check changes nothing and the presser is told why.
"""

from __future__ import annotations

from dataclasses import dataclass

from handlers.context import Context
from services.messages.payloads import ID, VERSION_NO, Action
from storage.models import Submission
from storage.repos.reviews import OPEN, ReviewsRepo


@dataclass(frozen=True, slots=True)
class Target:
    submission_id: int
    version: int | None


def target_of(action: Action) -> Target:
    """`<id>` or `<id>:v<version>` from a button's arguments; BadPayload if malformed."""
    if len(action.args) == 1:
        return Target(action.id(), None)
    submission_id, version = action.take(ID, VERSION_NO)
    return Target(submission_id, version)


def target_action(verb: str, submission_id: int, version: int | None = None) -> Action:
    """The arguments `target_of` reads back."""
    if version is None:
        return Action.of(verb, submission_id)
    return Action.of(verb, submission_id, VERSION_NO.write(version))


async def decided_note(ctx: Context, submission: Submission) -> str:
    """Who decided this submission and when, for a reviewer whose press came too late."""
    user = await ctx.uow.users.get(submission.decided_by) if submission.decided_by else None
    when = submission.decided_at.astimezone(ctx.config.tz) if submission.decided_at else None
    return ctx.t(
        "review.already_decided",
        status=ctx.t(f"review.status.{submission.status}"),
        name=(user.first_name or str(user.id)) if user else "—",
        at=when.strftime("%Y-%m-%d %H:%M") if when else "—",
    )


async def load(ctx: Context, target: Target | None) -> Submission | None:
    """The submission a staff member may look at; tells them and returns None otherwise."""
    if not ctx.is_staff:
        ctx.answer(ctx.t("common.not_allowed"), alert=True)
        ctx.send(ctx.t("common.not_allowed"))
        return None
    submission = await ctx.uow.repo(ReviewsRepo).get(target.submission_id) if target else None
    if submission is None:
        _refuse(ctx, ctx.t("review.no_such_submission"))
    return submission


async def decidable(ctx: Context, target: Target | None) -> Submission | None:
    """The submission, if it is open at exactly the version on the button."""
    submission = await load(ctx, target)
    if submission is None or target is None:
        return None
    if target.version is None:
        _refuse(ctx, ctx.t("review.no_such_submission"))
        return None
    if submission.status != OPEN:
        _refuse(ctx, await decided_note(ctx, submission))
        return None
    if submission.version != target.version:
        _refuse(ctx, ctx.t("review.stale_version", seen=target.version, now=submission.version))
        return None
    return submission


def _refuse(ctx: Context, text: str) -> None:
    ctx.answer(text[:190], alert=True)
    ctx.send(text)

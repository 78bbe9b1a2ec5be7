"""Untrusted payloads meet the database here: role, object, state and version, in that order.

A staff button carries a submission id and the version the reviewer saw
(`review::approve:<id>:v<version>`). Anyone can forge one, so each press is checked on the
server; a press that fails a check changes nothing and the presser is told why.
"""

from __future__ import annotations

from dataclasses import dataclass

from handlers.context import Context
from services.messages.payloads import number
from storage.models import Submission
from storage.repos.reviews import OPEN, ReviewsRepo


@dataclass(frozen=True, slots=True)
class Target:
    submission_id: int
    version: int | None


def parse_target(args: list[str]) -> Target | None:
    """`<id>` or `<id>:v<version>` from a payload's action arguments; None if malformed."""
    submission_id = number(args[0]) if args and len(args) <= 2 else None
    if submission_id is None:
        return None
    version = None
    if len(args) == 2:
        version = number(args[1][1:]) if args[1].startswith("v") else None
        if version is None:
            return None
    return Target(submission_id, version)


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

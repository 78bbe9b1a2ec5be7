"""Untrusted payloads meet the database here: role, object, state and version, in that order.

A staff button carries a submission id and the version the reviewer saw
(`review::approve:<id>:v<version>`). Anyone can forge one, so each press is checked on the
server (services.decisions); a press that fails a check changes nothing and the presser is
told why, in the words of :func:`refusal_text`, which the Mini App's console shows too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from handlers.context import Context
from services import decisions
from services.decisions import (
    AlreadyDecided,
    BadFields,
    BadReason,
    Decided,
    NotAllowed,
    NotFound,
    Refused,
    StaleVersion,
)
from services.labels import status_label
from services.messages.payloads import number
from services.messages.texts import Texts
from storage.models import Submission


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


def refusal_text(texts: Texts, tz: tzinfo, refused: Refused) -> str:
    """Why a decision (or a look at a submission) was refused, in the reviewer's language."""
    match refused:
        case NotAllowed():
            return texts("common.not_allowed")
        case NotFound():
            return texts("review.no_such_submission")
        case AlreadyDecided(status=status, by_name=name, at=at):
            return texts(
                "review.already_decided",
                status=status_label(texts, status),
                name=name or "—",
                at=at.astimezone(tz).strftime("%Y-%m-%d %H:%M") if at else "—",
            )
        case StaleVersion(seen=seen, current=current):
            return texts("review.stale_version", seen=seen, now=current)
        case BadReason(error=error):
            return texts("review.bad_reason", reason=error.message(texts.lang))
        case BadFields():
            return texts("web.console.bad_fields")


def done_text(texts: Texts, decided: Decided) -> str:
    """The reviewer's receipt for a decision that won (and the studio it created)."""
    done = texts(f"review.done_{decided.status}", title=decided.title)
    if decided.studio is not None:
        studio = decided.studio
        done += "\n" + texts("review.studio_created", name=studio.name, id=studio.id)
    return done


async def load(ctx: Context, target: Target | None) -> Submission | None:
    """The submission a staff member may look at; tells them and returns None otherwise."""
    if not ctx.is_staff:
        ctx.answer(ctx.t("common.not_allowed"), alert=True)
        ctx.send(ctx.t("common.not_allowed"))
        return None
    found = await decisions.viewable(ctx.uow, target.submission_id if target else 0, True)
    if isinstance(found, Submission):
        return found
    refuse(ctx, found)
    return None


async def decidable(ctx: Context, target: Target | None) -> Submission | None:
    """The submission, if it is open at exactly the version on the button."""
    if not ctx.is_staff or target is None:
        return await load(ctx, target)
    found = await decisions.decidable(ctx.uow, target.submission_id, target.version, True)
    if isinstance(found, Submission):
        return found
    refuse(ctx, found)
    return None


def refuse(ctx: Context, refused: Refused) -> None:
    """Tell the presser, in an alert and in the chat; a lost race edits the card in place."""
    text = refusal_text(ctx.texts, ctx.config.tz, refused)
    if isinstance(refused, AlreadyDecided) and refused.raced:
        ctx.show(text)
        return
    ctx.answer(text[:190], alert=True)
    ctx.send(text)

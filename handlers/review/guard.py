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
from services.messages.payloads import ID, VERSION_NO, Action
from services.messages.texts import Texts
from storage.models import Submission


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

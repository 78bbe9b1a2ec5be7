"""Binding codes: staff issue one for a studio and a role, the unit's contact or the studio's
master redeems it (第九条(六): the master files the plan; 第十条(四): the unit's person helps).

A code works once and expires after CODE_TTL; a studio has at most one live code per role, so
issuing a new one revokes the old. Each function works in the caller's unit of work; the caller
commits.

Guessing is limited three ways, because a limit per account alone is no limit: twenty fresh
accounts make a hundred guesses an hour.
- Per account: MAX_WRONG_TRIES wrong tries an hour.
- Per studio: a code's first three characters (its locator) are unique among live codes, so a
  wrong try that starts like a live code is aimed at that studio, whoever makes it. After
  MAX_CODE_WRONG such tries the code is revoked and the staff member who issued it is told to
  issue a new one. Someone who knows the locator therefore gets MAX_CODE_WRONG guesses at the
  32⁵ ≈ 33.5 million remaining combinations (about 1 in 6.7 million), once per code.
- Everyone: once MAX_WRONG_PER_HOUR wrong tries were made in the last hour, across all accounts,
  binding pauses for everyone until the window frees. Untargeted guessing is then at most that
  many tries an hour against 32⁸ ≈ 10¹² codes. The price is that an attacker can pause binding;
  binding is rare and staff-driven, and /stats shows the refused tries, so that is accepted.
A wrong code gets the same answer whichever limit it counted against, so answers reveal nothing
about live codes. Every try is recorded with its outcome (ok, wrong, locked) for /stats.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from policy.filing import BINDABLE, StudioRole
from policy.i18n import Lang
from services.messages.actions import Send
from services.recipients import texts_for
from services.studios import studio
from storage.models import BindingCode, Studio
from storage.repos.binding import Attempt, BindingRepo, Redeem
from storage.uow import UnitOfWork

CODE_TTL = timedelta(days=7)
MAX_WRONG_TRIES = 5
MAX_CODE_WRONG = 5
MAX_WRONG_PER_HOUR = 50
TRY_WINDOW = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class IssueCode:
    studio_id: int
    by: int
    role: StudioRole = StudioRole.UNIT_CONTACT


@dataclass(frozen=True, slots=True)
class IssuedCode:
    studio: Studio
    code: str
    expires_at: datetime
    role: StudioRole


async def issue_code(uow: UnitOfWork, cmd: IssueCode, now: datetime) -> IssuedCode:
    """A fresh code for the studio and role; :class:`services.studios.UnknownStudio` if none."""
    if cmd.role not in BINDABLE:
        raise ValueError(f"no binding code binds {cmd.role}")
    found = await studio(uow, cmd.studio_id)
    code = await uow.repo(BindingRepo).issue(found.id, cmd.by, now, CODE_TTL, cmd.role)
    await uow.audit.record(
        cmd.by,
        "bind.issued",
        "studio",
        found.id,
        expires=code.expires_at.isoformat(),
        role=cmd.role.value,
    )
    return IssuedCode(found, code.code, code.expires_at, cmd.role)


class BindOutcome(StrEnum):
    """What a try came to; the refusals share the texts of :class:`Redeem`."""

    LINKED = "linked"
    UNKNOWN = Redeem.UNKNOWN.value
    USED = Redeem.USED.value
    EXPIRED = Redeem.EXPIRED.value
    REVOKED = Redeem.REVOKED.value
    TOO_MANY = "too_many"
    PAUSED = "paused"


@dataclass(frozen=True, slots=True)
class RedeemCode:
    user_id: int
    text: str
    user_name: str
    """How the staff member who issued the code is told who used it."""
    default_lang: Lang
    """`LOCALE` (services.recipients), for whoever chose no language."""


@dataclass(frozen=True, slots=True)
class Redeemed:
    outcome: BindOutcome
    studio_name: str | None = None
    role: StudioRole | None = None
    tries_left: int = 0
    until: datetime | None = None
    """When a limit refused the try: the moment the hour's window frees."""
    queued: int = 0
    """Notices put in the outbox, so the caller can wake the sender."""


async def redeem_code(uow: UnitOfWork, cmd: RedeemCode, now: datetime) -> Redeemed:
    """Link ``cmd.user_id`` to the code's studio in the code's role, or say why not."""
    repo = uow.repo(BindingRepo)
    locked = await _locked(repo, cmd.user_id, now)
    if locked is not None:
        await repo.record_attempt(cmd.user_id, now, Attempt.LOCKED)
        return locked
    result = await repo.redeem(cmd.text, cmd.user_id, now, MAX_CODE_WRONG)
    aimed = result.aimed_at.studio_id if result.aimed_at else None
    ok = result.outcome is Redeem.OK and result.code is not None
    await repo.record_attempt(cmd.user_id, now, Attempt.OK if ok else Attempt.WRONG, aimed)
    queued = await _burned(uow, result.aimed_at, cmd) if result.burned else 0
    if not ok or result.code is None:
        wrong = await repo.wrong_tries_since(now - TRY_WINDOW, cmd.user_id)
        left = max(MAX_WRONG_TRIES - wrong, 0)
        return Redeemed(BindOutcome(result.outcome.value), tries_left=left, queued=queued)
    return await _link(uow, result.code, cmd, queued)


async def _locked(repo: BindingRepo, user_id: int, now: datetime) -> Redeemed | None:
    """Refused when this account, or everyone, used up the hour's wrong tries."""
    since = now - TRY_WINDOW
    if await repo.wrong_tries_since(since, user_id) >= MAX_WRONG_TRIES:
        outcome, first = BindOutcome.TOO_MANY, await repo.first_wrong_since(since, user_id)
    elif await repo.wrong_tries_since(since) >= MAX_WRONG_PER_HOUR:
        outcome, first = BindOutcome.PAUSED, await repo.first_wrong_since(since)
    else:
        return None
    return Redeemed(outcome, until=first + TRY_WINDOW)


async def _tell(
    uow: UnitOfWork, cmd: RedeemCode, key: str, user_id: int, text_key: str, **values: object
) -> int:
    texts = await texts_for(uow, user_id, cmd.default_lang)
    action = Send(chat_id=user_id, text=texts(text_key, **values))
    return int(await uow.outbox.enqueue(key, user_id, action.model_dump(mode="json")))


async def _burned(uow: UnitOfWork, code: BindingCode | None, cmd: RedeemCode) -> int:
    """The studio's code drew too many wrong tries: it is revoked, and its issuer told."""
    assert code is not None
    found = await uow.session.get(Studio, code.studio_id)
    name = found.name if found else str(code.studio_id)
    await uow.audit.record(
        None, "bind.revoked", "studio", code.studio_id, code=code.code, wrong=code.wrong_tries
    )
    return await _tell(
        uow,
        cmd,
        f"bind-burned:{code.code}",
        code.issued_by,
        "bind.burned_notice",
        name=name,
        code=code.code,
        tries=code.wrong_tries,
    )


async def _link(uow: UnitOfWork, code: BindingCode, cmd: RedeemCode, queued: int) -> Redeemed:
    found = await studio(uow, code.studio_id)
    role = StudioRole(code.role)
    if role is StudioRole.MASTER:
        previous, found.master_user_id = found.master_user_id, cmd.user_id
    else:
        previous, found.contact_user_id = found.contact_user_id, cmd.user_id
    await uow.audit.record(
        cmd.user_id,
        "bind.redeemed",
        "studio",
        found.id,
        code=code.code,
        previous=previous,
        role=role.value,
    )
    queued += await _tell(
        uow,
        cmd,
        f"bind-used:{code.code}",
        code.issued_by,
        f"bind.used_notice_{role.value}",
        name=found.name,
        user=cmd.user_name,
        id=cmd.user_id,
    )
    return Redeemed(BindOutcome.LINKED, found.name, role, queued=queued)

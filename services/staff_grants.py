"""Who the agency's staff are, and granting or revoking staff in the bot (/staff).

Staff named in `STAFF_IDS` are fixed (the deployment decides them, the caller passes them in);
staff granted here can be revoked here. A change writes its audit entry, and someone granted
is welcomed through the outbox in their own language.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from services.messages.actions import Send
from services.messages.texts import Lang
from services.recipients import tell, texts_for
from storage.repos.staff import StaffRepo
from storage.uow import UnitOfWork


class Outcome(StrEnum):
    DONE = "done"
    ALREADY = "already"  # granting someone who is staff already
    NOT_STAFF = "not_staff"  # revoking someone not granted in the bot
    FIXED = "fixed"  # revoking someone named in STAFF_IDS


@dataclass(frozen=True, slots=True)
class StaffChange:
    """Grant (`adding`) or revoke `user_id`; `by` decides, `ref` makes the welcome unique."""

    user_id: int
    adding: bool
    by: int
    fixed: frozenset[int]
    ref: str
    default_lang: Lang = "zh"


@dataclass(frozen=True, slots=True)
class Changed:
    user_id: int
    adding: bool
    outcome: Outcome
    notified: int = 0


async def may_revoke(uow: UnitOfWork, user_id: int, fixed: Collection[int]) -> Outcome:
    """DONE if `user_id` is staff granted in the bot, else why they cannot be revoked."""
    if user_id in fixed:
        return Outcome.FIXED
    granted = {u.id for u in await uow.repo(StaffRepo).granted()}
    return Outcome.DONE if user_id in granted else Outcome.NOT_STAFF


async def change(uow: UnitOfWork, cmd: StaffChange, now: datetime) -> Changed:
    """Grant or revoke in the caller's unit of work; nothing is written unless it is DONE."""
    if cmd.user_id in cmd.fixed:
        return Changed(cmd.user_id, cmd.adding, Outcome.ALREADY if cmd.adding else Outcome.FIXED)
    repo = uow.repo(StaffRepo)
    if not await (repo.grant(cmd.user_id) if cmd.adding else repo.revoke(cmd.user_id)):
        refused = Outcome.ALREADY if cmd.adding else Outcome.NOT_STAFF
        return Changed(cmd.user_id, cmd.adding, refused)
    action = "staff.granted" if cmd.adding else "staff.revoked"
    await uow.audit.record(cmd.by, action, "user", cmd.user_id, at=now.isoformat())
    notified = 0
    if cmd.adding:
        welcome = (await texts_for(uow, cmd.user_id, cmd.default_lang))("staff.welcome_new")
        key = f"staff-granted:{cmd.user_id}:{cmd.ref}"
        notified = int(await tell(uow, key, Send(chat_id=cmd.user_id, text=welcome)))
    return Changed(cmd.user_id, cmd.adding, Outcome.DONE, notified)

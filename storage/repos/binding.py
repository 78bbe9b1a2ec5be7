"""One-time codes that link a unit contact's Telegram account to an existing studio.

A code is random (no guessable sequence), works once and expires; every try is recorded so the
flow can refuse a user who keeps guessing. Redemption is a conditional UPDATE, so a code raced
by two users is used by exactly one of them.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import CursorResult, func, select, update

from storage.models import BindingCode
from storage.models.studios import BindingAttempt
from storage.repos.base import Repository

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are read out and typed
CODE_LENGTH = 8


class Redeem(StrEnum):
    OK = "ok"
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"


def normalise_code(text: str) -> str:
    """What people type: lower case, spaces and dashes (`k7m3-q9xp`) all mean the same code."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


class BindingRepo(Repository):
    async def issue(
        self, studio_id: int, issued_by: int, now: datetime, ttl: timedelta
    ) -> BindingCode:
        code = BindingCode(
            code="".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH)),
            studio_id=studio_id,
            issued_by=issued_by,
            expires_at=now + ttl,
        )
        self.session.add(code)
        await self.session.flush()
        return code

    async def redeem(
        self, text: str, user_id: int, now: datetime
    ) -> tuple[Redeem, BindingCode | None]:
        """Use the code for `user_id` if it is unused and unexpired."""
        value = normalise_code(text)
        row = await self.session.get(BindingCode, value) if value else None
        if row is None:
            return Redeem.UNKNOWN, None
        if row.used_by is not None:
            return Redeem.USED, row
        if row.expires_at <= now:
            return Redeem.EXPIRED, row
        result = await self.session.execute(
            update(BindingCode)
            .where(BindingCode.code == value, BindingCode.used_by.is_(None))
            .values(used_by=user_id, used_at=now)
            .execution_options(synchronize_session=False)
        )
        assert isinstance(result, CursorResult)
        if result.rowcount != 1:
            return Redeem.USED, row
        await self.session.refresh(row)
        return Redeem.OK, row

    async def record_attempt(self, user_id: int, at: datetime, ok: bool) -> None:
        self.session.add(BindingAttempt(user_id=user_id, at=at, ok=ok))

    async def wrong_tries_since(self, user_id: int, since: datetime) -> int:
        stmt = select(func.count(BindingAttempt.id)).where(
            BindingAttempt.user_id == user_id,
            BindingAttempt.at >= since,
            BindingAttempt.ok.is_(False),
        )
        return int(await self.session.scalar(stmt) or 0)

    async def first_wrong_since(self, user_id: int, since: datetime) -> datetime | None:
        """When the oldest wrong try in the window was made: the window frees up an hour later."""
        stmt = select(func.min(BindingAttempt.at)).where(
            BindingAttempt.user_id == user_id,
            BindingAttempt.at >= since,
            BindingAttempt.ok.is_(False),
        )
        return await self.session.scalar(stmt)

"""One-time codes that link a Telegram account to an existing studio, as its unit's contact or as
its master (:class:`policy.filing.StudioRole`).

A code is random (no guessable sequence), works once and expires, and a studio has at most one
live code per role: issuing a new one revokes the old (a partial unique index holds it). Its first
`LOCATOR` characters are unique among live codes, so a wrong code that starts like a live one
is known to aim at that studio and counts against it (see services/bindings.py for the
limits). Redemption is a conditional UPDATE, so a code raced by two users is used by exactly
one of them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import ColumnElement, CursorResult, and_, func, select, update

from policy.filing import StudioRole
from storage.models import BindingCode
from storage.models.studios import BindingAttempt
from storage.repos.base import Repository

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are read out and typed
CODE_LENGTH = 8
LOCATOR = 3
"""32³ = 32,768 locators; the remaining 5 characters (32⁵ ≈ 33.5 million) are the secret."""


class Redeem(StrEnum):
    OK = "ok"
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    REVOKED = "revoked"


class Attempt(StrEnum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"


@dataclass(frozen=True, slots=True)
class Redemption:
    outcome: Redeem
    code: BindingCode | None = None
    aimed_at: BindingCode | None = None  # the live code a wrong try's locator matched
    burned: bool = False  # that code had one wrong try too many and was revoked


def normalise_code(text: str) -> str:
    """What people type: lower case, spaces and dashes (`k7m3-q9xp`) all mean the same code."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def _live(now: datetime) -> ColumnElement[bool]:
    return and_(
        BindingCode.used_by.is_(None),
        BindingCode.revoked_at.is_(None),
        BindingCode.expires_at > now,
    )


class BindingRepo(Repository):
    async def issue(
        self,
        studio_id: int,
        issued_by: int,
        now: datetime,
        ttl: timedelta,
        role: StudioRole = StudioRole.UNIT_CONTACT,
    ) -> BindingCode:
        """A fresh code for the studio and role; any code it still had for that role is revoked."""
        await self.session.execute(
            update(BindingCode)
            .where(
                BindingCode.studio_id == studio_id,
                BindingCode.role == role.value,
                BindingCode.used_by.is_(None),
                BindingCode.revoked_at.is_(None),
            )
            .values(revoked_at=now)
            .execution_options(synchronize_session=False)
        )
        code = BindingCode(
            code=await self._fresh_code(now),
            studio_id=studio_id,
            role=role.value,
            issued_by=issued_by,
            expires_at=now + ttl,
            wrong_tries=0,
        )
        self.session.add(code)
        await self.session.flush()
        return code

    async def _fresh_code(self, now: datetime) -> str:
        while True:
            code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
            taken = await self.session.get(BindingCode, code) is not None
            if not taken and await self._live_by_locator(code[:LOCATOR], now) is None:
                return code

    async def _live_by_locator(self, locator: str, now: datetime) -> BindingCode | None:
        return await self.session.scalar(
            select(BindingCode)
            .where(BindingCode.code.startswith(locator, autoescape=True), _live(now))
            .limit(1)
        )

    async def redeem(self, text: str, user_id: int, now: datetime, max_wrong: int) -> Redemption:
        """Use the code for `user_id` if it is live; a wrong one counts against its target."""
        value = normalise_code(text)
        row = await self.session.get(BindingCode, value) if value else None
        if row is None:
            return await self._wrong(value, now, max_wrong)
        if row.used_by is not None:
            return Redemption(Redeem.USED, row)
        if row.revoked_at is not None:
            return Redemption(Redeem.REVOKED, row)
        if row.expires_at <= now:
            return Redemption(Redeem.EXPIRED, row)
        result = await self.session.execute(
            update(BindingCode)
            .where(BindingCode.code == value, _live(now))
            .values(used_by=user_id, used_at=now)
            .execution_options(synchronize_session=False)
        )
        assert isinstance(result, CursorResult)
        if result.rowcount != 1:
            return Redemption(Redeem.USED, row)
        await self.session.refresh(row)
        return Redemption(Redeem.OK, row)

    async def _wrong(self, value: str, now: datetime, max_wrong: int) -> Redemption:
        if len(value) != CODE_LENGTH:
            return Redemption(Redeem.UNKNOWN)
        target = await self._live_by_locator(value[:LOCATOR], now)
        if target is None:
            return Redemption(Redeem.UNKNOWN)
        await self.session.execute(
            update(BindingCode)
            .where(BindingCode.code == target.code)
            .values(wrong_tries=BindingCode.wrong_tries + 1)
            .execution_options(synchronize_session=False)
        )
        await self.session.refresh(target)
        burned = target.wrong_tries >= max_wrong
        if burned:
            target.revoked_at = now
            await self.session.flush()
        return Redemption(Redeem.UNKNOWN, aimed_at=target, burned=burned)

    async def record_attempt(
        self, user_id: int, at: datetime, outcome: Attempt, studio_id: int | None = None
    ) -> None:
        self.session.add(
            BindingAttempt(
                user_id=user_id,
                at=at,
                ok=outcome is Attempt.OK,
                outcome=outcome.value,
                studio_id=studio_id,
            )
        )
        await self.session.flush()

    async def wrong_tries_since(self, since: datetime, user_id: int | None = None) -> int:
        """Wrong tries since ``since``: of one account, or of everyone."""
        stmt = select(func.count(BindingAttempt.id)).where(
            BindingAttempt.at >= since, BindingAttempt.outcome == Attempt.WRONG.value
        )
        if user_id is not None:
            stmt = stmt.where(BindingAttempt.user_id == user_id)
        return int(await self.session.scalar(stmt) or 0)

    async def first_wrong_since(self, since: datetime, user_id: int | None = None) -> datetime:
        """When the oldest wrong try in the window was made: the window frees up an hour later."""
        stmt = select(func.min(BindingAttempt.at)).where(
            BindingAttempt.at >= since, BindingAttempt.outcome == Attempt.WRONG.value
        )
        if user_id is not None:
            stmt = stmt.where(BindingAttempt.user_id == user_id)
        return await self.session.scalar(stmt) or since

    async def attempt_counts(self) -> dict[str, int]:
        """All tries ever, by outcome (ok | wrong | locked), for /stats."""
        rows = await self.session.execute(
            select(BindingAttempt.outcome, func.count(BindingAttempt.id)).group_by(
                BindingAttempt.outcome
            )
        )
        counts = {outcome.value: 0 for outcome in Attempt}
        counts.update({str(outcome): int(count) for outcome, count in rows})
        return counts

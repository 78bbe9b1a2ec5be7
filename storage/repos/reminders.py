"""What the reminder sweeps ask the database: who still owes what, in whose language.

Queries return plain rows (no ORM objects), one statement each, so a sweep over ten thousand
studios stays a handful of round trips.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import and_, exists, func, select

from policy.reminders import OWING_STATUSES
from policy.states import SubmissionStatus
from storage.models import OutboxMessage, Studio, Submission, User
from storage.repos.base import Repository

RETURNED = SubmissionStatus.RETURNED
_CHUNK = 1000


class StudioDue(NamedTuple):
    id: int
    name: str
    unit_name: str
    approved_on: date
    status: str
    contact_user_id: int | None


class ReturnedItem(NamedTuple):
    id: int
    owner_id: int
    kind: str
    version: int
    receipt_no: str
    title: str
    returned_at: datetime


class RemindersRepo(Repository):
    async def studios_without(self, kind: str, year: int) -> list[StudioDue]:
        """Studios that may owe a ``kind`` for ``year`` and have filed none (any status)."""
        filed = exists().where(
            and_(
                Submission.studio_id == Studio.id,
                Submission.kind == kind,
                Submission.year == year,
            )
        )
        rows = await self.session.execute(
            select(
                Studio.id,
                Studio.name,
                Studio.unit_name,
                Studio.approved_on,
                Studio.status,
                Studio.contact_user_id,
            )
            .where(Studio.status.in_(OWING_STATUSES), ~filed)
            .order_by(Studio.id)
        )
        return [StudioDue(*row) for row in rows]

    async def studios_filed(self, kind: str, year: int) -> int:
        """How many studios have filed a ``kind`` for ``year``."""
        count = await self.session.scalar(
            select(func.count(func.distinct(Submission.studio_id))).where(
                Submission.kind == kind, Submission.year == year, Submission.studio_id.is_not(None)
            )
        )
        return int(count or 0)

    async def returned(self) -> list[ReturnedItem]:
        """Submissions waiting for their unit to revise them."""
        rows = await self.session.execute(
            select(
                Submission.id,
                Submission.owner_id,
                Submission.kind,
                Submission.version,
                Submission.receipt_no,
                Submission.title,
                func.coalesce(Submission.decided_at, Submission.updated_at),
            )
            .where(Submission.status == RETURNED)
            .order_by(Submission.id)
        )
        return [ReturnedItem(*row) for row in rows]

    async def languages(self, user_ids: Iterable[int]) -> dict[int, str | None]:
        """Each known user's language: the one chosen in the bot, else Telegram's."""
        ids = sorted(set(user_ids))
        found: dict[int, str | None] = {}
        for start in range(0, len(ids), _CHUNK):
            rows = await self.session.execute(
                select(User.id, User.language, User.telegram_language).where(
                    User.id.in_(ids[start : start + _CHUNK])
                )
            )
            found.update({int(uid): chosen or tg for uid, chosen, tg in rows})
        return found

    async def queued_keys(self, prefix: str) -> set[str]:
        """Outbox keys starting with ``prefix``: what an earlier sweep already queued."""
        rows = await self.session.scalars(
            select(OutboxMessage.key).where(OutboxMessage.key.startswith(prefix, autoescape=True))
        )
        return set(rows)

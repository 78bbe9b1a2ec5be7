"""What the reminder sweeps ask the database: who still owes what, in whose language.

Queries return plain rows (no ORM objects), one statement each, so a sweep over ten thousand
studios stays a handful of round trips.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import ColumnElement, String, and_, cast, exists, func, literal, select

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


STUDIO_KEY = "{prefix}s{studio}:u{chat}"
"""The outbox key of a reminder to a studio's contact (`scheduler.env.studio_key`)."""


def studio_key_sql(prefix: str) -> ColumnElement[str]:
    """`STUDIO_KEY` for each studio row, in SQL, so a query can see what is queued."""
    head, middle = STUDIO_KEY.split("{studio}")
    return (
        literal(head.format(prefix=prefix))
        + cast(Studio.id, String)
        + literal(middle.split("{chat}")[0])
        + cast(Studio.contact_user_id, String)
    )


class RemindersRepo(Repository):
    async def studios_without(
        self, kind: str, year: int, unqueued: str | None = None
    ) -> list[StudioDue]:
        """Studios that may owe a ``kind`` for ``year`` and have filed none (any status).

        With ``unqueued`` (a moment's key prefix), only those with a contact whose reminder of
        that moment is not in the outbox yet: a repeated sweep then reads nothing it would drop.
        """
        filed = exists().where(
            and_(
                Submission.studio_id == Studio.id,
                Submission.kind == kind,
                Submission.year == year,
            )
        )
        wanted = [Studio.status.in_(OWING_STATUSES), ~filed]
        if unqueued is not None:
            queued = exists().where(OutboxMessage.key == studio_key_sql(unqueued))
            wanted += [Studio.contact_user_id.is_not(None), ~queued]
        rows = await self.session.execute(
            select(
                Studio.id,
                Studio.name,
                Studio.unit_name,
                Studio.approved_on,
                Studio.status,
                Studio.contact_user_id,
            )
            .where(*wanted)
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

    async def returned(self, since: datetime | None = None) -> list[ReturnedItem]:
        """Submissions waiting for their unit to revise them (returned at or after ``since``)."""
        returned_at = func.coalesce(Submission.decided_at, Submission.updated_at)
        wanted = [Submission.status == RETURNED]
        if since is not None:
            wanted.append(returned_at >= since)
        rows = await self.session.execute(
            select(
                Submission.id,
                Submission.owner_id,
                Submission.kind,
                Submission.version,
                Submission.receipt_no,
                Submission.title,
                returned_at,
            )
            .where(*wanted)
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
        """Outbox keys starting with ``prefix``: what an earlier sweep already queued.

        Asked as a range of the key (prefix ≤ key < the prefix with its last character
        incremented), which walks the key's index where LIKE would read the whole outbox
        (SQLite's LIKE ignores case; PostgreSQL's needs a pattern index). The range is compared
        in code-point order: SQLite's BINARY, and "C" on PostgreSQL (index in 0012).
        """
        if not prefix:
            return set(await self.session.scalars(select(OutboxMessage.key)))
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        key = OutboxMessage.key.collate("C") if self.dialect == "postgresql" else OutboxMessage.key
        rows = await self.session.scalars(
            select(OutboxMessage.key).where(key >= prefix, key < upper)
        )
        return set(rows)

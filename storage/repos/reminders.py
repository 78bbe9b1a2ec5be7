"""What the reminder sweeps ask the database: who still owes what, in whose language.

Queries return plain rows (no ORM objects), one statement each, so a sweep over ten thousand
studios stays a handful of round trips.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import ColumnElement, String, and_, cast, exists, func, literal, select, union_all
from sqlalchemy.orm import InstrumentedAttribute

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


class StudioRecipient(NamedTuple):
    """Someone to remind of a studio's filing: its contact, or its master (第九条(六))."""

    id: int
    name: str
    approved_on: date
    status: str
    chat_id: int
    language: str | None  # chosen in the bot, else Telegram's (None: not met yet)


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


def studio_key_sql(prefix: str, chat: InstrumentedAttribute[int | None]) -> ColumnElement[str]:
    """`STUDIO_KEY` for each studio row and its recipient ``chat``, in SQL, so a query can see
    what is queued."""
    head, middle = STUDIO_KEY.split("{studio}")
    return (
        literal(head.format(prefix=prefix))
        + cast(Studio.id, String)
        + literal(middle.split("{chat}")[0])
        + cast(chat, String)
    )


def _filed(kind: str, year: int) -> ColumnElement[bool]:
    return exists().where(
        and_(
            Submission.studio_id == Studio.id,
            Submission.kind == kind,
            Submission.year == year,
        )
    )


class RemindersRepo(Repository):
    async def studios_without(self, kind: str, year: int) -> list[StudioDue]:
        """Studios that may owe a ``kind`` for ``year`` and have filed none (any status)."""
        wanted = [Studio.status.in_(OWING_STATUSES), ~_filed(kind, year)]
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

    async def recipients_without(
        self, kind: str, year: int, unqueued: str | None = None, masters: bool = False
    ) -> list[StudioRecipient]:
        """Whom to remind of the ``kind`` for ``year`` that a studio has not filed: its contact
        and, with ``masters``, its master too (once if one person is both), in their language.

        With ``unqueued`` (a moment's key prefix), only those whose reminder of that moment is
        not in the outbox yet: one statement, however many studios, and a repeated sweep reads
        nothing it would drop.
        """
        roles = [Studio.contact_user_id]
        if masters:
            roles.append(Studio.master_user_id)
        parts = []
        for n, chat in enumerate(roles):
            wanted = [Studio.status.in_(OWING_STATUSES), chat.is_not(None), ~_filed(kind, year)]
            if n:  # the master, unless the contact is the same person
                wanted.append(
                    (Studio.contact_user_id.is_(None)) | (Studio.contact_user_id != chat)
                )
            if unqueued is not None:
                wanted.append(~exists().where(OutboxMessage.key == studio_key_sql(unqueued, chat)))
            parts.append(
                select(
                    Studio.id,
                    Studio.name,
                    Studio.approved_on,
                    Studio.status,
                    chat.label("chat_id"),
                ).where(*wanted)
            )
        found = (union_all(*parts) if len(parts) > 1 else parts[0]).subquery()
        language = func.coalesce(func.nullif(User.language, ""), User.telegram_language)
        rows = await self.session.execute(
            select(*found.c, language)
            .outerjoin(User, User.id == found.c.chat_id)
            .order_by(found.c.id, found.c.chat_id)
        )
        return [StudioRecipient._make(row) for row in rows]

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

    async def queued_among(self, keys: Iterable[str]) -> set[str]:
        """Which of ``keys`` are in the outbox: one lookup of the key's index per key, however
        long the outbox has grown."""
        wanted = sorted({k[:200] for k in keys})
        found: set[str] = set()
        for start in range(0, len(wanted), _CHUNK):
            rows = await self.session.scalars(
                select(OutboxMessage.key).where(
                    OutboxMessage.key.in_(wanted[start : start + _CHUNK])
                )
            )
            found.update(rows)
        return found

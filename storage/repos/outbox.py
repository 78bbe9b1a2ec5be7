"""Messages the bot sends on its own initiative, claimed and marked so each goes out once.

A row is `pending` until a sender claims it (`sending`, with a lease), then `sent`, or `failed`
after the last try. A lease that expires (its sender died) makes the row claimable again. Only
the oldest unfinished row of a chat is claimable, so messages to one chat keep their order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, func, or_, select, text, update
from sqlalchemy.orm import aliased

from storage.models import OutboxMessage
from storage.models.core import OutboxStatus
from storage.repos.base import Repository, table_of
from storage.types import utcnow

_BATCH = 2_000


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    key: str
    chat_id: int
    action: dict[str, Any]
    attempts: int


class OutboxRepo(Repository):
    enqueued: int = 0
    """Messages this unit of work queued, whoever queued them: the caller wakes the sender."""

    async def enqueue(
        self, key: str, chat_id: int, action: dict[str, Any], not_before: datetime | None = None
    ) -> bool:
        """Queue a message unless one with this key exists; True if it was queued now."""
        queued = await self.insert_ignore(
            OutboxMessage,
            {
                "key": key[:200],
                "chat_id": chat_id,
                "action": action,
                "status": OutboxStatus.PENDING,
                "attempts": 0,
                "not_before": not_before or utcnow(),
                "created_at": utcnow(),
            },
        )
        self.enqueued += int(queued)
        return queued

    async def cancel_pending(self, key_like: str) -> int:
        """Cancel the messages not sent yet whose key matches the LIKE pattern; how many."""
        result = await self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.key.like(key_like))
            .values(status=OutboxStatus.CANCELLED)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def enqueue_many(
        self, rows: Sequence[tuple[str, int, dict[str, Any], datetime | None]]
    ) -> set[str]:
        """`enqueue` for many messages (key, chat, action, not before) in one executemany:
        the keys queued now; a key that exists already is left as it is."""
        if not rows:
            return set()
        table = table_of(OutboxMessage)
        now = utcnow()
        values = [
            {
                "key": key[:200],
                "chat_id": chat_id,
                "action": action,
                "status": OutboxStatus.PENDING,
                "attempts": 0,
                "not_before": not_before or now,
                "created_at": now,
            }
            for key, chat_id, action, not_before in rows
        ]
        stmt = self.insert(table).on_conflict_do_nothing().returning(table.c.key)
        queued: set[str] = set()
        for start in range(0, len(values), _BATCH):
            result = await self.session.execute(stmt, values[start : start + _BATCH])
            queued.update(result.scalars())
        if self.dialect == "postgresql" and len(queued) >= _BATCH:
            # thousands of new rows at once (a reminder day): the planner's picture of the
            # outbox would otherwise stay that of before, and the next sweep's "already
            # queued?" probe be planned for a table a thousandth of its size
            await self.session.execute(text("ANALYZE outbox"))
        return queued

    def _claimable(self, now: datetime) -> Any:
        """Due, and first in its chat: a message waiting for a retry is never overtaken."""
        earlier = aliased(OutboxMessage)
        ahead = exists().where(
            earlier.chat_id == OutboxMessage.chat_id,
            earlier.id < OutboxMessage.id,
            earlier.status.in_((OutboxStatus.PENDING, OutboxStatus.SENDING)),
        )
        return and_(
            or_(
                and_(
                    OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.not_before <= now
                ),
                and_(
                    OutboxMessage.status == OutboxStatus.SENDING, OutboxMessage.claimed_until < now
                ),
            ),
            ~ahead,
        )

    async def claim(self, worker: str, lease: timedelta, limit: int) -> list[Claimed]:
        """Claim due rows for `worker` in one statement; concurrent claimers never share a row.

        One UPDATE over a sub-select is atomic on SQLite (it holds the write lock throughout)
        and, with SKIP LOCKED, lets PostgreSQL claimers pass each other's rows by.
        """
        now = utcnow()
        due = (
            select(OutboxMessage.id)
            .where(self._claimable(now))
            .order_by(OutboxMessage.not_before, OutboxMessage.id)
            .limit(limit)
        )
        if self.dialect == "postgresql":
            due = due.with_for_update(skip_locked=True)
        result = await self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(due.scalar_subquery()), self._claimable(now))
            .values(
                status=OutboxStatus.SENDING,
                claimed_by=worker,
                claimed_until=now + lease,
                attempts=OutboxMessage.attempts + 1,
            )
            .returning(
                OutboxMessage.id,
                OutboxMessage.key,
                OutboxMessage.chat_id,
                OutboxMessage.action,
                OutboxMessage.attempts,
            )
            .execution_options(synchronize_session=False)
        )
        claimed = [Claimed(r.id, r.key, r.chat_id, r.action, r.attempts) for r in result]
        return sorted(claimed, key=lambda c: c.id)

    async def mark_sent(self, row_id: int, worker: str) -> None:
        await self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == row_id, OutboxMessage.claimed_by == worker)
            .values(
                status=OutboxStatus.SENT, sent_at=utcnow(), claimed_until=None, last_error=None
            )
        )

    async def retry_later(self, row_id: int, worker: str, at: datetime, error: str) -> None:
        await self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == row_id, OutboxMessage.claimed_by == worker)
            .values(
                status=OutboxStatus.PENDING,
                not_before=at,
                claimed_until=None,
                last_error=error[:2000],
            )
        )

    async def give_up(self, row_id: int, worker: str, error: str) -> None:
        await self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == row_id, OutboxMessage.claimed_by == worker)
            .values(status=OutboxStatus.FAILED, claimed_until=None, last_error=error[:2000])
        )

    async def counts(self) -> dict[str, int]:
        rows = await self.session.execute(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        )
        return {str(status): int(count) for status, count in rows}

    async def backlog(self) -> tuple[int, datetime | None]:
        """Unsent rows (pending or being sent) and the oldest one's creation time."""
        row = (
            await self.session.execute(
                select(func.count(), func.min(OutboxMessage.created_at)).where(
                    OutboxMessage.status.in_((OutboxStatus.PENDING, OutboxStatus.SENDING))
                )
            )
        ).one()
        return int(row[0]), row[1]

    async def by_key(self, key: str) -> OutboxMessage | None:
        return await self.session.scalar(select(OutboxMessage).where(OutboxMessage.key == key))

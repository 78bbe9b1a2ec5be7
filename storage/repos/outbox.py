"""Messages the bot sends on its own initiative, claimed and marked so each goes out once.

A row is `pending` until a sender claims it (`sending`, with a lease), then `sent`, or `failed`
after the last try. A lease that expires (its sender died) makes the row claimable again. Only
the oldest unfinished row of a chat is claimable, so messages to one chat keep their order.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy import (
    Integer,
    TextClause,
    and_,
    bindparam,
    exists,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import aliased

from storage.models import OutboxMessage
from storage.models.core import OutboxStatus
from storage.repos.base import Repository
from storage.types import UTCDateTime, utcnow

_BATCH = 2_000
"""Rows per bulk statement: a reminder day's document is cut into pieces of this many."""

_COLUMNS = "INSERT INTO outbox (key, chat_id, action, status, attempts, not_before, created_at) "
_PENDING = f"'{OutboxStatus.PENDING.value}', 0"


def _bulk(sql: str) -> TextClause:
    """A bulk INSERT … SELECT whose times are bound as the model's UTC columns are."""
    times = (bindparam(name, type_=UTCDateTime()) for name in ("not_before", "now"))
    return text(_COLUMNS + sql).bindparams(*times)


_AS_IS: Final = {
    "postgresql": _bulk(
        f"SELECT r->>0, CAST(r->>1 AS BIGINT), r->2, {_PENDING}, "
        "CAST(:not_before AS TIMESTAMPTZ), CAST(:now AS TIMESTAMPTZ) "
        "FROM json_array_elements(CAST(:rows AS JSON)) AS r "
        "ON CONFLICT (key) DO NOTHING RETURNING key"
    ),
    "sqlite": _bulk(
        "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
        f"json_extract(value, '$[2]'), {_PENDING}, :not_before, :now "
        "FROM json_each(:rows) WHERE true ON CONFLICT (key) DO NOTHING RETURNING key"
    ),
}
"""Rows (key, chat, action) unpacked from one JSON document by the database."""
_FILLED: Final = {
    "postgresql": _bulk(
        "SELECT r->>0, CAST(r->>1 AS BIGINT), CAST(jsonb_set(jsonb_set("
        "CAST(:forms AS JSONB) -> CAST(r->>3 AS INTEGER), '{chat_id}', r->1), "
        f"'{{text}}', r->2) AS JSON), {_PENDING}, "
        "CAST(:not_before AS TIMESTAMPTZ), CAST(:now AS TIMESTAMPTZ) "
        "FROM jsonb_array_elements(CAST(:rows AS JSONB)) AS r "
        "ON CONFLICT (key) DO NOTHING RETURNING key"
    ),
    "sqlite": _bulk(
        "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
        "json_set(json_extract(:forms, '$[' || json_extract(value, '$[3]') || ']'), "
        "'$.chat_id', json_extract(value, '$[1]'), '$.text', json_extract(value, '$[2]')), "
        f"{_PENDING}, :not_before, :now "
        "FROM json_each(:rows) WHERE true ON CONFLICT (key) DO NOTHING RETURNING key"
    ),
}
"""Rows (key, chat, text, form) made into actions by the database: ``forms[form]`` with the
row's chat_id and text set."""


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    key: str
    chat_id: int
    action: dict[str, Any]
    attempts: int


def _claimable(now: Any) -> Any:
    """Due, and first in its chat: a message waiting for a retry is never overtaken."""
    earlier = aliased(OutboxMessage)
    ahead = exists().where(
        earlier.chat_id == OutboxMessage.chat_id,
        earlier.id < OutboxMessage.id,
        earlier.status.in_((OutboxStatus.PENDING, OutboxStatus.SENDING)),
    )
    return and_(
        or_(
            and_(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.not_before <= now),
            and_(OutboxMessage.status == OutboxStatus.SENDING, OutboxMessage.claimed_until < now),
        ),
        ~ahead,
    )


def _claiming(dialect: str) -> Any:
    """The claim (`now`, `worker`, `until`, `limit`), built once: a sender asks every second
    even when idle, and building it (an alias, its cache key) cost more than running it."""
    now = bindparam("now", type_=UTCDateTime())
    due = (
        select(OutboxMessage.id)
        .where(_claimable(now))
        .order_by(OutboxMessage.not_before, OutboxMessage.id)
        .limit(bindparam("limit", type_=Integer()))
    )
    if dialect == "postgresql":
        due = due.with_for_update(skip_locked=True)
    return (
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(due.scalar_subquery()), _claimable(now))
        .values(
            status=OutboxStatus.SENDING,
            claimed_by=bindparam("worker"),
            claimed_until=bindparam("until", type_=UTCDateTime()),
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


_CLAIM: Final = {dialect: _claiming(dialect) for dialect in ("sqlite", "postgresql")}


class OutboxRepo(Repository):
    enqueued: int = 0
    """Messages this unit of work queued, whoever queued them: the caller wakes the sender."""
    bulk_queued: int = 0
    """Rows the bulk inserts queued since the planner's statistics were last refreshed."""

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
        """`enqueue` for many messages (key, chat, action, not before): the keys queued now; a
        key that exists already is left as it is.

        The rows travel as one JSON document that the database unpacks into one INSERT …
        SELECT: a reminder day's thousands of rows cost one statement and one encoding, not a
        bound parameter set per row."""
        now = utcnow()
        by_time: dict[datetime, list[tuple[str, int, dict[str, Any]]]] = {}
        for key, chat_id, action, not_before in rows:
            by_time.setdefault(not_before or now, []).append((key[:200], chat_id, action))
        queued: set[str] = set()
        stmt = _AS_IS[self.dialect]
        for not_before, group in by_time.items():
            queued |= await self._insert(stmt, group, not_before, now, ensure_ascii=True)
        return queued

    async def enqueue_filled(
        self,
        forms: Sequence[dict[str, Any]],
        rows: Sequence[tuple[str, int, str, int]],
        not_before: datetime,
    ) -> set[str]:
        """Many messages that differ only in their chat and text (a reminder to thousands of
        studios): each row (key, chat, text, form) is queued as ``forms[form]`` with its
        ``chat_id`` and ``text`` set, by the database; the keys queued now."""
        extra = {"forms": json.dumps(forms, ensure_ascii=False)}
        trimmed = [(key[:200], chat_id, text, form) for key, chat_id, text, form in rows]
        stmt = _FILLED[self.dialect]
        return await self._insert(stmt, trimmed, not_before, utcnow(), extra, ensure_ascii=False)

    async def _insert(
        self,
        stmt: TextClause,
        rows: Sequence[tuple[Any, ...]],
        not_before: datetime,
        now: datetime,
        extra: dict[str, Any] | None = None,
        *,
        ensure_ascii: bool,
    ) -> set[str]:
        """``ensure_ascii``: escape what is not ASCII, as the model's JSON column does, for
        actions from any caller (a lone surrogate then travels as an escape); the forms' texts
        come from the catalogs and the database, and travel as they are, a third of the size."""
        queued: set[str] = set()
        for start in range(0, len(rows), _BATCH):
            document = json.dumps(rows[start : start + _BATCH], ensure_ascii=ensure_ascii)
            params = {"rows": document, "not_before": not_before, "now": now, **(extra or {})}
            queued.update((await self.session.execute(stmt, params)).scalars())
        self.bulk_queued += len(queued)
        return queued

    async def settle(self) -> None:
        """After bulk inserts of thousands of rows (a reminder day), on PostgreSQL: refresh the
        planner's picture of the outbox, or the next sweep's "already queued?" probe would be
        planned for a table a thousandth of its size."""
        if self.dialect == "postgresql" and self.bulk_queued >= _BATCH:
            await self.session.execute(text("ANALYZE outbox"))
        self.bulk_queued = 0

    async def claim(self, worker: str, lease: timedelta, limit: int) -> list[Claimed]:
        """Claim due rows for `worker` in one statement; concurrent claimers never share a row.

        One UPDATE over a sub-select is atomic on SQLite (it holds the write lock throughout)
        and, with SKIP LOCKED, lets PostgreSQL claimers pass each other's rows by.
        """
        now = utcnow()
        params = {"now": now, "worker": worker, "until": now + lease, "limit": limit}
        result = await self.session.execute(_CLAIM[self.dialect], params)
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

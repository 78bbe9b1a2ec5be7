"""Answers read together with an update's arrival, kept for the repositories that would each
ask the database for them a moment later, on every update.

On PostgreSQL a statement is a round trip, and costs the bot as much CPU as a small handler;
the arrival statement (storage.repos.arrivals) therefore also reads its sender's studio ties
and draft kinds. What it read stays true only while the transaction has written nothing: the
first write (a flush, or an INSERT, UPDATE or DELETE executed through the session) forgets
every answer kept, and the repositories ask the database again. Sessions made by
`storage.db.session_factory` are `TrackedSession`s; on any other session nothing is kept.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, Final

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import ORMExecuteState, Session

_KEY: Final = "read_ahead"
MISSING: Final = object()
"""What `recall` returns for an answer not kept, or forgotten since."""


class TrackedSession(Session):
    """A session whose writes forget the answers read ahead (see the module)."""


@event.listens_for(TrackedSession, "do_orm_execute")
def _on_execute(state: ORMExecuteState) -> None:
    if not state.is_select:
        state.session.info.pop(_KEY, None)


@event.listens_for(TrackedSession, "after_flush")
def _on_flush(session: Session, _context: Any) -> None:
    session.info.pop(_KEY, None)


def keep(session: AsyncSession, answers: dict[Hashable, Any]) -> None:
    """Keep `answers`, read in this transaction just now, until its next write."""
    if isinstance(session.sync_session, TrackedSession):
        session.sync_session.info[_KEY] = answers


def recall(session: AsyncSession, key: Hashable) -> Any:
    """The answer kept under `key`, or MISSING if none was, or a write has come since (changes
    staged but not yet flushed count: a query would flush them first)."""
    sync = session.sync_session
    kept = sync.info.get(_KEY)
    if not kept:
        return MISSING
    if sync.new or sync.deleted or sync.dirty:
        sync.info.pop(_KEY, None)
        return MISSING
    return kept.get(key, MISSING)

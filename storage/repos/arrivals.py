"""What handling an update starts with: whether it was handled before, its sender's row
refreshed, the sender's open conversation, and what every update asks next of its sender (their
studio ties, which shape their roles, and their drafts' kinds, which the menu names). The claim
comes at the end, with the replies (UpdatesRepo.claim).

On PostgreSQL all of it is one statement, since every statement is a round trip to the server
and costs the bot as much CPU as a small handler: the sender's upsert runs only if the update
was never claimed, and its row is joined to the conversation, so an update handled before
returns nothing and touches nothing. It goes to asyncpg as it is (storage.driver_sql), and the
conversation it read joins the session as if the session had loaded it. SQLite takes no INSERT
in a WITH clause, and there a statement is a call in the bot's own thread: the check and the
upsert run one after the other, then one SELECT reads the rest. The ties and kinds are kept for
their repositories (storage.read_ahead).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, bindparam, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import make_transient_to_detached

from storage.driver_sql import DriverStatement
from storage.models import Conversation, User
from storage.read_ahead import keep
from storage.repos.base import Repository, table_of
from storage.repos.drafts import kinds_ahead, kinds_column, kinds_from
from storage.repos.studios import tie_columns, ties_ahead
from storage.repos.updates import UpdatesRepo, handled
from storage.repos.users import Seen, UsersRepo, refreshing, seen_params, sender_row
from storage.types import as_utc


@dataclass(frozen=True, slots=True)
class Arrival:
    seen: Seen
    conversation: Conversation | None


def _asked_next(dialect: str) -> tuple[Any, ...]:
    """The sender's studio ties and draft kinds, by the `user` parameter."""
    user = bindparam("user", type_=BigInteger)
    contact, master = tie_columns(user)
    return (
        contact.label("contact"),
        master.label("master"),
        kinds_column(user, dialect).label("kinds"),
    )


def _arrival() -> Any:
    row = sender_row()
    fresh = ~handled(bindparam("update_id", type_=BigInteger))
    sender = select(*row.values()).where(fresh)
    seen = refreshing(pg_insert(table_of(User)).from_select(list(row), sender)).cte("seen")
    return (
        select(seen.c.language, seen.c.is_staff, Conversation, *_asked_next("postgresql"))
        .select_from(seen)
        .outerjoin(Conversation, Conversation.user_id == seen.c.id)
    )


def _after_claim() -> Any:
    """SQLite's read once the update is claimed: one row, with or without a conversation."""
    me = select(bindparam("user", type_=BigInteger).label("id")).subquery("me")
    return (
        select(Conversation, *_asked_next("sqlite"))
        .select_from(me)
        .outerjoin(Conversation, Conversation.user_id == me.c.id)
    )


# Built once: they run for every update.
_ARRIVAL = DriverStatement(_arrival())
_AFTER_CLAIM = _after_claim()


def _attached(session: AsyncSession, row: Any) -> Conversation | None:
    """The conversation the arrival read, in the session as if the session had loaded it."""
    if row["user_id"] is None:
        return None
    found = Conversation(
        user_id=row["user_id"],
        flow=row["flow"],
        step=row["step"],
        seq=row["seq"],
        data=row["data"],
        updated_at=as_utc(row["updated_at"]),
    )
    make_transient_to_detached(found)
    session.add(found)
    return found


class ArrivalsRepo(Repository):
    async def arrive(
        self,
        update_id: int,
        user_id: int,
        first_name: str,
        username: str | None,
        telegram_language: str | None,
    ) -> Arrival | None:
        """See the update's sender; None if the update was claimed before (then nothing was
        written). The sender's row, refreshed, needs no transaction: it is as true whatever
        becomes of the update."""
        if self.dialect == "postgresql":
            sender = seen_params(user_id, first_name, username, telegram_language)
            params = {**sender, "update_id": update_id, "user": user_id}
            row = await _ARRIVAL.fetchrow(self.session, params)
            if row is None:
                return None
            seen = Seen(language=row["language"], is_staff=bool(row["is_staff"]))
            conversation = _attached(self.session, row)
            contact, master, kinds = row["contact"], row["master"], row["kinds"]
        else:
            if await UpdatesRepo(self.session).handled(update_id):
                return None
            users = UsersRepo(self.session)
            seen = await users.seen(user_id, first_name, username, telegram_language)
            found = (await self.session.execute(_AFTER_CLAIM, {"user": user_id})).one()
            conversation = found.Conversation
            contact, master, kinds = found.contact, found.master, found.kinds
        keep(
            self.session,
            {
                ties_ahead(user_id): (bool(contact), bool(master)),
                kinds_ahead(user_id): kinds_from(kinds),
            },
        )
        return Arrival(seen, conversation)

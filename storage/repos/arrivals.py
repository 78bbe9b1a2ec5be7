"""What handling an update starts with: its claim, its sender's row refreshed, and the sender's
open conversation.

On PostgreSQL the three are one statement, since every statement is a round trip to the server
and costs the bot as much CPU as a small handler: the claim's row feeds the sender's upsert,
whose row is joined to the conversation, so an update claimed before returns nothing and
touches nothing. SQLite takes no INSERT in a WITH clause, and there a statement is a call in
the bot's own thread: the three run one after the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from storage.models import Conversation, ProcessedUpdate, User
from storage.repos.base import Repository, table_of
from storage.repos.conversations import ConversationsRepo
from storage.repos.updates import UpdatesRepo, claiming
from storage.repos.users import Seen, UsersRepo, refreshing, seen_params, sender_row


@dataclass(frozen=True, slots=True)
class Arrival:
    seen: Seen
    conversation: Conversation | None


def _arrival() -> Any:
    claim = claiming(pg_insert).returning(table_of(ProcessedUpdate).c.update_id).cte("claim")
    row = sender_row()
    sender = select(*row.values()).select_from(claim)
    seen = refreshing(pg_insert(table_of(User)).from_select(list(row), sender)).cte("seen")
    return (
        select(seen.c.language, seen.c.is_staff, Conversation)
        .select_from(seen)
        .outerjoin(Conversation, Conversation.user_id == seen.c.id)
    )


_ARRIVAL = _arrival()
"""Built once: it runs for every update."""


class ArrivalsRepo(Repository):
    async def arrive(
        self,
        update_id: int,
        by: str | None,
        user_id: int,
        first_name: str,
        username: str | None,
        telegram_language: str | None,
    ) -> Arrival | None:
        """Claim the update for `by` and see its sender; None if it was claimed before (then
        nothing was written). The claim commits with the handling."""
        if self.dialect == "postgresql":
            sender = seen_params(user_id, first_name, username, telegram_language)
            params = {**sender, "update_id": update_id, "by": by}
            found = (await self.session.execute(_ARRIVAL, params)).one_or_none()
            if found is None:
                return None
            return Arrival(Seen.of(found), found.Conversation)
        if not await UpdatesRepo(self.session).claim(update_id, by):
            return None
        seen = await UsersRepo(self.session).seen(user_id, first_name, username, telegram_language)
        return Arrival(seen, await ConversationsRepo(self.session).get(user_id))

"""Telegram delivers updates at least once; this table makes handling happen once."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import BigInteger, any_, bindparam, delete, exists, select, update
from sqlalchemy.dialects.postgresql import ARRAY

from storage.alone import running_alone
from storage.driver_sql import DriverStatement
from storage.models import ProcessedUpdate
from storage.repos.base import Insert, Repository, per_dialect, table_of
from storage.types import utcnow

_TABLE = table_of(ProcessedUpdate)


def _claiming(insert: Insert) -> Any:
    """A row for the update, with its replies, unless one exists."""
    return (
        insert(_TABLE)
        .values(
            update_id=bindparam("update_id"),
            handled_at=bindparam("now"),
            handled_by=bindparam("by"),
            replies=bindparam("replies", type_=_TABLE.c.replies.type),
        )
        .on_conflict_do_nothing()
    )


def handled(update_id: Any) -> Any:
    """Whether the update was claimed before, as a condition of a statement."""
    return exists().where(_TABLE.c.update_id == update_id)


# Built once: they run for every update.
_CLAIM = per_dialect(_claiming)
_CLAIM_ALONE = DriverStatement(_CLAIM["postgresql"])
_HANDLED = select(handled(bindparam("update_id", type_=BigInteger)))
_STORE = (
    update(_TABLE)
    .where(_TABLE.c.update_id == bindparam("key"))
    .values(replies=bindparam("replies"))
)


def _replied(keys: Any) -> Any:
    return update(_TABLE).where(keys).values(replied_at=bindparam("now"), replies=None)


_REPLIED = {
    # One array parameter: an IN list is a new statement for each count of updates, prepared
    # anew by the server each time.
    "postgresql": _replied(_TABLE.c.update_id == any_(bindparam("keys", type_=ARRAY(BigInteger)))),
    "sqlite": _replied(_TABLE.c.update_id.in_(bindparam("keys", expanding=True))),
}
_REPLIED_ALONE = DriverStatement(_REPLIED["postgresql"])


class UpdatesRepo(Repository):
    @property
    def _past_sqlalchemy(self) -> bool:
        """PostgreSQL, inside an `alone` block: the statement goes to asyncpg as it is."""
        return self.dialect == "postgresql" and running_alone()

    async def claim(
        self, update_id: int, by: str | None = None, replies: list[Any] | None = None
    ) -> bool:
        """True if this update was never handled: then it is, by `by`, with these replies to
        deliver; the claim commits with the handling (and a copy's, racing it, waits for that
        commit and is refused)."""
        params = {"update_id": update_id, "now": utcnow(), "by": by, "replies": replies}
        if self._past_sqlalchemy:
            params["replies"] = None if replies is None else json.dumps(replies)
            return bool(await _CLAIM_ALONE.execute(self.session, params))
        result = await self.session.execute(_CLAIM[self.dialect], params)
        return bool(getattr(result, "rowcount", 0))

    async def handled(self, update_id: int) -> bool:
        """Whether the update was claimed before (and that claim committed)."""
        return bool(await self.session.scalar(_HANDLED, {"update_id": update_id}))

    async def get(self, update_id: int) -> ProcessedUpdate | None:
        return await self.session.get(ProcessedUpdate, update_id)

    async def forget(self, update_id: int) -> None:
        """Drop the claim, so the update can be handled afresh (a dead letter run again)."""
        await self.session.execute(
            delete(ProcessedUpdate).where(ProcessedUpdate.update_id == update_id)
        )

    async def store_replies(self, update_id: int, replies: list[Any]) -> None:
        await self.session.execute(_STORE, {"key": update_id, "replies": replies})

    async def mark_replied(self, *update_ids: int) -> None:
        params = {"keys": list(update_ids), "now": utcnow()}
        if self._past_sqlalchemy:
            await _REPLIED_ALONE.execute(self.session, params)
            return
        await self.session.execute(_REPLIED[self.dialect], params)

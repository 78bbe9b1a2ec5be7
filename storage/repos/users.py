"""Users as Telegram shows them, plus what the bot knows of them (language, staff)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, false, null, select, update

from storage.models import User
from storage.repos.base import Insert, Repository, per_dialect, table_of
from storage.types import utcnow

FIRST_NAME, USERNAME, LANGUAGE, REASON = 128, 64, 16, 200


@dataclass(frozen=True, slots=True)
class Seen:
    """What handling an update needs of its sender's row: the language they chose, and whether
    they were made staff in the bot (/staff)."""

    language: str | None
    is_staff: bool

    @classmethod
    def of(cls, row: Any) -> Seen:
        """From a row the upsert returned (`refreshing`)."""
        return cls(language=row.language, is_staff=bool(row.is_staff))


def sender_row() -> dict[str, Any]:
    """The sender's row as Telegram shows them, by column: `seen_params` fill it in."""
    users = table_of(User)

    def param(name: str, column: str) -> Any:
        return bindparam(name, type_=users.c[column].type)

    return {
        "id": param("id", "id"),
        "first_name": param("first_name", "first_name"),
        "username": param("username", "username"),
        "telegram_language": param("telegram_language", "telegram_language"),
        "unreachable": null(),
        "is_staff": false(),
        "created_at": param("now", "created_at"),
        "seen_at": param("now", "seen_at"),
    }


def refreshing(stmt: Any) -> Any:
    """An INSERT of the sender's row that refreshes a row already there; returns what handling
    an update needs of it (`Seen`)."""
    users = table_of(User)
    fresh = ("first_name", "username", "telegram_language", "seen_at")
    return stmt.on_conflict_do_update(
        index_elements=[users.c.id],
        set_={**{c: stmt.excluded[c] for c in fresh}, "unreachable": None},
    ).returning(users.c.id, users.c.language, users.c.is_staff)


def _seen(insert: Insert) -> Any:
    return refreshing(insert(table_of(User)).values(**sender_row()))


_SEEN = per_dialect(_seen)


def seen_params(
    user_id: int, first_name: str, username: str | None, telegram_language: str | None
) -> dict[str, Any]:
    """The upsert's parameters: Telegram's fields cut to the columns (a client may send a
    longer language tag), and the instant."""
    return {
        "id": user_id,
        "first_name": first_name[:FIRST_NAME],
        "username": username[:USERNAME] if username else None,
        "telegram_language": telegram_language[:LANGUAGE] if telegram_language else None,
        "now": utcnow(),
    }


class UsersRepo(Repository):
    async def get(self, user_id: int) -> User | None:
        return await self.session.get(User, user_id)

    async def seen(
        self, user_id: int, first_name: str, username: str | None, telegram_language: str | None
    ) -> Seen:
        """Create or refresh the user row on each update, so notices can reach them later.

        One upsert statement, built once: this runs for every update (storage.repos.arrivals
        runs it with the update's claim). A user who writes can be written to again.
        """
        params = seen_params(user_id, first_name, username, telegram_language)
        return Seen.of((await self.session.execute(_SEEN[self.dialect], params)).one())

    async def staff_ids(self) -> list[int]:
        rows = await self.session.scalars(select(User.id).where(User.is_staff.is_(True)))
        return list(rows)

    async def mark_unreachable(self, user_id: int, reason: str) -> None:
        """Telegram refused a message to this chat (never started the bot, blocked it)."""
        await self.insert_ignore(User, {"id": user_id, "first_name": "", "is_staff": False})
        await self.session.execute(
            update(User).where(User.id == user_id).values(unreachable=reason[:REASON])
        )

    async def unreachable_among(self, user_ids: Iterable[int]) -> dict[int, str | None]:
        """Those of `user_ids` known unreachable (with why), or never seen at all (None)."""
        wanted = set(user_ids)
        rows = await self.session.execute(
            select(User.id, User.unreachable).where(User.id.in_(wanted))
        )
        known: dict[int, str | None] = {row.id: row.unreachable for row in rows}
        missing: dict[int, str | None] = {i: None for i in wanted if i not in known}
        found = {i: r for i, r in known.items() if r is not None}
        return dict(sorted({**missing, **found}.items()))

"""Users as Telegram shows them, plus what the bot knows of them (language, staff)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select, update

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


def _seen(insert: Insert) -> Any:
    users = table_of(User)
    stmt = insert(users).values(
        id=bindparam("id"),
        first_name=bindparam("first_name"),
        username=bindparam("username"),
        telegram_language=bindparam("telegram_language"),
        unreachable=None,
        is_staff=False,
        created_at=bindparam("now"),
        seen_at=bindparam("now"),
    )
    fresh = ("first_name", "username", "telegram_language", "seen_at")
    return stmt.on_conflict_do_update(
        index_elements=[users.c.id],
        set_={**{c: stmt.excluded[c] for c in fresh}, "unreachable": None},
    ).returning(users.c.language, users.c.is_staff)


_SEEN = per_dialect(_seen)


class UsersRepo(Repository):
    async def get(self, user_id: int) -> User | None:
        return await self.session.get(User, user_id)

    async def seen(
        self, user_id: int, first_name: str, username: str | None, telegram_language: str | None
    ) -> Seen:
        """Create or refresh the user row on each update, so notices can reach them later.

        One upsert statement, built once: this runs for every update. Telegram's fields are
        cut to the columns (a client may send a longer language tag), and a user who writes
        can be written to again.
        """
        row = (
            await self.session.execute(
                _SEEN[self.dialect],
                {
                    "id": user_id,
                    "first_name": first_name[:FIRST_NAME],
                    "username": username[:USERNAME] if username else None,
                    "telegram_language": telegram_language[:LANGUAGE]
                    if telegram_language
                    else None,
                    "now": utcnow(),
                },
            )
        ).one()
        return Seen(language=row.language, is_staff=bool(row.is_staff))

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

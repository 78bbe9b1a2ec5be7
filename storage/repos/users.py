"""Users as Telegram shows them, plus what the bot knows of them (language, staff)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storage.models import User
from storage.repos.base import Repository
from storage.types import utcnow

FIRST_NAME, USERNAME, LANGUAGE, REASON = 128, 64, 16, 200


class UsersRepo(Repository):
    async def get(self, user_id: int) -> User | None:
        return await self.session.get(User, user_id)

    async def seen(
        self, user_id: int, first_name: str, username: str | None, telegram_language: str | None
    ) -> User:
        """Create or refresh the user row on each update, so notices can reach them later.

        One upsert statement: this runs for every update, so it is worth a round trip each.
        Telegram's fields are cut to the columns (a client may send a longer language tag), and
        a user who writes can be written to again.
        """
        now = utcnow()
        fresh = {
            "first_name": first_name[:FIRST_NAME],
            "username": username[:USERNAME] if username else None,
            "telegram_language": telegram_language[:LANGUAGE] if telegram_language else None,
            "unreachable": None,
            "seen_at": now,
        }
        insert = pg_insert if self.dialect == "postgresql" else sqlite_insert
        stmt = (
            insert(User)
            .values(id=user_id, is_staff=False, created_at=now, **fresh)
            .on_conflict_do_update(index_elements=[User.id], set_=fresh)
            .returning(User)
        )
        result = await self.session.execute(
            select(User).from_statement(stmt).execution_options(populate_existing=True)
        )
        user: User = result.scalar_one()
        return user

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

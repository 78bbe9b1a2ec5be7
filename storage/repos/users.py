"""Users as Telegram shows them, plus what the bot knows of them (language, staff)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storage.models import User
from storage.repos.base import Repository
from storage.types import utcnow


class UsersRepo(Repository):
    async def get(self, user_id: int) -> User | None:
        return await self.session.get(User, user_id)

    async def seen(
        self, user_id: int, first_name: str, username: str | None, telegram_language: str | None
    ) -> User:
        """Create or refresh the user row on each update, so notices can reach them later.

        One upsert statement: this runs for every update, so it is worth a round trip each.
        """
        now = utcnow()
        fresh = {
            "first_name": first_name[:128],
            "username": username,
            "telegram_language": telegram_language,
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

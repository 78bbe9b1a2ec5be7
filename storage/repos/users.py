"""Users as Telegram shows them, plus what the bot knows of them (language, staff)."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import User
from storage.repos.base import Repository
from storage.types import utcnow


class UsersRepo(Repository):
    async def get(self, user_id: int) -> User | None:
        return await self.session.get(User, user_id)

    async def seen(
        self, user_id: int, first_name: str, username: str | None, telegram_language: str | None
    ) -> User:
        """Create or refresh the user row on each update, so notices can reach them later."""
        await self.insert_ignore(User, {"id": user_id, "first_name": first_name[:128]})
        user = await self.session.get(User, user_id)
        assert user is not None
        user.first_name = first_name[:128]
        user.username = username
        user.telegram_language = telegram_language
        user.seen_at = utcnow()
        return user

    async def staff_ids(self) -> list[int]:
        rows = await self.session.scalars(select(User.id).where(User.is_staff.is_(True)))
        return list(rows)

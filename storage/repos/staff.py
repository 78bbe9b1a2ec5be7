"""Staff granted in the bot (/staff), beside the fixed `STAFF_IDS` of the settings."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import User
from storage.repos.base import Repository


class StaffRepo(Repository):
    async def granted(self) -> list[User]:
        rows = await self.session.scalars(
            select(User).where(User.is_staff.is_(True)).order_by(User.id)
        )
        return list(rows)

    async def grant(self, user_id: int) -> bool:
        """Make `user_id` staff, creating the user row if they never wrote; False if already."""
        await self.insert_ignore(User, {"id": user_id, "first_name": "", "is_staff": False})
        user = await self.session.get(User, user_id)
        assert user is not None
        if user.is_staff:
            return False
        user.is_staff = True
        return True

    async def revoke(self, user_id: int) -> bool:
        """False if `user_id` was not staff granted in the bot."""
        user = await self.session.get(User, user_id)
        if user is None or not user.is_staff:
            return False
        user.is_staff = False
        return True

"""The unit of work owns the session and the commit; repositories only stage changes."""

from __future__ import annotations

from types import TracebackType
from typing import Self, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.repos.audit import AuditRepo
from storage.repos.base import Repository
from storage.repos.conversations import ConversationsRepo
from storage.repos.outbox import OutboxRepo
from storage.repos.updates import UpdatesRepo
from storage.repos.users import UsersRepo

R = TypeVar("R", bound=Repository)


class UnitOfWork:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._session: AsyncSession | None = None
        self._repos: dict[type[Repository], Repository] = {}

    async def __aenter__(self) -> Self:
        self._session = self._sessions()
        self._repos = {}
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._session is not None
        try:
            if exc_type is not None:
                await self._session.rollback()
        finally:
            await self._session.close()
            self._session = None

    @property
    def session(self) -> AsyncSession:
        assert self._session is not None, "unit of work used outside `async with`"
        return self._session

    def repo(self, cls: type[R]) -> R:
        """Any repository, created once per unit of work; later features add theirs freely."""
        found = self._repos.get(cls)
        if found is None:
            found = self._repos[cls] = cls(self.session)
        assert isinstance(found, cls)
        return found

    @property
    def users(self) -> UsersRepo:
        return self.repo(UsersRepo)

    @property
    def updates(self) -> UpdatesRepo:
        return self.repo(UpdatesRepo)

    @property
    def outbox(self) -> OutboxRepo:
        return self.repo(OutboxRepo)

    @property
    def audit(self) -> AuditRepo:
        return self.repo(AuditRepo)

    @property
    def conversations(self) -> ConversationsRepo:
        return self.repo(ConversationsRepo)

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()

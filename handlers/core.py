"""The framework-free bot: one Incoming in, the replies out, everything committed in between.

Each update is claimed by `update_id` once handled, with its replies, in the same transaction as
its effects; the replies are kept until the shell reports them delivered, so a redelivered
update is handled once and a crash between commit and reply still gets the reply out. A copy
handled meanwhile elsewhere wins the claim, and this handling is rolled back, not committed.
An update that asked nothing of the database beyond its arrival (storage.repos.arrivals) is
two statements, each whole alone (storage.alone). A failure is raised, never swallowed: the
shell's intake decides between trying again and keeping the update as a dead letter.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.context import Context, CoreConfig, Download
from handlers.events import Incoming
from handlers.fit import fit
from handlers.flow import Flow
from handlers.registry import Registry
from handlers.roles import RoleSource, resolve_roles
from handlers.router import route
from services.messages.actions import OUTGOING_LIST, Outgoing
from services.messages.texts import Texts
from storage.alone import alone
from storage.repos.arrivals import Arrival, ArrivalsRepo
from storage.types import utcnow
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

IN_FLIGHT = 120.0  # seconds a live process may take to send an update's replies
IN_FLIGHT_POLL = 0.1


@dataclass(frozen=True, slots=True)
class Handled:
    replies: list[Outgoing]
    first: bool  # False: a redelivery; `replies` are those it had not delivered yet, if any


class Core:
    """`download` reads a user's file; `on_enqueue` is called once an update queued notices for
    others, so the outbox sender wakes up instead of waiting for its next look.

    A copy of an update that another process handled (`instance`, a name of its own for each
    process) waits while that process is alive (`alive`, storage.liveness) and may still be
    sending its replies, at most IN_FLIGHT seconds from the handling: then they are delivered
    (and the copy stays silent), or that process died or hangs (and the copy replays what it
    left undelivered). Copies within one process are kept apart by the intake's lock, so a
    copy here replays at once."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        flows: Sequence[Flow],
        config: CoreConfig,
        role_sources: Sequence[RoleSource] = (),
        *,
        download: Download | None = None,
        on_enqueue: Callable[[], None] = lambda: None,
        alive: Callable[[str], Awaitable[bool]] | None = None,
    ) -> None:
        self.sessions = sessions
        self.registry = Registry(flows)
        self.config = config
        self.role_sources = list(role_sources)
        self.on_enqueue = on_enqueue
        self.download = download
        self.instance = uuid.uuid4().hex
        self.alive = alive or _gone

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.sessions)

    async def handle(self, incoming: Incoming) -> Handled:
        """Handle once; the shell performs the replies, then calls `delivered`."""
        sender, update_id = incoming.sender, incoming.update_id
        async with self.uow() as uow:
            arrival = await uow.repo(ArrivalsRepo).arrive(  # alone by itself
                update_id, sender.user_id, sender.first_name, sender.username, sender.language
            )
            ctx = None if arrival is None else await self._route(uow, incoming, arrival)
            if ctx is not None:
                replies = [a.model_dump(mode="json") for a in ctx.out]
                async with alone(uow.session):
                    claimed = await uow.updates.claim(update_id, self.instance, replies)
                if claimed:
                    await uow.commit()
                    queued = ctx.notified or uow.outbox.enqueued  # services queue notices
                else:  # a copy handled meanwhile elsewhere: this handling never happened
                    await uow.session.rollback()
                    ctx = None
        if ctx is None:  # this transaction is over: the replay reads in one of its own
            return Handled(await self._replay(update_id), first=False)
        if queued:
            self.on_enqueue()
        return Handled(ctx.out, first=True)

    async def delivered(self, *update_ids: int) -> None:
        """The replies of these updates reached Telegram: a redelivery no longer replays them."""
        async with self.uow() as uow:
            async with alone(uow.session):
                await uow.updates.mark_replied(*update_ids)
            await uow.commit()

    async def undelivered(self, update_id: int, replies: Sequence[Outgoing]) -> None:
        """Only these replies are still to go: a redelivery replays them and not the others."""
        async with self.uow() as uow:
            async with alone(uow.session):
                await uow.updates.store_replies(
                    update_id, [a.model_dump(mode="json") for a in replies]
                )
            await uow.commit()

    async def _route(self, uow: UnitOfWork, incoming: Incoming, arrival: Arrival) -> Context:
        sender, user = incoming.sender, arrival.seen
        lang = self.config.recipients.language(user.language, sender.language)
        ctx = Context(
            uow=uow,
            incoming=incoming,
            texts=Texts(lang),
            roles=await resolve_roles(
                uow,
                sender.user_id,
                self.config.staff_ids,
                self.role_sources,
                made_staff=user.is_staff,
            ),
            config=self.config,
            registry=self.registry,
            conversation=arrival.conversation,
            download=self.download,
        )
        await route(ctx)
        ctx.out = fit(ctx.out)
        return ctx

    async def _replay(self, update_id: int) -> list[Outgoing]:
        """The replies a redelivered update still owes, once no other process is sending them."""
        while True:
            async with self.uow() as uow:
                row = await uow.updates.get(update_id)
            if row is None or row.replied_at is not None or not row.replies:
                return []
            left = IN_FLIGHT - (utcnow() - row.handled_at).total_seconds()
            by = row.handled_by
            if by in (None, self.instance) or left <= 0 or not await self.alive(by):
                log.info("update %s came again before its replies were confirmed", update_id)
                return OUTGOING_LIST.validate_python(row.replies)
            await asyncio.sleep(min(IN_FLIGHT_POLL, left))


async def _gone(_: str) -> bool:
    """Without a way to ask, a process that handled an update elsewhere counts as gone."""
    return False

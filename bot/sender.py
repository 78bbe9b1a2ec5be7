"""Drains the outbox under the flood limits: claim, send, mark — so each message goes out once.

A row claimed by a process that died is claimed again when its lease expires; a failure is
retried with backoff (or after Telegram's `retry_after`) and given up, visibly, after
`max_attempts`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery import (
    Deliverer,
    FloodWait,
    LeaseExpired,
    PermanentError,
    TransientError,
    backoff,
)
from bot.staff_reach import is_unreachable
from services.messages.actions import OUTGOING
from storage.repos.outbox import Claimed
from storage.types import utcnow
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)


class OutboxSender:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        deliverer: Deliverer,
        lease: timedelta = timedelta(minutes=5),
        batch: int = 100,
        max_attempts: int = 8,
        idle_poll: float = 1.0,
        backoff_base: float = 1.0,
    ) -> None:
        self.sessions = sessions
        self.deliverer = deliverer
        self.lease = lease
        self.batch = batch
        self.max_attempts = max_attempts
        self.idle_poll = idle_poll
        self.backoff_base = backoff_base
        self.worker = f"sender-{uuid.uuid4().hex[:12]}"
        self._wake = asyncio.Event()

    def wake(self) -> None:
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        stopping = asyncio.ensure_future(stop.wait())
        stopping.add_done_callback(lambda _: self._wake.set())  # no idle wait at shutdown
        while not stop.is_set():
            try:
                sent = await self.drain_once()
            except Exception:
                log.exception("outbox drain failed; retrying")
                sent = 0
            if sent == 0 and not stop.is_set():
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self.idle_poll)

    async def drain_once(self) -> int:
        """Claim a batch of due rows and send them; returns how many were claimed.

        A row is sent only while at least half of its lease is left: a batch that waits long
        for its slots (a flood wait, a slow machine) must not send rows whose lease has run
        out, because another sender may have claimed and sent them meanwhile.
        """
        async with UnitOfWork(self.sessions) as uow:
            rows = await uow.outbox.claim(self.worker, self.lease, self.batch)
            await uow.commit()
        until = time.monotonic() + self.lease.total_seconds() / 2
        await asyncio.gather(*(self._send(row, until) for row in rows))
        return len(rows)

    async def _send(self, row: Claimed, until: float | None = None) -> None:
        error: str | None = None
        retry_in = 0.0
        try:
            await self.deliverer.once(OUTGOING.validate_python(row.action), until)
        except LeaseExpired:
            return  # claimable again once its lease ends, by whichever sender comes first
        except FloodWait as exc:
            error, retry_in = str(exc), exc.retry_after
        except TransientError as exc:
            error, retry_in = f"transient: {exc}", backoff(row.attempts, self.backoff_base)
        except PermanentError as exc:
            error, retry_in = f"permanent: {exc}", -1
        except Exception as exc:  # a bug must not lose the row silently
            log.exception("outbox row %s", row.id)
            error, retry_in = f"unexpected: {exc!r}", backoff(row.attempts, self.backoff_base)
        async with UnitOfWork(self.sessions) as uow:
            if error is None:
                await uow.outbox.mark_sent(row.id, self.worker)
            elif retry_in < 0 or row.attempts >= self.max_attempts:
                log.warning("outbox row %s (%s) given up: %s", row.id, row.key, error)
                await uow.outbox.give_up(row.id, self.worker, error)
                if is_unreachable(error) and row.chat_id > 0:
                    await uow.users.mark_unreachable(row.chat_id, error)
            else:
                at = utcnow() + timedelta(seconds=retry_in)
                await uow.outbox.retry_later(row.id, self.worker, at, error)
            await uow.commit()
        if error is not None and retry_in >= 0:
            self.wake()

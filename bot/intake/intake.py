"""The one place an update is taken: translated, handled, answered and marked, on its own.

`take(raw)` gets the update exactly as Telegram sent it (an item of getUpdates, a webhook body)
and returns what became of it once that is durable, or raises `RetryLater`: then nothing about
it is settled and Telegram must deliver it again (polling keeps the offset, a webhook answers
5xx). One update's failure never reaches another's: a transient failure is retried a bounded
number of times, any other failure at once becomes a dead letter and its sender is told once.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable, Sequence
from enum import StrEnum

from bot.delivery import Deliverer, PermanentError
from bot.intake.acks import Acks
from bot.intake.dead_letters import DeadLetters, Failure
from bot.intake.failures import describe, is_transient, retry_delay
from bot.intake.translate import Unreadable, translate, update_id_of
from handlers.core import Core
from services.messages.actions import Outgoing
from storage.types import utcnow
from storage.update_locks import UpdateLocks

log = logging.getLogger(__name__)

DEFAULT_MAX_ATTEMPTS = 3


class Outcome(StrEnum):
    HANDLED = "handled"  # handled now (or its undelivered replies replayed) and answered
    IGNORED = "ignored"  # not for us: another kind of update, a group, a bot
    DUPLICATE = "duplicate"  # handled and answered before: nothing sent again
    DEAD_LETTERED = "dead_lettered"  # kept as a dead letter; its sender was told, if anyone


class RetryLater(Exception):
    """Nothing is settled about this update: Telegram must deliver it again after `delay`."""

    def __init__(self, update_id: int, attempts: int, delay: float, reason: str) -> None:
        super().__init__(f"update {update_id}, attempt {attempts}: {reason}")
        self.update_id = update_id
        self.attempts = attempts
        self.delay = delay


class Intake:
    def __init__(
        self,
        core: Core,
        deliverer: Deliverer,
        locks: UpdateLocks,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        scrub: Callable[[str], str] = str,
    ) -> None:
        self.core = core
        self.deliverer = deliverer
        self.locks = locks
        self.max_attempts = max_attempts
        self.scrub = scrub
        self.letters = DeadLetters(core, deliverer)
        self.acks = Acks(lambda ids: core.delivered(*ids))
        self._tries: dict[int, Failure] = {}
        self._unmarked: set[int] = set()  # replies sent, the mark not yet written

    async def take(self, raw: object) -> Outcome:
        """Handle one raw update; returns once the outcome is durable, else raises RetryLater."""
        return await self._take(raw, apologise=True)

    async def retry(self, update_id: int) -> Outcome:
        """Run a dead letter again (after a fix); it is removed unless it fails again."""
        letter = await self.letters.take_back(update_id)
        self._tries.pop(update_id, None)
        outcome = await self._take(json.loads(letter.raw), apologise=False)
        if outcome is not Outcome.DEAD_LETTERED:
            await self.letters.remove(update_id)
        return outcome

    async def _take(self, raw: object, apologise: bool) -> Outcome:
        update_id = update_id_of(raw)
        if update_id is None:
            log.warning("an update without a usable update_id was ignored")
            return Outcome.IGNORED
        try:
            async with self.locks.hold(update_id):
                try:
                    outcome = await self._handle(update_id, raw)
                except Exception as exc:
                    return await self._failed(update_id, raw, exc, apologise)
        except RetryLater:
            raise
        except Exception as exc:  # the lock itself: the database is away
            return await self._failed(update_id, raw, exc, apologise)
        self._tries.pop(update_id, None)
        return outcome

    async def _handle(self, update_id: int, raw: object) -> Outcome:
        if update_id in self._unmarked:
            await self.core.delivered(update_id)
            self._unmarked.discard(update_id)
            return Outcome.DUPLICATE
        incoming = translate(raw)
        if incoming is None:
            return Outcome.IGNORED
        handled = await self.core.handle(incoming)
        if not handled.first and not handled.replies:
            return Outcome.DUPLICATE
        await self._deliver(update_id, handled.replies)
        return Outcome.HANDLED

    async def _deliver(self, update_id: int, replies: Sequence[Outgoing]) -> None:
        """Send in order; on failure keep only what is still to go, for the next copy."""
        for index, action in enumerate(replies):
            try:
                await self.deliverer.reply(action)
            except PermanentError as exc:  # blocked, chat gone: retrying cannot help
                log.warning("reply to update %s refused: %s", update_id, self.scrub(str(exc)))
            except Exception:
                with contextlib.suppress(Exception):
                    await self.core.undelivered(update_id, replies[index:])
                raise
        try:
            await self.acks.mark(update_id)
        except Exception:
            self._unmarked.add(update_id)
            raise

    async def _failed(
        self, update_id: int, raw: object, exc: Exception, apologise: bool
    ) -> Outcome:
        tries = self._count(update_id, raw, self.scrub(describe(exc)))
        if is_transient(exc) and tries.attempts < self.max_attempts:
            log.warning(
                "update %s failed (attempt %d of %d), will retry: %s",
                update_id,
                tries.attempts,
                self.max_attempts,
                tries.error,
            )
            raise _later(tries)
        _log_dead_letter(tries, exc)
        try:
            await self.letters.record(tries, apologise)
        except Exception as again:
            log.warning("update %s not kept either (%s); it must come again", update_id, again)
            raise _later(tries) from again
        self._tries.pop(update_id, None)
        return Outcome.DEAD_LETTERED

    def _count(self, update_id: int, raw: object, error: str) -> Failure:
        before = self._tries.get(update_id)
        tries = Failure(
            update_id,
            raw,
            error,
            attempts=before.attempts + 1 if before else 1,
            first_at=before.first_at if before else utcnow(),
        )
        self._tries[update_id] = tries
        return tries


def _later(tries: Failure) -> RetryLater:
    return RetryLater(tries.update_id, tries.attempts, retry_delay(tries.attempts), tries.error)


def _log_dead_letter(tries: Failure, exc: Exception) -> None:
    """A bug gets its traceback; a passing failure and Telegram's nonsense get one line."""
    if is_transient(exc):
        log.error(
            "update %s failed %d times, kept as a dead letter: %s",
            tries.update_id,
            tries.attempts,
            tries.error,
        )
    elif isinstance(exc, Unreadable):
        log.warning("update %s unreadable (%s), kept as a dead letter", tries.update_id, exc)
    else:
        log.error(
            "update %s cannot be handled, kept as a dead letter", tries.update_id, exc_info=exc
        )

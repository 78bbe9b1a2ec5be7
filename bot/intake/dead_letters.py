"""Where an update goes when it cannot be handled: kept with its error, its sender told once.

The dead letter is written together with the update's claim, so a later copy of the update is
a duplicate, and the apology is stored as the claim's reply: it goes out once, like any reply.
An update whose effects were committed before its replies failed is not claimed again: it is
marked `handled`, and running it again replays its replies instead of redoing its effects.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime

from bot.delivery import Deliverer
from bot.intake.translate import sender_of
from handlers.core import Core
from services.messages.actions import Outgoing, Send
from services.messages.texts import Texts
from storage.models import DeadLetter
from storage.repos.dead_letters import DeadLettersRepo
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Failure:
    update_id: int
    raw: object
    error: str
    attempts: int
    first_at: datetime


def as_json(raw: object) -> str:
    """The update as a JSON document of ASCII only: NULs and broken surrogates stay escaped."""
    return json.dumps(raw, ensure_ascii=True, default=repr)


class DeadLetters:
    def __init__(self, core: Core, deliverer: Deliverer) -> None:
        self.core = core
        self.deliverer = deliverer

    async def record(self, failure: Failure, apologise: bool = True) -> None:
        """Keep the update; raises if even that fails (then it must come again)."""
        apology: list[Outgoing] = []
        async with self.core.uow() as uow:
            fresh = await uow.updates.claim(failure.update_id)
            if fresh and apologise:
                apology = await self._apology(uow, failure.raw)
            await uow.repo(DeadLettersRepo).record(
                failure.update_id,
                as_json(failure.raw),
                failure.error,
                failure.attempts,
                failure.first_at,
                handled=not fresh,
            )
            if fresh:
                await uow.updates.store_replies(
                    failure.update_id, [a.model_dump(mode="json") for a in apology]
                )
            await uow.commit()
        if apology:
            await self._send(failure.update_id, apology)

    async def _apology(self, uow: UnitOfWork, raw: object) -> list[Outgoing]:
        """In the language the sender chose, else their client's: the one thing they'll read."""
        sender = sender_of(raw)
        if sender is None:
            return []
        known = await uow.users.get(sender.user_id)
        chosen = known.language if known is not None else None
        lang = self.core.config.recipients.language(chosen, sender.language)
        return [Send(chat_id=sender.chat_id, text=Texts(lang)("common.error"))]

    async def _send(self, update_id: int, apology: list[Outgoing]) -> None:
        """Best effort: a failing Telegram must not turn the dead letter into a retry."""
        try:
            for action in apology:
                await self.deliverer.reply(action)
            await self.core.delivered(update_id)
        except Exception as exc:
            log.warning("apology for update %s not delivered: %s", update_id, exc)

    async def take_back(self, update_id: int) -> DeadLetter:
        """Ready a dead letter to be run again: an update never handled loses its claim."""
        async with self.core.uow() as uow:
            letter = await uow.repo(DeadLettersRepo).get(update_id)
            if letter is None:
                raise LookupError(f"no dead letter for update {update_id}")
            if not letter.handled:
                await uow.updates.forget(update_id)
            await uow.commit()
        return letter

    async def remove(self, update_id: int) -> None:
        async with self.core.uow() as uow:
            await uow.repo(DeadLettersRepo).remove(update_id)
            await uow.commit()

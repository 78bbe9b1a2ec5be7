"""Telling someone other than the sender: their language, and a message through the outbox.

A service writes what it tells people as outbox rows in the caller's unit of work, so the
message leaves only if the change it reports is committed; the sender delivers it.
"""

from __future__ import annotations

from datetime import datetime

from services.messages.actions import AnswerCallback, Outgoing
from services.messages.texts import Lang, Texts, pick_language
from storage.uow import UnitOfWork


async def texts_for(uow: UnitOfWork, user_id: int, default: Lang) -> Texts:
    """Their chosen language, else their Telegram client's, else the bot's default."""
    user = await uow.users.get(user_id)
    chosen, telegram = (user.language, user.telegram_language) if user else (None, None)
    return Texts(pick_language(chosen, telegram, default))


async def tell(
    uow: UnitOfWork, key: str, action: Outgoing, not_before: datetime | None = None
) -> bool:
    """Queue `action` once per `key`; False if a row with that key was queued before."""
    assert not isinstance(action, AnswerCallback)
    payload = action.model_dump(mode="json")
    return await uow.outbox.enqueue(key, action.chat_id, payload, not_before)

"""Texts in the language of someone who is not the sender (the unit, the issuing staff)."""

from __future__ import annotations

from handlers.context import Context
from services import recipients
from services.messages.texts import Texts


async def texts_for(ctx: Context, user_id: int) -> Texts:
    """Their chosen language, else their Telegram client's, else the bot's default."""
    return await recipients.texts_for(ctx.uow, user_id, ctx.config.default_lang)

"""Texts in the language of someone who is not the sender (the unit, the issuing staff)."""

from __future__ import annotations

from handlers.context import Context
from services.messages.texts import Texts, pick_language


async def texts_for(ctx: Context, user_id: int) -> Texts:
    """Their chosen language, else their Telegram client's, else the bot's default."""
    user = await ctx.uow.users.get(user_id)
    chosen, telegram = (user.language, user.telegram_language) if user else (None, None)
    return Texts(pick_language(chosen, telegram, ctx.config.default_lang))
